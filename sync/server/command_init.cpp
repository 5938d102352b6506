#include <cstdlib>
#include <iostream>
#include <memory>

#include "sync/server/server_commands.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"
#include "sync/server/service/serve_config_file.hpp"

namespace einlass::sync::server {

void add_db_option(CLI::App& command, std::string& file) {
  command.add_option("--db", file,
                     "server database; default: $EINLASS_SERVER_DB, else the database in " +
                         std::string(kSystemServerConfig) +
                         " when it exists, else ./einlass-server.sqlite");
}

std::filesystem::path server_db_path(const std::string& option,
                                     const std::filesystem::path& system_config) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("EINLASS_SERVER_DB"); env && *env) return env;
  // On the organiser's server (Debian package) the service's database is the one meant:
  // `sudo -u einlass einlass-server import ...` must not create a second, empty database.
  if (std::error_code ec; std::filesystem::exists(system_config, ec)) {
    const auto settings = read_serve_config(system_config);
    if (!settings.database.empty()) return settings.database;
  }
  return "einlass-server.sqlite";
}

CommandRunner add_init_command(CLI::App& app) {
  auto db_file = std::make_shared<std::string>();
  auto event = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "init",
      "create the server database for an event, or replace its event config (kiosks "
      "fetch the new one at their next sync)");
  add_db_option(*cmd, *db_file);
  cmd->add_option("--event", *event, "the event config (TOML), as the kiosks use it")->required();
  return [db_file, event]() -> int {
    const auto db = open_server_db(server_db_path(*db_file));
    set_event_config(*db, *event);
    const auto config = load_server_config(*db);
    std::cout << "event \"" << config->event.name << "\" (" << config->event.venues.size()
              << " venues) stored in " << server_db_path(*db_file).string() << ", config version "
              << config->version << "\n";
    return kExitOk;
  };
}

}  // namespace einlass::sync::server
