// What the room door says through the 2019 afternoon: the next round and when admission opens
// (15 minutes before, as the check-in rules admit), the round while it runs, nothing after.

#include <gtest/gtest.h>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/event_config.hpp"
#include "kiosk/ui/door_rounds.hpp"

namespace einlass::ui {
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

TEST_F(DoorRoundsTest, AfterTheLastRoundNoneIsLeft) {
  const DoorRound d = at("17:50");
  EXPECT_EQ(d.phase, DoorPhase::NoneLeft);
  EXPECT_EQ(d.item, nullptr);
}

}  // namespace
}  // namespace einlass::ui
