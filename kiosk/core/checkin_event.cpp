#include "kiosk/core/checkin_event.hpp"

#include <array>
#include <utility>

namespace einlass::core {

namespace {
// Stable names: they are stored in SQLite and sent over the wire.
constexpr std::array<std::pair<EventKind, std::string_view>, 4> kKindNames{{
    {EventKind::Entry, "entry"},
    {EventKind::RoomEntry, "room_entry"},
    {EventKind::Undo, "undo"},
    {EventKind::WalkIn, "walk_in"},
}};
}  // namespace

std::string_view event_kind_name(EventKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "unknown";
}

std::optional<EventKind> parse_event_kind(std::string_view name) {
  for (const auto& [k, n] : kKindNames)
    if (n == name) return k;
  return std::nullopt;
}

}  // namespace einlass::core
