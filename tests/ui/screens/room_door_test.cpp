// Room-door mode and the decisions that need a particular event: a ticket for another day of
// the same venue, a round that has not started, a full room. The bundled event is changed for
// the test (a second Magdeburg day, one seat in Seminarraum 2.04), in every language.

#include <regex>

#include "tests/ui/screens/kiosk_screens.hpp"

namespace einlass::ui::testing {
namespace {

class RoomDoor : public KioskScreens, public ::testing::WithParamInterface<std::string> {
 protected:
  fs::path small_event() {
    std::string toml =
        read_file(fs::path(EINLASS_SOURCE_DIR) / "assets/events/regionalkonferenzen-2019.toml");
    const auto room = toml.find("id = \"mag-hf8\"");
    const auto capacity = toml.find("capacity = 30", room);
    if (room == std::string::npos || capacity == std::string::npos)
      throw std::runtime_error("the bundled event changed: mag-hf8 with 30 seats not found");
    toml.replace(capacity, 13, "capacity = 1");
    const std::string day = "date = 2019-09-12\n";
    const auto at = toml.find(day);
    if (at == std::string::npos) throw std::runtime_error("Magdeburg's day not found");
    toml.insert(at + day.size(), "\n[[venues.days]]\ndate = 2019-09-13\n");
    const fs::path file = dir_ / "small-event.toml";
    write_file(file, toml);
    return file;
  }
};

TEST_P(RoomDoor, FullRoomsRoundsNotYetRunningAndOtherDays) {
  const std::string l = GetParam();
  const ScriptRun r = run("door-" + l, R"(scan demo:anna-other-day
shot wrong-day
wait 13s
click key:staff.button
type 2019
key Enter
click key:staff.tab.door
click Seminarraum 2.04 · 2. OG, rechts
click key:staff.leave
shot door-early
scan demo:juergen
shot no-round
clock 2019-09-12T15:50
wait 13s
shot door-running
scan demo:juergen
shot door-juergen
scan demo:ole
shot room-full
wait 13s
shot door-full
clock 2019-09-12T18:50
wait 13s
shot door-late
quit
)",
                          {"--language", l, "--event", small_event().string()});
  expect_clean(r);

  const Shot& wrong_day = r.at("wrong-day");
  EXPECT_EQ(wrong_day.decision(), "wrong_day");
  EXPECT_TRUE(wrong_day.has_key("problem.wrong_day.reason"));
  EXPECT_TRUE(wrong_day.shows("2019"));

  const Shot& early = r.at("door-early");
  EXPECT_EQ(early.screen(), "welcome");
  EXPECT_EQ(early.j["door_room"], "mag-hf8");
  EXPECT_TRUE(early.has_key("door.welcome.next")) << "round 1 is next";
  EXPECT_TRUE(early.shows("Seminarraum 2.04"));
  // Before admission opens the door says when, and does not invite a scan it would refuse.
  const std::string opens =
      text(l, "door.welcome.opens",
           {{"round", "Gesprächsrunde 1"}, {"time", text(l, "time.clock", {{"time", "15:30"}})}});
  EXPECT_EQ(early.fact("door_phase"), "later");
  EXPECT_FALSE(early.has_key("door.welcome.prompt"));
  EXPECT_TRUE(early.shows(opens)) << early.all_text();

  EXPECT_EQ(r.at("no-round").decision(), "no_round_running");
  EXPECT_TRUE(r.at("no-round").has_key("problem.no_round.title"));
  EXPECT_TRUE(r.at("no-round").shows(opens)) << "the refusal says when to come back";

  EXPECT_TRUE(r.at("door-running").has_key("door.welcome.running"));
  EXPECT_TRUE(r.at("door-running").has_key("door.welcome.prompt"));
  EXPECT_EQ(r.at("door-running").fact("room_full"), false);
  EXPECT_TRUE(r.at("door-running")
                  .shows(text(l, "door.occupancy", {{"occupancy", "0"}, {"capacity", "1"}})));
  EXPECT_EQ(r.at("door-juergen").decision(), "admitted");
  EXPECT_TRUE(r.at("door-juergen").shows(text(l, "door.result.title", {{"name", "Jürgen"}})));
  // Jürgen took the only seat: the result says so in words, the bar is not green.
  EXPECT_EQ(r.at("door-juergen").fact("room_full"), true);
  EXPECT_TRUE(r.at("door-juergen").has_key("door.result.now_full"));

  const Shot& full = r.at("room-full");
  EXPECT_EQ(full.decision(), "room_full");
  EXPECT_TRUE(
      full.shows(text(l, "problem.room_full.reason", {{"occupancy", "1"}, {"capacity", "1"}})));
  EXPECT_TRUE(full.has_key("problem.room_full.todo"));

  // A full room is said in words (and an icon) at the door, without the scan prompt.
  const Shot& door_full = r.at("door-full");
  EXPECT_EQ(door_full.fact("room_full"), true);
  EXPECT_TRUE(door_full.has_key("door.welcome.full"));
  EXPECT_FALSE(door_full.has_key("door.welcome.prompt"));

  EXPECT_TRUE(r.at("door-late").has_key("door.welcome.no_round"));
  EXPECT_EQ(r.at("door-late").fact("door_phase"), "none_left");
  EXPECT_FALSE(r.at("door-late").has_key("door.welcome.prompt"));
}

INSTANTIATE_TEST_SUITE_P(Languages, RoomDoor, languages(), language_test_name);

}  // namespace
}  // namespace einlass::ui::testing
