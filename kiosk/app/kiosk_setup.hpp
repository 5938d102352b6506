#pragma once
// Everything a kiosk command needs before it can decide anything: the validated event config,
// the trusted ticket keys, where it stands (venue, day, door) and what time it is. Built from
// command-line options; any problem is a ConfigurationError (exit code 2), and nothing is
// opened or written before the whole setup is valid.

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/checkin_rules.hpp"
#include "kiosk/core/event_model.hpp"
#include "kiosk/core/ticket_keys.hpp"

namespace einlass::app {

class ConfigurationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The options as typed; empty means "use the default".
struct KioskOptions {
  std::string event_file;  // default: the enrolled event, else the bundled example event
  std::string store_file;  // default: $EINLASS_STORE or ~/.local/share/einlass/kiosk.sqlite
  std::vector<std::string> public_keys;  // files, or folders; default: the enrolled keys
  // venue id; default: the enrolled venue, else the only venue, or the one whose day is today
  std::string venue;
  std::string day;   // ISO date; default: the venue's day that is today, else its first day
  std::string room;  // room-door mode for this room id
  std::string now;   // ISO time (venue-local unless it has Z or an offset)
};

// A clock that starts at --now (if given) and then runs in real time.
class KioskClock {
 public:
  KioskClock() = default;
  explicit KioskClock(core::TimePoint start) : offset_(start - std::chrono::system_clock::now()) {}
  core::TimePoint now() const { return std::chrono::system_clock::now() + offset_; }

 private:
  std::chrono::system_clock::duration offset_{};
};

struct KioskSetup {
  core::Event event;
  core::Keyring keyring;
  std::filesystem::path store_file;
  size_t venue_index = 0;
  size_t day_index = 0;
  std::string door_room;
  KioskClock clock;

  // Points into this object: keep the KioskSetup alive (and unmoved) while it is used.
  core::KioskSetting setting() const;
};

std::filesystem::path bundled_assets_dir();
std::filesystem::path default_event_file();
std::filesystem::path default_store_file();

// Parses "2019-09-12T15:10" (venue-local), "2019-09-12T15:10:00+02:00" or "…Z".
core::TimePoint parse_time_option(const std::string& text, const std::string& timezone);

// The event, keys and venue come from resolve_config_sources (config_sources.hpp): the
// options, else the kiosk's enrolment, else the bundled event. `clock`, when given, is kept
// instead of starting one at --now (the window re-reading its setup after an enrolment).
KioskSetup make_kiosk_setup(const KioskOptions& options,
                            const std::optional<KioskClock>& clock = std::nullopt);

}  // namespace einlass::app
