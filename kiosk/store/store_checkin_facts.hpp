#pragma once
// The check-in rules' view of the world, answered from the kiosk store.

#include "kiosk/core/checkin_rules.hpp"
#include "kiosk/store/kiosk_store.hpp"

namespace einlass::store {

class StoreCheckinFacts : public core::CheckinFacts {
 public:
  StoreCheckinFacts(const KioskStore& store, const core::Venue& venue)
      : store_(store), venue_(venue) {}

  std::optional<core::RosterEntry> roster_by_registration(uint32_t id) const override {
    return store_.roster_by_registration(id);
  }
  std::optional<core::RosterEntry> roster_by_code(std::string_view code) const override {
    return store_.roster_by_code(code);
  }
  std::optional<core::RosterEntry> roster_by_participant(std::string_view id) const override {
    return store_.roster_by_participant(id);
  }
  std::optional<core::CheckinEvent> active_entry(std::string_view participant) const override {
    return store_.active_entry(participant);
  }
  std::optional<core::CheckinEvent> active_room_entry(std::string_view participant, int round,
                                                      std::string_view room) const override {
    return store_.active_room_entry(participant, round, room);
  }
  core::RoomLoad room_load() const override;
  int room_occupancy(int round, std::string_view room) const override {
    return store_.room_occupancy(round, room);
  }

 private:
  const KioskStore& store_;
  const core::Venue& venue_;
};

}  // namespace einlass::store
