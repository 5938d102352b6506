// The wire protocol both ends share: what a valid event, roster row, agenda change and answer
// look like, and that every invalid one is refused with the field named.
#include <gtest/gtest.h>

#include "kiosk/core/uuid.hpp"
#include "sync/protocol/json_reader.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol_error.hpp"
#include "sync/protocol/wire_event.hpp"
#include "sync/protocol/wire_roster.hpp"

namespace einlass::sync::protocol {
namespace {

using nlohmann::json;

core::CheckinEvent sample_event() {
  core::CheckinEvent e;
  e.uuid = core::new_uuid_v7(1'568'293'800'000);
  e.kind = core::EventKind::Entry;
  e.participant = "R1001";
  e.venue = "magdeburg";
  e.day = "2019-09-12";
  e.rooms = {"mag-hf1", ""};
  e.rooms_assigned_here = {false, true};
  e.device = "kiosk-0a1b2c3d4e5f";
  e.wall_ms = 1'568'293'800'000;
  e.hlc = {1'568'293'800'000, 3};
  e.detail = R"({"z":1,"a":"Ä"})";
  return e;
}

// The error message for `j` read as an event, or "" when it is valid.
std::string event_error(const json& j) {
  try {
    event_from_json(j, "events[0]", true);
    return "";
  } catch (const ProtocolError& e) {
    return e.what();
  }
}

TEST(SyncProtocol, EventRoundTripsExactly) {
  const core::CheckinEvent e = sample_event();
  const core::CheckinEvent back = event_from_json(event_to_json(e), "e", true);
  EXPECT_EQ(back.uuid, e.uuid);
  EXPECT_EQ(back.rooms, e.rooms);
  EXPECT_EQ(back.rooms_assigned_here, e.rooms_assigned_here);
  EXPECT_EQ(back.hlc, e.hlc);
  EXPECT_EQ(back.detail, e.detail) << "detail travels as text, byte for byte";
}

TEST(SyncProtocol, InvalidEventsAreRefusedNamingTheField) {
  const json good = event_to_json(sample_event());
  EXPECT_EQ(event_error(good), "");
  const auto with = [&](const char* key, json value) {
    json j = good;
    j[key] = std::move(value);
    return event_error(j);
  };
  const auto without = [&](const char* key) {
    json j = good;
    j.erase(key);
    return event_error(j);
  };
  EXPECT_NE(with("uuid", "ABC").find("events[0].uuid"), std::string::npos);
  EXPECT_NE(with("uuid", 5).find("must be a string"), std::string::npos);
  EXPECT_NE(with("kind", "teleport").find("events[0].kind"), std::string::npos);
  EXPECT_NE(with("participant", "R 1").find("participant"), std::string::npos);
  EXPECT_NE(with("participant", std::string(65, 'R')).find("participant"), std::string::npos);
  EXPECT_NE(with("day", "12.09.2019").find("day"), std::string::npos);
  EXPECT_NE(with("wall_ms", 5).find("wall_ms"), std::string::npos);
  EXPECT_NE(with("wall_ms", 1.5).find("whole number"), std::string::npos);
  EXPECT_NE(with("hlc_counter", -1).find("hlc_counter"), std::string::npos);
  EXPECT_NE(with("round", 9).find("round"), std::string::npos);
  EXPECT_NE(with("rooms", json::array({1})).find("rooms[0]"), std::string::npos);
  EXPECT_NE(with("rooms_assigned_here", json::array({true})).find("rooms_assigned_here"),
            std::string::npos);
  EXPECT_NE(with("detail", "[1,2]").find("detail"), std::string::npos);
  EXPECT_NE(with("detail", std::string(5000, ' ')).find("detail"), std::string::npos);
  EXPECT_NE(with("ref", core::new_uuid_v7(1)).find("only allowed on undo"), std::string::npos);
  EXPECT_NE(with("colour", "blue").find("events[0].colour is not a known field"),
            std::string::npos);
  EXPECT_NE(without("device").find("events[0].device is missing"), std::string::npos);
  EXPECT_NE(event_error(json::array()).find("must be a JSON object"), std::string::npos);

  json undo = good;
  undo["kind"] = "undo";
  EXPECT_NE(event_error(undo).find("ref"), std::string::npos) << "an undo names what it undoes";
  undo["ref"] = core::new_uuid_v7(1);
  EXPECT_EQ(event_error(undo), "");
  json room = good;
  room["kind"] = "room_entry";
  EXPECT_NE(event_error(room).find("round"), std::string::npos);
  room["round"] = 1;
  room["room"] = "mag-hf1";
  EXPECT_EQ(event_error(room), "");
}

TEST(SyncProtocol, LenientReadingIgnoresNewFieldsStrictReadingDoesNot) {
  json j = event_to_json(sample_event());
  j["added_in_v2"] = true;
  EXPECT_NO_THROW(event_from_json(j, "e", false));
  EXPECT_THROW(event_from_json(j, "e", true), ProtocolError);
}

TEST(SyncProtocol, PushEnvelopeIsCheckedBeforeItsEvents) {
  EXPECT_THROW(push_request_events(json::parse("{}")), ProtocolError);
  EXPECT_THROW(push_request_events(json{{"events", 1}}), ProtocolError);
  EXPECT_THROW(push_request_events(json{{"events", json::array()}, {"x", 1}}), ProtocolError);
  json many{{"events", json::array()}};
  for (int i = 0; i < 1001; ++i)
    many["events"].push_back(i);
  EXPECT_THROW(push_request_events(many), ProtocolError);
  // Elements are only counted here: a bad element is refused alone later.
  EXPECT_EQ(push_request_events(json{{"events", {1, "x"}}}).size(), 2u);
}

TEST(SyncProtocol, AnswersRoundTrip) {
  PushAnswer push;
  push.results = {{"u1", PushStatus::Stored, ""}, {"u2", PushStatus::Rejected, "why"}};
  push.envelope = {1'700'000'000'000, {5, 6, 7, 8}};
  const PushAnswer back = push_answer_from_json(to_json(push));
  ASSERT_EQ(back.results.size(), 2u);
  EXPECT_EQ(back.results[1].status, PushStatus::Rejected);
  EXPECT_EQ(back.results[1].reason, "why");
  EXPECT_EQ(back.envelope.heads.agenda, 7);

  RosterPage roster;
  core::RosterEntry r;
  r.participant_id = "R7";
  r.registration_id = 7;
  r.first_name = "Jürgen";
  r.venue = "halle";
  r.round_topics = {"HF2", ""};
  roster.entries = {r};
  roster.removed = {"R8"};
  roster.cursor = 42;
  roster.envelope.server_time_ms = 1'700'000'000'000;
  const RosterPage rb = roster_page_from_json(to_json(roster));
  EXPECT_EQ(rb.entries.at(0).first_name, "Jürgen");
  EXPECT_EQ(rb.entries.at(0).round_topics, r.round_topics);
  EXPECT_EQ(rb.removed, roster.removed);
  EXPECT_EQ(rb.cursor, 42);
  EXPECT_FALSE(to_json(roster).dump().find("email") != std::string::npos);

  json bad_roster = to_json(roster);
  bad_roster["entries"][0]["participant_id"] = "R9";
  EXPECT_THROW(roster_page_from_json(bad_roster), ProtocolError) << "id and registration agree";
  EXPECT_THROW(events_page_from_json(json{{"events", json::array()}}), ProtocolError);
}

TEST(SyncProtocol, AgendaChangesAndTimes) {
  EXPECT_EQ(parse_hhmm("16:05", "t").minutes_since_midnight, 16 * 60 + 5);
  EXPECT_EQ(parse_hhmm("24:00", "t").minutes_since_midnight, 24 * 60);
  for (const char* bad : {"24:01", "7:05", "16:60", "16-05", "", "ab:cd"})
    EXPECT_THROW(parse_hhmm(bad, "t"), ProtocolError) << bad;
  core::AgendaChange c;
  c.id = 3;
  c.kind = core::AgendaChangeKind::ChangeItem;
  c.venue = "dessau";
  c.day = "2019-09-19";
  c.item = 2;
  c.end = core::LocalTime::hm(17, 45);
  c.title = "Gesprächsrunde 2 – verlängert";
  const core::AgendaChange back = agenda_change_from_json(agenda_change_to_json(c), "c");
  EXPECT_EQ(back.item, 2);
  EXPECT_FALSE(back.start);
  EXPECT_EQ(back.end, c.end);
  EXPECT_EQ(back.title, c.title);
}

TEST(SyncProtocol, EnrolRequestIsStrict) {
  EXPECT_NO_THROW(enrol_request_from_json(json{{"code", "A"}, {"device_id", "kiosk-1"}}));
  EXPECT_THROW(enrol_request_from_json(json{{"code", ""}, {"device_id", "kiosk-1"}}),
               ProtocolError);
  EXPECT_THROW(enrol_request_from_json(json{{"code", "A"}, {"device_id", "a/b"}}), ProtocolError);
  EXPECT_THROW(enrol_request_from_json(json{{"code", "A"}, {"device_id", "k"}, {"pin", 1}}),
               ProtocolError);
}

TEST(SyncProtocol, BodiesThatAreNotJsonSaySo) {
  try {
    parse_json_body("{\"a\": ", "the body");
    FAIL();
  } catch (const ProtocolError& e) {
    EXPECT_NE(std::string(e.what()).find("the body is not valid JSON"), std::string::npos);
  }
  EXPECT_TRUE(error_answer_from_json(json("nonsense")).error.empty());
}

}  // namespace
}  // namespace einlass::sync::protocol
