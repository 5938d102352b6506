#include "kiosk/store/checkin_undo.hpp"

namespace einlass::store {

namespace {

constexpr std::string_view kUndoable =
    "kind IN ('entry', 'room_entry') AND NOT EXISTS "
    "(SELECT 1 FROM events u WHERE u.ref = e.uuid AND u.kind = 'undo')";

}  // namespace

std::optional<core::CheckinEvent> last_undoable_checkin(KioskStore& store) {
  Statement st =
      store.db().prepare("SELECT uuid FROM events e WHERE device = ? AND origin = 'local' AND " +
                         std::string(kUndoable) + " ORDER BY seq DESC LIMIT 1");
  st.bind(1, store.device_id());
  if (!st.step()) return std::nullopt;
  return store.event_by_uuid(st.text(0));
}

std::optional<core::CheckinEvent> undo_checkin(KioskStore& store, std::string_view uuid,
                                               int64_t now_ms) {
  Transaction tx(store.db());
  Statement st =
      store.db().prepare("SELECT 1 FROM events e WHERE uuid = ? AND " + std::string(kUndoable));
  st.bind(1, uuid);
  if (!st.step()) return std::nullopt;
  const std::optional<core::CheckinEvent> target = store.event_by_uuid(uuid);
  core::CheckinEvent undo;
  undo.kind = core::EventKind::Undo;
  undo.participant = target->participant;
  undo.venue = target->venue;
  undo.day = target->day;
  undo.round = target->round;
  undo.room = target->room;
  undo.ref = std::string(uuid);
  core::CheckinEvent stored = store.append(tx, std::move(undo), now_ms);
  tx.commit();
  return stored;
}

}  // namespace einlass::store
