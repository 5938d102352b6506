#include "kiosk/app/config_sources.hpp"

#include "kiosk/core/event_config.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "kiosk/store/sync_state.hpp"
#include "sync/client/enrolment.hpp"

namespace einlass::app {

namespace fs = std::filesystem;

namespace {

// What to do when the enrolled files are unusable: the server sends them again at the next
// enrolment; --event/--public-key bypass them for the moment.
constexpr const char* kReEnrol =
    " Enrol the kiosk again with a new code from the organiser (scan the enrolment QR code in "
    "staff mode, or run einlass-kiosk enroll URL CODE), or give --event and --public-key. "
    "Nothing was changed.";

std::optional<std::string> enrolled_venue_of(const fs::path& store_file) {
  std::error_code ec;
  if (!fs::exists(store_file, ec)) return std::nullopt;  // never opened: never enrolled
  // A plain connection: no integrity check, no migration — resolving changes nothing. A file
  // that cannot be read here is left to the store's own check when the command opens it,
  // which names the damage and what to do.
  try {
    const store::Database db(store_file);
    return store::load_enrolled_venue(db);
  } catch (const store::StoreError&) {
    return std::nullopt;
  }
}

// "magdeburg (IHK Magdeburg)" when the event knows the venue, else just the id.
std::string venue_text(const core::Event& event, const std::string& id) {
  if (const auto v = core::venue_index(event, id)) return id + " (" + event.venues[*v].name + ")";
  return id;
}

}  // namespace

fs::path store_file_of(const KioskOptions& options) {
  return options.store_file.empty() ? default_store_file() : fs::path(options.store_file);
}

ConfigSources resolve_config_sources(const KioskOptions& options) {
  ConfigSources sources;
  const fs::path store_file = store_file_of(options);
  sources.enrolled_venue = enrolled_venue_of(store_file).value_or("");
  const bool enrolled = !sources.enrolled_venue.empty();
  const fs::path enrolled_dir = sync::client::enrolled_config_dir(store_file);

  if (!options.event_file.empty()) {
    sources.event_file = options.event_file;
  } else if (enrolled) {
    sources.event_file = enrolled_dir / "event.toml";
    sources.event_from_enrolment = true;
  } else {
    sources.event_file = default_event_file();
  }
  try {
    std::error_code ec;
    if (sources.event_from_enrolment && !fs::exists(sources.event_file, ec)) {
      throw ConfigurationError("this kiosk is enrolled for the venue \"" + sources.enrolled_venue +
                               "\", but the event config it received, " +
                               sources.event_file.string() + ", is missing." + kReEnrol);
    }
    sources.event = core::load_event_config(sources.event_file);
  } catch (const core::EventConfigError& e) {
    if (!sources.event_from_enrolment) throw ConfigurationError(e.what());
    // On a line of its own: the parser's message may end in an excerpt of the file.
    throw ConfigurationError(std::string("the event config this kiosk received at enrolment "
                                         "does not load: ") +
                             e.what() + "\n" + (kReEnrol + 1));
  }

  sources.public_keys = options.public_keys;
  if (sources.public_keys.empty() && enrolled) sources.enrolled_keys_dir = enrolled_dir / "keys";

  sources.venue = options.venue.empty() ? sources.enrolled_venue : options.venue;
  if (enrolled && sources.venue != sources.enrolled_venue) {
    throw ConfigurationError(
        "this kiosk is enrolled for the venue " +
        venue_text(sources.event, sources.enrolled_venue) + ", but it was started with --venue " +
        venue_text(sources.event, options.venue) +
        ": it would check people in for one venue while syncing the other's roster. Fix the "
        "venue in /etc/einlass/kiosk.conf (EINLASS_KIOSK_OPTIONS) or on the command line — "
        "without --venue the kiosk runs for the venue it is enrolled for —, or enrol the kiosk "
        "again with a code for " +
        options.venue + " (einlass-server enrol --venue " + options.venue +
        "). Nothing was changed.");
  }
  return sources;
}

}  // namespace einlass::app
