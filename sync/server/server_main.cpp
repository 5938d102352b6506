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
#include "sync/server/service/serve_config_file.hpp"

int main(int argc, char** argv) {
  using namespace einlass::sync::server;
  // Logs go to stderr: stdout carries results (and `serve`'s one line with its address).
  spdlog::set_default_logger(spdlog::stderr_logger_mt("einlass-server"));
  CLI::App app{"einlass-server — central server and organiser tool for Einlass"};
  app.require_subcommand(1);
  app.footer(
      "Run `einlass-server COMMAND --help` for a command's options. Installed from the Debian "
      "package, the server runs as the systemd service einlass-server (config "
      "/etc/einlass/server.toml, database /var/lib/einlass/server.sqlite, owned by the user "
      "einlass: run organiser commands as `sudo -u einlass einlass-server ...`; without --db "
      "they use the database named in /etc/einlass/server.toml). Exit status: 0 done, 1 "
      "refused or failed, 2 usage or "
      "configuration error.");
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
      {"tickets", add_tickets_command(app)},
      {"export", add_export_command(app)},
      {"purge", add_purge_command(app)},
      {"import", add_import_command(app)},
      {"demo-registrations", add_demo_registrations_command(app)},
      {"migrate", add_migrate_command(app)},
      {"organiser", add_organiser_command(app)},
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
  } catch (const ServeConfigError& e) {  // /etc/einlass/server.toml, read for the --db default
    std::cerr << "einlass-server: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {  // a bug: a clear message instead of std::terminate
    std::cerr << "einlass-server: stopped by an internal error (" << e.what()
              << "); if this repeats, report it with this message\n";
    return kExitFailed;
  }
  return kExitUsage;
}
