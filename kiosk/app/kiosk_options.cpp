#include "kiosk/app/commands.hpp"

namespace einlass::app {

void add_kiosk_options(CLI::App& command, KioskOptions& options) {
  command.add_option("--event", options.event_file,
                     "event config (TOML); default: the one received at enrolment, else the "
                     "bundled Regionalkonferenzen 2019");
  command.add_option("--store", options.store_file,
                     "kiosk store file; default: $EINLASS_STORE or "
                     "~/.local/share/einlass/kiosk.sqlite");
  command.add_option("--public-key", options.public_keys,
                     "trusted ticket public key file, or a folder of *.public files; repeatable; "
                     "default: the keys received at enrolment (none before)");
  command.add_option("--venue", options.venue,
                     "venue id from the event config; default: the venue the kiosk is enrolled "
                     "for (another one is refused), else the venue whose day is today");
  command.add_option("--day", options.day, "conference day (YYYY-MM-DD)");
  command.add_option("--room", options.room, "room-door mode: admit people to this room id");
  command.add_option("--now", options.now,
                     "pretend it is this time, e.g. 2019-09-12T15:10 (venue time); the clock "
                     "then runs on");
}

}  // namespace einlass::app
