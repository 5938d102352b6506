// Which round a room door is for through the 2019 afternoon: the next round and when admission
// opens (15 minutes before), the round while it runs, nothing after. The door's check-in rules,
// screen and occupancy count all take their round from this one function.

#include <gtest/gtest.h>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/door_round.hpp"
#include "kiosk/core/event_config.hpp"

namespace einlass::core {
namespace {

class DoorRoundsTest : public ::testing::Test {
 protected:
  DoorRoundsTest()
      : event_(core::load_event_config(app::default_event_file())),
        clock_(event_, *core::venue_index(event_, "magdeburg"), 0) {}

  DoorRound at(const std::string& hhmm) {
    const auto t = app::parse_time_option("2019-09-12T" + hhmm, event_.timezone);
    return door_round(clock_.day(), clock_, t, 15);
  }

  core::Event event_;
  core::AgendaClock clock_;
};

TEST_F(DoorRoundsTest, BeforeTheRoundSaysWhenAdmissionOpens) {
  const DoorRound d = at("15:20");
  EXPECT_EQ(d.phase, DoorPhase::Later);
  ASSERT_NE(d.item, nullptr);
  EXPECT_EQ(d.item->round, 1);
  EXPECT_EQ(d.opens, core::LocalTime::hm(15, 30)) << "15 minutes before 15:45";
  EXPECT_EQ(d.admitting_round(), 0) << "the rules refuse scans before admission opens";
  EXPECT_EQ(d.round(), 1) << "the occupancy shown is round 1's";
}

TEST_F(DoorRoundsTest, AdmitsShortlyBeforeAndWhileTheRoundRuns) {
  EXPECT_EQ(at("15:30").phase, DoorPhase::Admitting);
  EXPECT_FALSE(at("15:30").running);
  EXPECT_TRUE(at("16:00").running);
  EXPECT_EQ(at("16:00").item->round, 1);
}

TEST_F(DoorRoundsTest, BetweenRoundsPointsToTheNextOne) {
  const DoorRound d = at("16:46");
  EXPECT_EQ(d.phase, DoorPhase::Admitting) << "round 2 at 17:00 admits from 16:45";
  EXPECT_EQ(d.item->round, 2);
}

TEST_F(DoorRoundsTest, BackToBackRoundsHandTheDoorToTheNextOneWhenItsAdmissionOpens) {
  // Round 2 moved to start the moment round 1 ends (16:45): from 16:30 both windows are open.
  core::Day day = clock_.day();
  for (core::AgendaItem& item : day.agenda) {
    if (item.round == 2) item.start = core::LocalTime::hm(16, 45);
  }
  const auto when = [&](const std::string& hhmm) {
    return door_round(day, clock_, app::parse_time_option("2019-09-12T" + hhmm, event_.timezone),
                      15);
  };
  EXPECT_EQ(when("16:29").admitting_round(), 1);
  EXPECT_TRUE(when("16:29").running);
  EXPECT_EQ(when("16:30").admitting_round(), 2) << "arrivals now come for round 2";
  EXPECT_FALSE(when("16:30").running);
  EXPECT_EQ(when("16:50").admitting_round(), 2);
  EXPECT_TRUE(when("16:50").running);
}

TEST_F(DoorRoundsTest, AfterTheLastRoundNoneIsLeft) {
  const DoorRound d = at("17:50");
  EXPECT_EQ(d.phase, DoorPhase::NoneLeft);
  EXPECT_EQ(d.item, nullptr);
  EXPECT_EQ(d.round(), 0);
  EXPECT_EQ(d.admitting_round(), 0);
}

}  // namespace
}  // namespace einlass::core
