// einlass-kiosk: the venue kiosk. For now the headless commands (the full-screen UI joins them
// as the default command later); every command prints machine-readable output for scripts.

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "kiosk/app/commands.hpp"
#include "kiosk/store/sqlite_db.hpp"

int main(int argc, char** argv) {
  using namespace einlass::app;
  CLI::App app{"einlass-kiosk — check-in kiosk for conference days"};
  app.require_subcommand(1);
  std::map<std::string, CommandRunner> runners{
      {"checkin", add_checkin_command(app)}, {"walk-in", add_walk_in_command(app)},
      {"status", add_status_command(app)},   {"decode", add_decode_command(app)},
      {"demo", add_demo_command(app)},       {"keygen", add_keygen_command(app)},
      {"enroll", add_enroll_command(app)},   {"sync", add_sync_command(app)},
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
  } catch (const ConfigurationError& e) {
    std::cerr << "einlass-kiosk: " << e.what() << "\n";
    return kExitUsage;
  } catch (const einlass::store::StoreError& e) {
    std::cerr << "einlass-kiosk: " << e.what() << "\n";
    return kExitUsage;
  }
  return kExitUsage;
}
