// The agenda clock decides what the kiosk screen says about the programme ("Gesprächsrunde 1
// läuft", "Nächster Punkt in 3 Minuten", "Einlass ab 14:15"). Instants are given in UTC here, so
// the expectations do not depend on the code under test doing the zone conversion right.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/event_config.hpp"

namespace einlass::core {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

date::sys_seconds utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  return date::sys_days{date::year{y} / date::month{mo} / date::day{d}} + hours{h} + minutes{mi} +
         seconds{s};
}

const Event& bundled() {
  static const Event event =
      load_event_config(EINLASS_TEST_DATA "/../../assets/events/regionalkonferenzen-2019.toml");
  return event;
}

// Magdeburg, 12.09.2019; Central European Summer Time is UTC+2.
AgendaNow magdeburg_at(int local_hour, int local_minute, int second = 0) {
  return AgendaClock(bundled(), 0, 0).at(utc(2019, 9, 12, local_hour - 2, local_minute, second));
}

TEST(AgendaClock, BeforeCheckinCountsDownToTheOpening) {
  const AgendaNow now = magdeburg_at(13, 0);
  EXPECT_EQ(now.phase, AgendaPhase::BeforeCheckin);
  EXPECT_FALSE(now.checkin_open);
  EXPECT_EQ(now.next_item, 0u);
  EXPECT_EQ(now.seconds_until_next, 2 * 3600);
  EXPECT_DOUBLE_EQ(now.progress, 0.0);
}

TEST(AgendaClock, CheckinOpensAt1415BeforeTheStart) {
  EXPECT_EQ(magdeburg_at(14, 14).phase, AgendaPhase::BeforeCheckin);
  const AgendaNow now = magdeburg_at(14, 15);
  EXPECT_EQ(now.phase, AgendaPhase::CheckinOpenBeforeStart);
  EXPECT_TRUE(now.checkin_open);
  EXPECT_EQ(now.seconds_until_next, 45 * 60);
}

TEST(AgendaClock, At1502TheOpeningRunsAndTheWelcomeFollowsInThreeMinutes) {
  const AgendaNow now = magdeburg_at(15, 2);
  EXPECT_EQ(now.phase, AgendaPhase::Running);
  ASSERT_EQ(now.current_item, 0u);
  EXPECT_EQ(bundled().venues[0].days[0].agenda[*now.current_item].title, "Eröffnung / Begrüßung");
  EXPECT_EQ(now.next_item, 1u);
  EXPECT_EQ(now.seconds_until_next, 180);
  EXPECT_EQ(now.running_round, 0);
  EXPECT_NEAR(now.progress, 2.0 / 240.0, 1e-9);
  EXPECT_EQ(now.local.date, date::year{2019} / 9 / 12);
  EXPECT_EQ(format_hhmm(now.local.time), "15:02");
}

TEST(AgendaClock, CountdownRoundsUpSoItNeverShowsZeroEarly) {
  const AgendaClock clock(bundled(), 0, 0);
  const auto now = clock.at(utc(2019, 9, 12, 13, 4, 59) + milliseconds(500));
  EXPECT_EQ(now.seconds_until_next, 1);
}

TEST(AgendaClock, The1530GapIsAGapNotAnItem) {
  const AgendaNow now = magdeburg_at(15, 32);
  EXPECT_EQ(now.phase, AgendaPhase::Gap);
  EXPECT_FALSE(now.current_item.has_value());
  EXPECT_EQ(now.next_item, 2u);  // Vorstellung der Gesprächsrunden
  EXPECT_EQ(now.seconds_until_next, 180);
}

TEST(AgendaClock, RoundOneRunsAt1600AndRoundTwoAt1710) {
  const AgendaNow first = magdeburg_at(16, 0);
  EXPECT_EQ(first.phase, AgendaPhase::Running);
  EXPECT_EQ(first.current_item, 3u);
  EXPECT_EQ(first.running_round, 1);
  EXPECT_EQ(first.seconds_until_next, 45 * 60);  // Kaffeepause at 16:45

  EXPECT_EQ(magdeburg_at(16, 50).running_round, 0);  // the coffee break is no round

  const AgendaNow second = magdeburg_at(17, 10);
  EXPECT_EQ(second.current_item, 5u);
  EXPECT_EQ(second.running_round, 2);
  EXPECT_EQ(second.next_item, 6u);
  EXPECT_EQ(second.seconds_until_next, 35 * 60);
  EXPECT_NEAR(second.progress, 130.0 / 240.0, 1e-9);
}

TEST(AgendaClock, TheLastItemHasNoNextAndTheDayEndsAt1900) {
  const AgendaNow last = magdeburg_at(18, 59, 30);
  EXPECT_EQ(last.current_item, 7u);
  EXPECT_FALSE(last.next_item.has_value());
  EXPECT_EQ(last.seconds_until_next, 0);

  const AgendaNow over = magdeburg_at(19, 5);
  EXPECT_EQ(over.phase, AgendaPhase::Finished);
  EXPECT_FALSE(over.checkin_open);
  EXPECT_DOUBLE_EQ(over.progress, 1.0);
  EXPECT_DOUBLE_EQ(magdeburg_at(17, 0).progress, 0.5);
}

TEST(AgendaClock, OtherDaysAreRecognisedInTheVenuesZoneNotInUtc) {
  const AgendaClock clock(bundled(), 0, 0);
  // 00:30 local on the 12th is still the 11th in UTC: already the conference day.
  EXPECT_EQ(clock.at(utc(2019, 9, 11, 22, 30)).phase, AgendaPhase::BeforeCheckin);
  const AgendaNow eve = clock.at(utc(2019, 9, 11, 13, 0));
  EXPECT_EQ(eve.phase, AgendaPhase::OtherDay);
  EXPECT_EQ(eve.next_item, 0u);
  EXPECT_EQ(eve.seconds_until_next, 24 * 3600);
  const AgendaNow after = clock.at(utc(2019, 9, 13, 8, 0));
  EXPECT_EQ(after.phase, AgendaPhase::OtherDay);
  EXPECT_FALSE(after.next_item.has_value());
  EXPECT_DOUBLE_EQ(after.progress, 1.0);
}

TEST(AgendaClock, DessauShowsItsOwnDayAndSpeaker) {
  const AgendaClock clock(bundled(), 1, 0);
  const AgendaNow now = clock.at(utc(2019, 9, 18, 13, 10));
  EXPECT_EQ(now.current_item, 1u);
  EXPECT_EQ(clock.day().agenda[1].speaker,
            "Susi Möbbeck, Staatssekretärin und Integrationsbeauftragte");
  EXPECT_EQ(AgendaClock(bundled(), 0, 0).at(utc(2019, 9, 18, 13, 10)).phase, AgendaPhase::OtherDay);
}

TEST(AgendaClock, BadIndicesAreRejected) {
  EXPECT_THROW(AgendaClock(bundled(), 4, 0), std::out_of_range);
  EXPECT_THROW(AgendaClock(bundled(), 0, 1), std::out_of_range);
}

// ---- daylight-saving days in Europe/Berlin ------------------------------------------------

std::string night_event(const std::string& date, const std::string& agenda) {
  return "[event]\nid = \"nacht\"\nname = \"Nachtkonferenz\"\nshort_name = \"Nacht\"\n"
         "organiser = \"Test\"\ntimezone = \"Europe/Berlin\"\ntopic_label = \"Thema\"\n"
         "topic_short = \"T\"\nmax_topics_per_participant = 0\n"
         "registration_deadline = 2026-01-01\nretention_days = 7\ncheckin_opens = 00:30:00\n\n" +
         agenda +
         "[[venues]]\nid = \"ort\"\nname = \"Halle\"\nstreet = \"Weg 1\"\npostcode = \"12345\"\n"
         "city = \"Stadt\"\nhelp_desk = \"Foyer\"\n\n[[venues.days]]\ndate = " +
         date + "\n";
}

std::string item(const char* start, const char* end, const char* title) {
  return std::string("[[agenda]]\nstart = ") + start + "\nend = " + end + "\ntitle = \"" + title +
         "\"\n\n";
}

TEST(AgendaClockDst, SpringForwardSkippedTimesMoveToTheJump) {
  // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
  const Event event = parse_event_config(
      night_event("2026-03-29", item("01:00:00", "02:00:00", "A") +
                                    item("02:15:00", "02:45:00", "B, im übersprungenen Teil") +
                                    item("03:00:00", "04:00:00", "C")),
      "spring.toml");
  const AgendaClock clock(event, 0, 0);
  EXPECT_EQ(clock.item_start(0), utc(2026, 3, 29, 0, 0));  // 01:00 CET
  EXPECT_EQ(clock.item_end(0), utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(clock.item_start(1), utc(2026, 3, 29, 1, 0));  // 02:15 does not exist -> 03:00 CEST
  EXPECT_EQ(clock.item_end(1), utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(clock.item_start(2), utc(2026, 3, 29, 1, 0));  // 03:00 CEST
  EXPECT_EQ(clock.item_end(2), utc(2026, 3, 29, 2, 0));

  const AgendaNow during_a = clock.at(utc(2026, 3, 29, 0, 45));
  EXPECT_EQ(during_a.current_item, 0u);
  EXPECT_EQ(during_a.seconds_until_next, 15 * 60);  // real seconds, not wall-clock difference
  EXPECT_EQ(format_hhmm(during_a.local.time), "01:45");

  const AgendaNow during_c = clock.at(utc(2026, 3, 29, 1, 30));
  EXPECT_EQ(during_c.current_item, 2u);
  EXPECT_EQ(format_hhmm(during_c.local.time), "03:30");
  EXPECT_NEAR(during_c.progress, 90.0 / 120.0, 1e-9);  // the day lasts two real hours
}

TEST(AgendaClockDst, FallBackRepeatedTimesTakeTheEarlierInstant) {
  // 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00 UTC); 02:00–03:00 happens twice.
  const Event event =
      parse_event_config(night_event("2026-10-25", item("01:30:00", "02:30:00", "A") +
                                                       item("02:30:00", "03:30:00", "B")),
                         "autumn.toml");
  const AgendaClock clock(event, 0, 0);
  EXPECT_EQ(clock.item_start(0), utc(2026, 10, 24, 23, 30));  // 01:30 CEST
  EXPECT_EQ(clock.item_end(0), utc(2026, 10, 25, 0, 30));     // first 02:30 (CEST)
  EXPECT_EQ(clock.item_start(1), utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(clock.item_end(1), utc(2026, 10, 25, 2, 30));  // 03:30 CET: B lasts two real hours

  // 02:45 happens twice; both are inside B.
  for (const auto instant : {utc(2026, 10, 25, 0, 45), utc(2026, 10, 25, 1, 45)}) {
    const AgendaNow now = clock.at(instant);
    EXPECT_EQ(now.current_item, 1u);
    EXPECT_EQ(format_hhmm(now.local.time), "02:45");
  }
  // Check-in at 00:30 CEST, the evening before in UTC, is already the conference day.
  EXPECT_EQ(clock.at(utc(2026, 10, 24, 22, 45)).phase, AgendaPhase::CheckinOpenBeforeStart);
  EXPECT_NEAR(clock.at(utc(2026, 10, 25, 1, 30)).progress, 2.0 / 3.0, 1e-9);
}

}  // namespace
}  // namespace einlass::core
