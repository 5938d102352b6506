#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "sync/server/credentials.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

CommandRunner add_devices_command(CLI::App& app) {
  auto db_file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto revoke = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "devices",
      "list the enrolled kiosks, or revoke one (it gets 401 and wipes its personal "
      "data at its next sync)");
  add_db_option(*cmd, *db_file);
  cmd->add_flag("--json", *json, "one JSON line per device");
  cmd->add_option("--revoke", *revoke, "revoke this device id");
  return [db_file, json, revoke]() -> int {
    const auto db = open_server_db(server_db_path(*db_file));
    if (!revoke->empty())
      return report_revocation("device", *revoke, revoke_device(*db, *revoke, unix_now_ms()),
                               "devices");
    for (const Device& d : list_devices(*db)) {
      if (*json) {
        std::cout << nlohmann::json{{"device_id", d.device_id},
                                    {"venue", d.venue},
                                    {"label", d.label},
                                    {"enrolled_ms", d.enrolled_ms},
                                    {"last_seen_ms", d.last_seen_ms.value_or(0)},
                                    {"revoked", d.revoked_ms.has_value()}}
                         .dump()
                  << "\n";
      } else {
        std::cout << d.device_id << "  " << d.venue << "  " << (d.label.empty() ? "-" : d.label)
                  << "  " << revocation_state(d.revoked_ms) << "\n";
      }
    }
    return kExitOk;
  };
}

}  // namespace einlass::sync::server
