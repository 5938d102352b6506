#include "kiosk/store/event_columns.hpp"

#include <sstream>

namespace einlass::store {

std::string join_list(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ',';
    out += parts[i];
  }
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ','))
    out.push_back(part);
  if (text.back() == ',') out.emplace_back();
  return out;
}

std::string flags_text(const std::vector<bool>& flags) {
  std::string out;
  for (bool f : flags)
    out.push_back(f ? '1' : '0');
  return out;
}

std::vector<bool> parse_flags(const std::string& text) {
  std::vector<bool> out;
  for (char c : text)
    out.push_back(c == '1');
  return out;
}

void bind_event_columns(Statement& st, const core::CheckinEvent& e) {
  st.bind(1, e.uuid)
      .bind(2, core::event_kind_name(e.kind))
      .bind(3, e.participant)
      .bind(4, e.venue)
      .bind(5, e.day)
      .bind(6, e.round)
      .bind(7, e.room)
      .bind(8, join_list(e.rooms))
      .bind(9, flags_text(e.rooms_assigned_here))
      .bind(10, e.device)
      .bind(11, e.wall_ms)
      .bind(12, e.hlc.wall_ms)
      .bind(13, static_cast<int64_t>(e.hlc.counter))
      .bind(14, e.ref)
      .bind(15, e.detail);
}

core::CheckinEvent read_event_columns(const Statement& st) {
  core::CheckinEvent e;
  e.uuid = st.text(0);
  e.kind = core::parse_event_kind(st.text(1)).value_or(core::EventKind::Entry);
  e.participant = st.text(2);
  e.venue = st.text(3);
  e.day = st.text(4);
  e.round = static_cast<int>(st.integer(5));
  e.room = st.text(6);
  e.rooms = split_list(st.text(7));
  e.rooms_assigned_here = parse_flags(st.text(8));
  e.device = st.text(9);
  e.wall_ms = st.integer(10);
  e.hlc = {st.integer(11), static_cast<uint32_t>(st.integer(12))};
  e.ref = st.text(13);
  e.detail = st.text(14);
  return e;
}

}  // namespace einlass::store
