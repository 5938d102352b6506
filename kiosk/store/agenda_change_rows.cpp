#include "kiosk/store/agenda_change_rows.hpp"

namespace einlass::store {

namespace {

void bind_minutes(Statement& st, int index, const std::optional<core::LocalTime>& t) {
  t ? st.bind(index, t->minutes_since_midnight) : st.bind_null(index);
}

std::optional<core::LocalTime> read_minutes(const Statement& st, int column) {
  if (st.is_null(column)) return std::nullopt;
  return core::LocalTime{static_cast<int>(st.integer(column))};
}

}  // namespace

void bind_agenda_change_columns(Statement& st, const core::AgendaChange& c) {
  c.id ? st.bind(1, c.id) : st.bind_null(1);
  st.bind(2, core::agenda_change_kind_name(c.kind))
      .bind(3, c.venue)
      .bind(4, c.day)
      .bind(5, c.from.minutes_since_midnight)
      .bind(6, c.minutes)
      .bind(7, c.item);
  bind_minutes(st, 8, c.start);
  bind_minutes(st, 9, c.end);
  c.title ? st.bind(10, *c.title) : st.bind_null(10);
  st.bind(11, c.created_ms);
}

core::AgendaChange read_agenda_change_columns(const Statement& st) {
  core::AgendaChange c;
  c.id = st.integer(0);
  // Both ends checked the kind before storing it; an unknown one cannot be in the table.
  c.kind = core::parse_agenda_change_kind(st.text(1)).value_or(core::AgendaChangeKind::Delay);
  c.venue = st.text(2);
  c.day = st.text(3);
  c.from = {static_cast<int>(st.integer(4))};
  c.minutes = static_cast<int>(st.integer(5));
  c.item = static_cast<int>(st.integer(6));
  c.start = read_minutes(st, 7);
  c.end = read_minutes(st, 8);
  if (!st.is_null(9)) c.title = st.text(9);
  c.created_ms = st.integer(10);
  return c;
}

}  // namespace einlass::store
