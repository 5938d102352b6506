#pragma once
// Where a kiosk's event, ticket keys and venue come from — decided here, once, for every
// command and the window: what the options say; else what the server handed out when the kiosk
// was enrolled (event.toml and keys/ next to the store, the venue in the store); else the
// bundled example event (no keys: the demo and tests bring their own).
//
// A kiosk enrolled for one venue never runs for another: it syncs with that venue's token and
// roster, so a --venue (or kiosk.conf) naming another venue is refused before anything opens.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/event_model.hpp"

namespace einlass::app {

struct ConfigSources {
  core::Event event;
  std::filesystem::path event_file;      // where the event was read from
  bool event_from_enrolment = false;     // the enrolled event.toml (not --event, not bundled)
  std::vector<std::string> public_keys;  // --public-key as given (files or folders)
  // Without --public-key on an enrolled kiosk: the folder enrolment wrote; loaded as a folder
  // that must hold keys (an empty one would call every genuine ticket unknown).
  std::optional<std::filesystem::path> enrolled_keys_dir;
  std::string venue;           // --venue, else the enrolled venue; "" = pick by today's date
  std::string enrolled_venue;  // "" when the store was never enrolled
};

// The store file the options name (default: $EINLASS_STORE or ~/.local/share/…).
std::filesystem::path store_file_of(const KioskOptions& options);

// Reads the store only if it exists (never creates it) and changes nothing. Throws
// ConfigurationError with what to do when the event does not load, the enrolled files are
// missing or broken, or --venue is not the venue the kiosk is enrolled for.
ConfigSources resolve_config_sources(const KioskOptions& options);

}  // namespace einlass::app
