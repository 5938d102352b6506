// Live agenda changes applied to a configured day: pure, so every case is a plain function call.
#include <gtest/gtest.h>

#include "kiosk/core/agenda_changes.hpp"

namespace einlass::core {
namespace {

Day sample_day() {
  Day d;
  d.date = "2019-09-12";
  d.checkin_opens = LocalTime::hm(14, 30);
  d.checkin_closes = LocalTime::hm(19, 0);
  d.agenda = {{LocalTime::hm(15, 0), LocalTime::hm(15, 30), "Begrüßung", "", 0, "plenary"},
              {LocalTime::hm(15, 35), LocalTime::hm(16, 35), "Gesprächsrunde 1", "", 1, "round"},
              {LocalTime::hm(16, 35), LocalTime::hm(16, 55), "Pause", "", 0, "break"},
              {LocalTime::hm(16, 55), LocalTime::hm(17, 55), "Gesprächsrunde 2", "", 2, "round"},
              {LocalTime::hm(18, 0), LocalTime::hm(19, 0), "Abschluss", "", 0, "plenary"}};
  return d;
}

AgendaChange delay(int64_t id, LocalTime from, int minutes) {
  AgendaChange c;
  c.id = id;
  c.kind = AgendaChangeKind::Delay;
  c.venue = "magdeburg";
  c.day = "2019-09-12";
  c.from = from;
  c.minutes = minutes;
  return c;
}

TEST(AgendaChanges, NoChangesIsThePlannedDay) {
  const Day d = apply_agenda_changes(sample_day(), "magdeburg", {});
  EXPECT_EQ(d.agenda.size(), 5u);
  EXPECT_EQ(d.agenda[1].start, LocalTime::hm(15, 35));
  EXPECT_FALSE(check_changed_day(d));
}

TEST(AgendaChanges, DelayShiftsTheRestAndStretchesTheRunningItem) {
  const Day d =
      apply_agenda_changes(sample_day(), "magdeburg", {delay(1, LocalTime::hm(16, 0), 15)});
  EXPECT_EQ(d.agenda[0].start, LocalTime::hm(15, 0)) << "already over: unchanged";
  EXPECT_EQ(d.agenda[1].start, LocalTime::hm(15, 35)) << "running at 16:00: same start";
  EXPECT_EQ(d.agenda[1].end, LocalTime::hm(16, 50)) << "…but ends later";
  EXPECT_EQ(d.agenda[2].start, LocalTime::hm(16, 50));
  EXPECT_EQ(d.agenda[4].end, LocalTime::hm(19, 15));
  EXPECT_EQ(d.checkin_closes, LocalTime::hm(19, 15));
  EXPECT_FALSE(check_changed_day(d));
}

TEST(AgendaChanges, OnlyThisVenueAndDayInIdOrderAndResetStartsOver) {
  AgendaChange other_venue = delay(1, LocalTime::hm(15, 0), 30);
  other_venue.venue = "dessau";
  AgendaChange other_day = delay(2, LocalTime::hm(15, 0), 30);
  other_day.day = "2019-09-13";
  AgendaChange reset;
  reset.id = 4;
  reset.kind = AgendaChangeKind::Reset;
  reset.venue = "magdeburg";
  reset.day = "2019-09-12";
  // Listed out of order: id 3 (a delay) comes before the reset (id 4); 5 comes after it.
  const Day d = apply_agenda_changes(sample_day(), "magdeburg",
                                     {delay(5, LocalTime::hm(18, 0), 5), reset, other_venue,
                                      other_day, delay(3, LocalTime::hm(15, 0), 20)});
  EXPECT_EQ(d.agenda[0].start, LocalTime::hm(15, 0)) << "the reset undid the 20 minutes";
  EXPECT_EQ(d.agenda[4].start, LocalTime::hm(18, 5));
}

TEST(AgendaChanges, ChangeItemKeepsIdentityAcrossDelaysAndResorts) {
  AgendaChange change;
  change.id = 2;
  change.kind = AgendaChangeKind::ChangeItem;
  change.venue = "magdeburg";
  change.day = "2019-09-12";
  change.item = 4;  // "Abschluss", however far it moved
  change.title = "Abschluss und Ausblick";
  change.end = LocalTime::hm(19, 30);
  const Day d =
      apply_agenda_changes(sample_day(), "magdeburg", {delay(1, LocalTime::hm(17, 0), 10), change});
  EXPECT_EQ(d.agenda[4].title, "Abschluss und Ausblick");
  EXPECT_EQ(d.agenda[4].start, LocalTime::hm(18, 10));
  EXPECT_EQ(d.agenda[4].end, LocalTime::hm(19, 30));
}

TEST(AgendaChanges, CheckFindsOverlapsAndItemsLeavingTheDay) {
  AgendaChange clash;
  clash.id = 1;
  clash.kind = AgendaChangeKind::ChangeItem;
  clash.venue = "magdeburg";
  clash.day = "2019-09-12";
  clash.item = 2;
  clash.start = LocalTime::hm(16, 0);
  const auto problem = check_changed_day(apply_agenda_changes(sample_day(), "magdeburg", {clash}));
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("overlap"), std::string::npos) << *problem;
  const auto late =
      check_changed_day(apply_agenda_changes(sample_day(), "magdeburg", {delay(1, {900}, 400)}));
  ASSERT_TRUE(late);
  const auto backwards =
      check_changed_day(apply_agenda_changes(sample_day(), "magdeburg", {delay(1, {960}, -70)}));
  ASSERT_TRUE(backwards) << "the running item would end before it started";
  EXPECT_EQ(describe_agenda_change(delay(1, LocalTime::hm(16, 0), 15), sample_day()),
            "delay 15 min from 16:00");
}

}  // namespace
}  // namespace einlass::core
