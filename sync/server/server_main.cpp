// einlass-server: the central server kiosks sync with, and the organiser's tool for the event,
// keys, kiosks (enrolment, revocation), registrations, agenda changes and attendance.

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_config.hpp"

int main(int argc, char** argv) {
  using namespace einlass::sync::server;
  // Logs go to stderr: stdout carries results (and `serve`'s one line with its address).
  spdlog::set_default_logger(spdlog::stderr_logger_mt("einlass-server"));
  CLI::App app{"einlass-server — central server and organiser tool for Einlass"};
  app.require_subcommand(1);
  std::map<std::string, CommandRunner> runners{
      {"init", add_init_command(app)},
      {"serve", add_serve_command(app)},
      {"enrol", add_enrol_command(app)},
      {"devices", add_devices_command(app)},
      {"agenda", add_agenda_command(app)},
      {"keys", add_keys_command(app)},
      {"roster-add", add_roster_add_command(app)},
      {"attendance", add_attendance_command(app)},
      {"organiser-token", add_organiser_token_command(app)},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    for (auto* sub : app.get_subcommands())
      return runners.at(sub->get_name())();
  } catch (const ServerConfigError& e) {
    std::cerr << "einlass-server: " << e.what() << "\n";
    return kExitUsage;
  } catch (const einlass::store::StoreError& e) {
    std::cerr << "einlass-server: " << e.what() << "\n";
    return kExitUsage;
  }
  return kExitUsage;
}
