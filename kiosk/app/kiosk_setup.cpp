#include "kiosk/app/kiosk_setup.hpp"

#include <date/tz.h>

#include <cstdlib>
#include <sstream>

#include "kiosk/core/agenda_clock.hpp"
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
  if (const char* env = std::getenv("EINLASS_ASSETS"); env && *env) return env;
  if (fs::is_directory(EINLASS_SOURCE_ASSETS)) return EINLASS_SOURCE_ASSETS;
  return EINLASS_INSTALLED_ASSETS;
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
  const bool has_zone = text.ends_with('Z') || text.find('+', 10) != std::string::npos ||
                        (text.size() > 19 && text.rfind('-') > 10);
  for (const char* format : {"%FT%T%Ez", "%FT%R%Ez", "%FT%TZ", "%FT%RZ"}) {
    if (!has_zone) break;
    std::istringstream in(text);
    date::sys_time<seconds> t;
    in >> date::parse(format, t);
    if (!in.fail()) return t;
  }
  for (const char* format : {"%FT%T", "%FT%R", "%F %T", "%F %R"}) {
    if (has_zone) break;
    std::istringstream in(text);
    date::local_time<seconds> t;
    in >> date::parse(format, t);
    if (in.fail()) continue;
    // Local venue time; on the autumn DST change the earlier of the two instants is meant.
    return date::make_zoned(timezone, t, date::choose::earliest).get_sys_time();
  }
  throw ConfigurationError("--now \"" + text +
                           "\" is not a time; write it like 2019-09-12T15:10 (venue time) or "
                           "2019-09-12T13:10:00Z");
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

KioskSetup make_kiosk_setup(const KioskOptions& options) {
  KioskSetup setup;
  const fs::path event_file =
      options.event_file.empty() ? default_event_file() : fs::path(options.event_file);
  try {
    setup.event = core::load_event_config(event_file);
  } catch (const core::EventConfigError& e) {
    throw ConfigurationError(e.what());
  }
  const core::Event& event = setup.event;

  if (!options.now.empty())
    setup.clock = KioskClock(parse_time_option(options.now, event.timezone));
  const core::TimePoint now = setup.clock.now();

  if (!options.venue.empty()) {
    const auto v = core::venue_index(event, options.venue);
    if (!v) {
      std::string known;
      for (const auto& venue : event.venues)
        known += (known.empty() ? "" : ", ") + venue.id;
      throw ConfigurationError("--venue \"" + options.venue + "\" is not a venue of " +
                               event_file.string() + " (venues: " + known + ")");
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

  setup.keyring = load_trusted_keys(options.public_keys);
  setup.store_file =
      options.store_file.empty() ? default_store_file() : fs::path(options.store_file);
  return setup;
}

}  // namespace einlass::app
