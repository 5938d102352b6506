#include <iostream>
#include <memory>
#include <string>

#include "kiosk/app/commands.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/core/ticket_keys.hpp"

namespace einlass::app {

CommandRunner add_keygen_command(CLI::App& app) {
  auto dir = std::make_shared<std::string>(".");
  auto name = std::make_shared<std::string>("tickets");
  CLI::App* cmd = app.add_subcommand(
      "keygen",
      "create a ticket signing key pair: NAME.secret (mode 0600, stays with the organiser) and "
      "NAME.public (give it to the kiosks)");
  cmd->add_option("--dir", *dir, "folder for the key files")->capture_default_str();
  cmd->add_option("--name", *name, "file name stem")->capture_default_str();
  return [dir, name]() -> int {
    try {
      const core::KeyFiles files = core::generate_key_pair(*dir, *name);
      std::cout << "key " << core::format_key_id(files.key_id)
                << "\n  secret: " << files.secret_file.string()
                << " (keep it safe; only for issuing tickets)\n"
                << "  public: " << files.public_file.string()
                << " (give it to every kiosk: --public-key)\n";
      return kExitOk;
    } catch (const core::TicketKeyError& e) {
      std::cerr << "keygen: " << e.what() << "\n";
      return kExitUsage;
    }
  };
}

}  // namespace einlass::app
