#include <cstdlib>
#include <iostream>
#include <memory>

#include "sync/server/server_commands.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

void add_db_option(CLI::App& command, std::string& file) {
  command.add_option("--db", file,
                     "server database; default: $EINLASS_SERVER_DB or ./einlass-server.sqlite");
}

std::filesystem::path server_db_path(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("EINLASS_SERVER_DB"); env && *env) return env;
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
