#include "kiosk/app/kiosk_setup.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdlib>
#include <regex>

#include "kiosk/app/config_sources.hpp"
#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/bundled_files.hpp"
#include "kiosk/core/event_config.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_key_files.hpp"

namespace einlass::app {

namespace fs = std::filesystem;

core::KioskSetting KioskSetup::setting() const {
  core::KioskSetting s;
  s.event = &event;
  s.venue_index = venue_index;
  s.day_index = day_index;
  s.keyring = &keyring;
  s.event_tag = core::event_tag_for(event.id);
  s.door_room_id = door_room;
  return s;
}

fs::path bundled_assets_dir() {
  // A program in the build tree reads the source tree's assets; an installed one those in
  // /usr/share/einlass, which the kiosk package owns (see core/bundled_files.hpp).
  return core::bundled_assets_dir(
      {EINLASS_BUILD_TREE, EINLASS_SOURCE_ASSETS, "einlass", EINLASS_INSTALLED_ASSETS});
}

fs::path default_event_file() {
  return bundled_assets_dir() / "events" / "regionalkonferenzen-2019.toml";
}

fs::path default_store_file() {
  if (const char* env = std::getenv("EINLASS_STORE"); env && *env) return env;
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".local/share/einlass/kiosk.sqlite";
}

core::TimePoint parse_time_option(const std::string& text, const std::string& timezone) {
  using namespace std::chrono;
  // Read by a strict pattern rather than date::parse, whose %T reads an uninitialised value
  // when the seconds are missing (UBSan and -Wmaybe-uninitialized both object).
  static const std::regex shape(
      R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):(\d{2}))?$)");
  std::smatch m;
  const auto refuse = [&](const std::string& why) {
    return ConfigurationError("--now \"" + text + "\" " + why +
                              "; write it like 2019-09-12T15:10 (venue time) or "
                              "2019-09-12T13:10:00Z");
  };
  if (!std::regex_match(text, m, shape)) throw refuse("is not a time");
  const auto number = [&](int group) { return m[group].matched ? std::stoi(m[group].str()) : 0; };
  const date::year_month_day ymd{date::year{number(1)}, date::month{unsigned(number(2))},
                                 date::day{unsigned(number(3))}};
  if (!ymd.ok() || number(4) > 23 || number(5) > 59 || number(6) > 59)
    throw refuse("is not a valid date and time");
  const date::local_seconds local =
      date::local_days{ymd} + hours(number(4)) + minutes(number(5)) + seconds(number(6));
  if (!m[7].matched) {
    // Venue time; on the autumn DST change the earlier of the two instants is meant.
    return date::make_zoned(timezone, local, date::choose::earliest).get_sys_time();
  }
  minutes offset = hours(number(9)) + minutes(number(10));
  if (m[8].matched && m[8].str() == "-") offset = -offset;
  return date::sys_seconds{local.time_since_epoch()} - offset;
}

namespace {

core::Keyring load_trusted_keys(const std::vector<std::string>& sources) {
  std::vector<fs::path> files;
  for (const auto& source : sources) {
    if (!fs::is_directory(source)) {
      files.emplace_back(source);
      continue;
    }
    for (const auto& entry : fs::directory_iterator(source))
      if (entry.path().extension() == ".public") files.push_back(entry.path());
  }
  try {
    return core::load_keyring(files);
  } catch (const core::TicketKeyError& e) {
    throw ConfigurationError(e.what());
  }
}

// The venue's day that is "today" at the venue, if any.
std::optional<size_t> day_matching(const core::Venue& venue, const std::string& timezone,
                                   core::TimePoint now) {
  const auto local = date::make_zoned(timezone, now).get_local_time();
  const date::year_month_day today{date::floor<date::days>(local)};
  for (size_t i = 0; i < venue.days.size(); ++i)
    if (venue.days[i].ymd == today) return i;
  return std::nullopt;
}

}  // namespace

KioskSetup make_kiosk_setup(const KioskOptions& options, const std::optional<KioskClock>& clock) {
  KioskSetup setup;
  ConfigSources sources = resolve_config_sources(options);
  setup.event = std::move(sources.event);
  const core::Event& event = setup.event;
  const fs::path& event_file = sources.event_file;

  if (clock) {
    setup.clock = *clock;
  } else if (!options.now.empty()) {
    setup.clock = KioskClock(parse_time_option(options.now, event.timezone));
  }
  const core::TimePoint now = setup.clock.now();

  if (!sources.venue.empty()) {
    const auto v = core::venue_index(event, sources.venue);
    if (!v) {
      std::string known;
      for (const auto& venue : event.venues)
        known += (known.empty() ? "" : ", ") + venue.id;
      const std::string what =
          options.venue.empty() ? "the venue this kiosk is enrolled for, \"" + sources.venue + "\","
                                : "--venue \"" + sources.venue + "\"";
      throw ConfigurationError(what + " is not a venue of " + event_file.string() +
                               " (venues: " + known + ")");
    }
    setup.venue_index = *v;
  } else if (event.venues.size() == 1) {
    setup.venue_index = 0;
  } else {
    bool found = false;
    for (size_t i = 0; i < event.venues.size() && !found; ++i) {
      if (day_matching(event.venues[i], event.timezone, now)) {
        setup.venue_index = i;
        found = true;
      }
    }
    if (!found) {
      throw ConfigurationError(
          "the event has several venues and none of them is today: say "
          "which with --venue");
    }
  }
  const core::Venue& venue = event.venues[setup.venue_index];

  if (!options.day.empty()) {
    const auto d = core::day_index(venue, options.day);
    if (!d) {
      throw ConfigurationError("--day " + options.day + " is not a day of venue " + venue.id);
    }
    setup.day_index = *d;
  } else {
    setup.day_index = day_matching(venue, event.timezone, now).value_or(0);
  }

  if (!options.room.empty()) {
    bool known = false;
    for (const auto& room : venue.rooms)
      known = known || room.id == options.room;
    if (!known) {
      throw ConfigurationError("--room \"" + options.room + "\" is not a room of venue " +
                               venue.id);
    }
    setup.door_room = options.room;
  }

  if (sources.enrolled_keys_dir) {
    try {
      setup.keyring = core::load_keyring_folder(*sources.enrolled_keys_dir);
    } catch (const core::TicketKeyError& e) {
      throw ConfigurationError(std::string("the ticket keys this kiosk received at enrolment "
                                           "are unusable: ") +
                               e.what() +
                               ". Enrol the kiosk again with a new code, or give --public-key. "
                               "Nothing was changed.");
    }
  } else {
    setup.keyring = load_trusted_keys(sources.public_keys);
  }
  setup.store_file = store_file_of(options);
  return setup;
}

}  // namespace einlass::app
