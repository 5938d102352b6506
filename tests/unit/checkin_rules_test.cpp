#include "kiosk/core/checkin_rules.hpp"

#include <gtest/gtest.h>

#include <map>

#include "event_fixtures.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_issue.hpp"

namespace einlass::core {
namespace {

// The world as the rules see it, kept in maps.
class MapFacts : public CheckinFacts {
 public:
  std::map<std::string, RosterEntry> roster;  // by participant id
  std::vector<CheckinEvent> events;
  RoomLoad load;
  mutable int load_questions = 0;

  std::optional<RosterEntry> roster_by_registration(uint32_t id) const override {
    for (const auto& [_, r] : roster)
      if (r.registration_id == id) return r;
    return std::nullopt;
  }
  std::optional<RosterEntry> roster_by_code(std::string_view code) const override {
    for (const auto& [_, r] : roster)
      if (!r.opaque_code.empty() && r.opaque_code == code) return r;
    return std::nullopt;
  }
  std::optional<RosterEntry> roster_by_participant(std::string_view id) const override {
    const auto it = roster.find(std::string(id));
    if (it == roster.end()) return std::nullopt;
    return it->second;
  }
  std::optional<CheckinEvent> active_entry(std::string_view participant) const override {
    for (const auto& e : events)
      if (e.kind == EventKind::Entry && e.participant == participant) return e;
    return std::nullopt;
  }
  std::optional<CheckinEvent> active_room_entry(std::string_view participant, int round,
                                                std::string_view room) const override {
    for (const auto& e : events)
      if (e.kind == EventKind::RoomEntry && e.participant == participant && e.round == round &&
          e.room == room)
        return e;
    return std::nullopt;
  }
  RoomLoad room_load() const override {
    ++load_questions;
    return load;
  }
  int room_occupancy(int round, std::string_view room) const override {
    int n = 0;
    for (const auto& e : events)
      if (e.kind == EventKind::RoomEntry && e.round == round && e.room == room) ++n;
    return n;
  }
};

class CheckinRules : public ::testing::Test {
 protected:
  Event event = testing::bundled_event();
  KeyPair key = make_key_pair();
  Keyring keyring;
  MapFacts facts;
  KioskSetting setting;

  void SetUp() override {
    keyring.add(key.public_key);
    setting.event = &event;
    setting.venue_index = 0;  // Magdeburg, 12.09.2019
    setting.day_index = 0;
    setting.keyring = &keyring;
    setting.event_tag = event_tag_for(event.id);
    RosterEntry anna;
    anna.participant_id = "R1";
    anna.registration_id = 1;
    anna.first_name = "Anna";
    anna.venue = "magdeburg";
    anna.round_topics = {"HF1", "HF4"};
    facts.roster["R1"] = anna;
  }

  TimePoint at(const std::string& local) const {
    return app::parse_time_option(local, event.timezone);
  }
  std::string ticket(uint32_t registration, size_t venue, std::vector<std::string> topics,
                     uint8_t serial = 0) const {
    TicketRequest request{registration, serial, venue, 0, std::move(topics), 1'500'000'000};
    return encode_ticket(ticket_payload_for(event, request), key.secret);
  }
  Decision scan(const std::string& code, const std::string& when = "2019-09-12T15:10") {
    AgendaClock clock(event, setting.venue_index, setting.day_index);
    Decision d = decide_for_code(code, setting, clock, facts, at(when));
    if (d.event_to_record) {
      CheckinEvent e = *d.event_to_record;
      e.device = "kiosk-test";
      e.wall_ms = 1;
      facts.events.push_back(e);
    }
    return d;
  }
};

TEST_F(CheckinRules, AdmitsWithFirstNameAndTheRoomForEachRound) {
  const Decision d = scan(ticket(1, 0, {"HF1", "HF4"}));
  ASSERT_EQ(d.kind, DecisionKind::Admitted);
  EXPECT_EQ(d.first_name, "Anna");
  ASSERT_EQ(d.rooms.size(), 2u);
  EXPECT_EQ(d.rooms[0].round_name, "Gesprächsrunde 1");
  EXPECT_EQ(format_hhmm(d.rooms[0].start), "15:45");
  EXPECT_EQ(d.rooms[0].topic_name, "Integrationsmonitoring und Evaluation");
  EXPECT_EQ(d.rooms[0].room_id, "mag-hf1");
  EXPECT_EQ(d.rooms[1].room_id, "mag-hf4");
  ASSERT_TRUE(d.event_to_record.has_value());
  EXPECT_EQ(d.event_to_record->kind, EventKind::Entry);
  EXPECT_EQ(d.event_to_record->participant, "R1");
  EXPECT_EQ(d.event_to_record->rooms, (std::vector<std::string>{"mag-hf1", "mag-hf4"}));
  // Both rounds came from the ticket: the (expensive) load question was not asked.
  EXPECT_EQ(facts.load_questions, 0);
}

TEST_F(CheckinRules, ATicketNotYetInTheRosterIsStillAdmittedOffline) {
  const Decision d = scan(ticket(77, 0, {"HF2", "HF3"}));
  ASSERT_EQ(d.kind, DecisionKind::Admitted);
  EXPECT_EQ(d.first_name, "");
  EXPECT_EQ(d.participant_id, "R77");
  EXPECT_EQ(d.rooms[1].room_id, "mag-hf3");
}

TEST_F(CheckinRules, SecondScanIsAlreadyCheckedInWithTimeDeviceAndRooms) {
  const std::string code = ticket(1, 0, {"HF1", "HF4"});
  ASSERT_TRUE(scan(code).admitted());
  const Decision d = scan(code, "2019-09-12T15:20");
  EXPECT_EQ(d.kind, DecisionKind::AlreadyCheckedIn);
  EXPECT_EQ(d.earlier_device, "kiosk-test");
  ASSERT_EQ(d.rooms.size(), 2u);
  EXPECT_EQ(d.rooms[0].room_id, "mag-hf1");
  EXPECT_FALSE(d.event_to_record.has_value()) << "counted once: no second entry";
}

TEST_F(CheckinRules, WrongVenueNamesTheRightVenueAndDate) {
  const Decision d = scan(ticket(5, 2, {"HF1"}));  // Stendal
  EXPECT_EQ(d.kind, DecisionKind::WrongVenue);
  EXPECT_EQ(d.right_venue_city, "Stendal");
  EXPECT_EQ(d.right_date, "2019-09-24");
  EXPECT_FALSE(d.event_to_record);
}

TEST_F(CheckinRules, BeforeOpeningAndAfterClosingSayWhen) {
  const std::string code = ticket(1, 0, {"HF1", "HF4"});
  const Decision early = scan(code, "2019-09-12T14:00");
  EXPECT_EQ(early.kind, DecisionKind::BeforeOpening);
  EXPECT_EQ(format_hhmm(early.opens), "14:15");
  EXPECT_EQ(scan(code, "2019-09-11T15:10").kind, DecisionKind::BeforeOpening);
  const Decision late = scan(code, "2019-09-12T19:00");
  EXPECT_EQ(late.kind, DecisionKind::AfterClosing);
  EXPECT_EQ(format_hhmm(late.closes), "19:00");
  EXPECT_TRUE(facts.events.empty());
  EXPECT_EQ(scan(code, "2019-09-12T14:15").kind, DecisionKind::Admitted);
}

TEST_F(CheckinRules, CancelledAndReplacedTicketsAreRefused) {
  facts.roster["R1"].cancelled = true;
  EXPECT_EQ(scan(ticket(1, 0, {"HF1", "HF4"})).kind, DecisionKind::Cancelled);
  facts.roster["R1"].cancelled = false;
  facts.roster["R1"].ticket_serial = 1;
  const Decision old = scan(ticket(1, 0, {"HF1", "HF4"}, 0));
  EXPECT_EQ(old.kind, DecisionKind::Cancelled);
  EXPECT_TRUE(old.cancelled_by_replacement);
  EXPECT_EQ(scan(ticket(1, 0, {"HF1", "HF4"}, 1)).kind, DecisionKind::Admitted);
}

TEST_F(CheckinRules, UnknownAndInvalidCodesCarryTheirReason) {
  EXPECT_EQ(scan("https://www.lik-st.de").kind, DecisionKind::UnknownCode);
  std::string altered = ticket(1, 0, {"HF1", "HF4"});
  altered[30] = altered[30] == '7' ? '8' : '7';
  const Decision bad = scan(altered);
  EXPECT_EQ(bad.kind, DecisionKind::InvalidCode);
  EXPECT_EQ(bad.ticket_verdict, TicketVerdict::BadSignature);
  const KeyPair stranger = make_key_pair();
  TicketRequest request{1, 0, 0, 0, {"HF1"}, 1'500'000'000};
  const Decision foreign = scan(encode_ticket(ticket_payload_for(event, request), stranger.secret));
  EXPECT_EQ(foreign.ticket_verdict, TicketVerdict::UnknownKey);
  EXPECT_TRUE(facts.events.empty());
}

TEST_F(CheckinRules, OpaqueCodesFromAnotherSystemAreLookedUpInTheRoster) {
  RosterEntry fatima;
  fatima.participant_id = "R9";
  fatima.registration_id = 9;
  fatima.first_name = "Fatima";
  fatima.venue = "magdeburg";
  fatima.opaque_code = "LIK-2019-004711";
  fatima.round_topics = {"HF6", "HF7"};
  facts.roster["R9"] = fatima;
  const Decision d = scan("LIK-2019-004711");
  ASSERT_EQ(d.kind, DecisionKind::Admitted);
  EXPECT_EQ(d.first_name, "Fatima");
  EXPECT_EQ(d.rooms[0].room_id, "mag-hf6");
}

TEST_F(CheckinRules, FewerChoicesGetALeastFullRoomAssignedHere) {
  facts.load.add(2, "mag-hf1", 29);  // nearly full
  const Decision d = scan(ticket(1, 0, {"HF8", ""}));
  ASSERT_EQ(d.kind, DecisionKind::Admitted);
  EXPECT_EQ(facts.load_questions, 1);
  EXPECT_EQ(d.rooms[0].room_id, "mag-hf8");
  EXPECT_FALSE(d.rooms[1].room_id.empty());
  EXPECT_NE(d.rooms[1].room_id, "mag-hf1");
  EXPECT_NE(d.rooms[1].room_id, "mag-hf8");
  EXPECT_TRUE(d.rooms[1].assigned_here);
  EXPECT_EQ(d.event_to_record->rooms_assigned_here, (std::vector<bool>{false, true}));
}

TEST_F(CheckinRules, RoomDoorAdmitsOnlyItsOwnPeopleWhileTheRoundRuns) {
  setting.door_room_id = "mag-hf1";
  const std::string anna = ticket(1, 0, {"HF1", "HF4"});
  EXPECT_EQ(scan(anna, "2019-09-12T15:00").kind, DecisionKind::NoRoundRunning);
  const Decision in = scan(anna, "2019-09-12T15:40");  // 5 minutes before round 1
  ASSERT_EQ(in.kind, DecisionKind::Admitted);
  EXPECT_EQ(in.round, 1);
  EXPECT_EQ(in.occupancy, 1);
  EXPECT_EQ(in.capacity, 30);
  EXPECT_EQ(in.event_to_record->kind, EventKind::RoomEntry);
  EXPECT_EQ(scan(anna, "2019-09-12T15:50").kind, DecisionKind::AlreadyCheckedIn);
  // In round 2 Anna belongs to HF 4's room.
  const Decision elsewhere = scan(anna, "2019-09-12T17:05");
  EXPECT_EQ(elsewhere.kind, DecisionKind::NotForThisRoom);
  ASSERT_EQ(elsewhere.rooms.size(), 1u);
  EXPECT_EQ(elsewhere.rooms[0].room_id, "mag-hf4");
}

TEST_F(CheckinRules, RoomDoorRefusesWhenTheRoomIsFull) {
  setting.door_room_id = "mag-hf1";
  for (int i = 0; i < 30; ++i) {
    CheckinEvent e;
    e.kind = EventKind::RoomEntry;
    e.participant = "X" + std::to_string(i);
    e.round = 1;
    e.room = "mag-hf1";
    facts.events.push_back(e);
  }
  const Decision d = scan(ticket(1, 0, {"HF1", "HF4"}), "2019-09-12T15:50");
  EXPECT_EQ(d.kind, DecisionKind::RoomFull);
  EXPECT_EQ(d.occupancy, 30);
  EXPECT_FALSE(d.event_to_record);
}

TEST_F(CheckinRules, StaffCheckInByParticipantIdFollowsTheSameRules) {
  AgendaClock clock(event, 0, 0);
  const Decision d = decide_for_participant("R1", setting, clock, facts, at("2019-09-12T15:10"));
  EXPECT_EQ(d.kind, DecisionKind::Admitted);
  EXPECT_EQ(decide_for_participant("R404", setting, clock, facts, at("2019-09-12T15:10")).kind,
            DecisionKind::UnknownCode);
}

TEST(DecisionNames, AreStableAndDistinct) {
  std::set<std::string_view> names;
  for (int k = 0; k <= int(DecisionKind::NoRoundRunning); ++k)
    EXPECT_TRUE(names.insert(decision_name(DecisionKind(k))).second);
  EXPECT_EQ(decision_name(DecisionKind::AlreadyCheckedIn), "already_checked_in");
}

}  // namespace
}  // namespace einlass::core
