// The options every kiosk command shares: --now and the setup they build.
#include "kiosk/app/kiosk_setup.hpp"

#include <gtest/gtest.h>

namespace einlass::app {
namespace {

int64_t unix_seconds(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

TEST(NowOption, ReadsVenueTimeWithOrWithoutSeconds) {
  // 12.09.2019 15:10 in Magdeburg is 13:10 UTC (summer time).
  EXPECT_EQ(unix_seconds(parse_time_option("2019-09-12T15:10", "Europe/Berlin")), 1568293800);
  EXPECT_EQ(unix_seconds(parse_time_option("2019-09-12 15:10:30", "Europe/Berlin")), 1568293830);
}

TEST(NowOption, ReadsUtcAndOffsets) {
  EXPECT_EQ(unix_seconds(parse_time_option("2019-09-12T13:10:00Z", "Europe/Berlin")), 1568293800);
  EXPECT_EQ(unix_seconds(parse_time_option("2019-09-12T15:10+02:00", "Europe/Berlin")), 1568293800);
  EXPECT_EQ(unix_seconds(parse_time_option("2019-09-12T08:10-05:00", "Europe/Berlin")), 1568293800);
}

TEST(NowOption, TakesTheEarlierInstantWhenTheAutumnClockChangeRepeatsAnHour) {
  // 27.10.2019 02:30 happens twice in Berlin; the first is 00:30 UTC.
  EXPECT_EQ(unix_seconds(parse_time_option("2019-10-27T02:30", "Europe/Berlin")), 1572136200);
}

TEST(NowOption, RefusesWhatIsNotATimeWithAnExample) {
  for (const char* bad : {"", "15:10", "2019-09-12", "2019-09-12T15", "yesterday",
                          "2019-13-01T10:00", "2019-09-12T15:10 ", "2019-09-12T15:10+2"}) {
    try {
      parse_time_option(bad, "Europe/Berlin");
      ADD_FAILURE() << "accepted \"" << bad << "\"";
    } catch (const ConfigurationError& e) {
      EXPECT_NE(std::string(e.what()).find("--now"), std::string::npos) << e.what();
    }
  }
}

TEST(KioskSetupOptions, UnknownVenueListsTheVenues) {
  KioskOptions options;
  options.venue = "leipzig";
  try {
    make_kiosk_setup(options);
    FAIL() << "an unknown venue must be refused";
  } catch (const ConfigurationError& e) {
    EXPECT_NE(std::string(e.what()).find("magdeburg, dessau, stendal, halle"), std::string::npos)
        << e.what();
  }
}

TEST(KioskSetupOptions, PicksTheVenueWhoseDayIsToday) {
  KioskOptions options;
  options.now = "2019-09-24T15:00";
  const KioskSetup setup = make_kiosk_setup(options);
  EXPECT_EQ(setup.event.venues[setup.venue_index].id, "stendal");
  options.now = "2019-09-25T15:00";
  EXPECT_THROW(make_kiosk_setup(options), ConfigurationError) << "no venue has a day then";
}

}  // namespace
}  // namespace einlass::app
