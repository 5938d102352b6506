// einlass-kiosk: the venue kiosk. Without a subcommand (or with `run`) it opens the full-screen
// check-in window; the headless subcommands serve tests, benchmarks and staff scripts, and
// print machine-readable output.

#include <CLI/CLI.hpp>

#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "kiosk/app/commands.hpp"
#include "kiosk/app/demo_command.hpp"
#include "kiosk/app/gui/command_run.hpp"
#include "kiosk/app/staff_pin.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "kiosk/ui/ui_error.hpp"

namespace {

// `einlass-kiosk` and `einlass-kiosk --windowed 1280x800 …` mean `einlass-kiosk run …`: the
// kiosk is what the program is for; the subcommands are the tools around it.
std::vector<char*> with_default_command(int argc, char** argv) {
  static char run[] = "run";
  std::vector<char*> args(argv, argv + argc);
  const bool help =
      argc > 1 && (std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0);
  if (argc == 1 || (argv[1][0] == '-' && !help)) args.insert(args.begin() + 1, run);
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace einlass::app;
  CLI::App app{"einlass-kiosk — check-in kiosk for conference days (no command: the kiosk window)"};
  app.require_subcommand(1);
  std::map<std::string, CommandRunner> runners{
      {"run", gui::add_run_command(app)},
      {"checkin", add_checkin_command(app)},
      {"walk-in", add_walk_in_command(app)},
      {"status", add_status_command(app)},
      {"decode", add_decode_command(app)},
      {"demo", add_demo_command(app,
                                [](const KioskOptions& kiosk, const GuiOptions& options,
                                   const DemoWorld& world) {
                                  return gui::run_kiosk_window(kiosk, options, &world);
                                })},
      {"keygen", add_keygen_command(app)},
      {"set-pin", add_set_pin_command(app)},
      {"enroll", add_enroll_command(app)},
      {"sync", add_sync_command(app)},
      {"purge", add_purge_command(app)},
      {"export", add_export_command(app)},
  };
  std::vector<char*> args = with_default_command(argc, argv);
  try {
    app.parse(static_cast<int>(args.size()), args.data());
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
  } catch (const einlass::ui::UiError& e) {
    std::cerr << "einlass-kiosk: " << e.what() << "\n";
    return kExitUsage;
  }
  return kExitUsage;
}
