#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "kiosk/app/commands.hpp"
#include "kiosk/store/kiosk_store.hpp"

namespace einlass::app {

CommandRunner add_status_command(CLI::App& app) {
  auto options = std::make_shared<KioskOptions>();
  auto full_check = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("status", "print the kiosk's counts as JSON");
  add_kiosk_options(*cmd, *options);
  cmd->add_flag("--integrity", *full_check, "also run SQLite's full integrity check");
  return [options, full_check]() -> int {
    const KioskSetup setup = make_kiosk_setup(*options);
    store::KioskStore store(setup.store_file);
    const store::StoreCounts c = store.counts();
    const core::Venue& venue = setup.event.venues[setup.venue_index];
    nlohmann::json j{{"device", store.device_id()},
                     {"store", setup.store_file.string()},
                     {"event", setup.event.id},
                     {"venue", venue.id},
                     {"day", venue.days[setup.day_index].date},
                     {"roster", c.roster},
                     {"cancelled", c.cancelled},
                     {"walk_ins", c.walk_ins},
                     {"checked_in", c.checked_in},
                     {"events", c.events},
                     {"outbox_waiting", c.outbox_waiting},
                     {"outbox_rejected", c.outbox_rejected},
                     {"trusted_keys", setup.keyring.size()}};
    if (*full_check) j["integrity"] = store.integrity_check();
    std::cout << j.dump() << std::endl;
    return kExitOk;
  };
}

}  // namespace einlass::app
