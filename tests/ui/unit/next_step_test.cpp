// "Where do I go now?" through the phases of the 2019 afternoon.

#include <gtest/gtest.h>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/event_config.hpp"
#include "kiosk/ui/next_step.hpp"

namespace einlass::ui {
namespace {

class NextStepTest : public ::testing::Test {
 protected:
  NextStepTest()
      : event_(core::load_event_config(app::default_event_file())),
        clock_(event_, *core::venue_index(event_, "magdeburg"), 0) {
    decision_.kind = core::DecisionKind::Admitted;
    core::RoundRoom r1;
    r1.round = 1;
    r1.room_id = "mag-hf1";
    r1.room_name = "Seminarraum 1.01";
    core::RoundRoom r2 = r1;
    r2.round = 2;
    r2.room_id = "mag-hf4";
    decision_.rooms = {r1, r2};
  }

  NextStep at(const std::string& hhmm) {
    const auto t = app::parse_time_option("2019-09-12T" + hhmm, event_.timezone);
    return next_step(decision_, clock_.day(), clock_.at(t));
  }

  core::Event event_;
  core::AgendaClock clock_;
  core::Decision decision_;
};

TEST_F(NextStepTest, BeforeTheStartPointsToTheFirstPlenaryItem) {
  const NextStep s = at("14:30");
  EXPECT_EQ(s.kind, NextStepKind::PlenaryLater);
  EXPECT_EQ(s.item->title, "Eröffnung / Begrüßung");
}

TEST_F(NextStepTest, DuringAPlenaryItemJoinIt) {
  EXPECT_EQ(at("15:10").kind, NextStepKind::PlenaryNow);
}

TEST_F(NextStepTest, InTheGapBeforeRoundOneNamesTheNextItem) {
  const NextStep s = at("15:32");
  EXPECT_EQ(s.kind, NextStepKind::PlenaryLater);
  EXPECT_EQ(s.item->title, "Vorstellung der Gesprächsrunden");
  const NextStep r = at("15:40");
  EXPECT_EQ(r.kind, NextStepKind::PlenaryNow);
}

TEST_F(NextStepTest, DuringTheirRoundGoToTheRoom) {
  const NextStep s = at("15:50");
  EXPECT_EQ(s.kind, NextStepKind::GoToRoom);
  EXPECT_EQ(s.room->room_id, "mag-hf1");
  EXPECT_EQ(at("17:10").room->room_id, "mag-hf4");
}

TEST_F(NextStepTest, DuringTheBreakSaysWhatFollows) {
  const NextStep s = at("16:50");
  EXPECT_EQ(s.kind, NextStepKind::Break);
  ASSERT_NE(s.after, nullptr);
  EXPECT_EQ(s.after->round, 2);
}

TEST_F(NextStepTest, WithoutARoomInTheRunningRoundPointsAhead) {
  decision_.rooms[0].room_id.clear();
  EXPECT_NE(at("15:50").kind, NextStepKind::GoToRoom);
}

TEST_F(NextStepTest, AfterTheLastItemTheDayIsOver) {
  EXPECT_EQ(at("19:10").kind, NextStepKind::DayOver);
}

}  // namespace
}  // namespace einlass::ui
