// `einlass-kiosk set-pin`: sets the staff PIN of the kiosk whose store is given. The PIN is read
// from stdin rather than the command line, so it stays out of shell history and `ps`.

#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/app/staff_pin.hpp"
#include "kiosk/core/secret_input.hpp"

namespace einlass::app {

namespace {

// A PIN has no spaces: trailing ones from a careless paste are dropped.
std::string read_pin(const char* prompt) {
  std::string line = core::read_secret_line(prompt);
  while (!line.empty() && line.back() == ' ')
    line.pop_back();
  return line;
}

}  // namespace

CommandRunner add_set_pin_command(CLI::App& app) {
  auto store_file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "set-pin",
      "set the staff PIN (4–12 digits, read from stdin) that guards staff mode and "
      "leaving the kiosk");
  cmd->add_option("--store", *store_file,
                  "kiosk store file; default: $EINLASS_STORE or "
                  "~/.local/share/einlass/kiosk.sqlite");
  return [store_file]() -> int {
    const bool terminal = core::stdin_is_terminal();
    const std::string pin = read_pin("New staff PIN (4–12 digits): ");
    if (!StaffPin::acceptable(pin)) {
      std::cerr << "set-pin: a staff PIN has 4 to 12 digits; nothing was changed\n";
      return kExitUsage;
    }
    if (terminal && read_pin("Repeat the PIN: ") != pin) {
      std::cerr << "set-pin: the two PINs differ; nothing was changed\n";
      return kExitUsage;
    }
    const std::filesystem::path file =
        store_file->empty() ? default_store_file() : std::filesystem::path(*store_file);
    std::filesystem::create_directories(file.parent_path().empty() ? "." : file.parent_path());
    store::KioskStore store(file);
    StaffPin(store).set(pin);
    std::cout << "{\"staff_pin\":\"set\",\"store\":" << nlohmann::json(file.string()).dump()
              << "}\n";
    return kExitOk;
  };
}

}  // namespace einlass::app
