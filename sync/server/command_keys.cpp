#include <iostream>
#include <memory>

#include "kiosk/core/ticket_key_files.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

CommandRunner add_keys_command(CLI::App& app) {
  auto db_file = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>(".");
  auto name = std::make_shared<std::string>("tickets");
  auto add = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "keys",
      "ticket signing keys: `keys generate` writes a key pair (the secret file stays with the "
      "organiser) and hands the public key to kiosks; `keys add FILE.public` adds an existing "
      "one; `keys list` shows them");
  add_db_option(*cmd, *db_file);
  cmd->require_subcommand(1);
  CLI::App* generate =
      cmd->add_subcommand("generate", "create a key pair and publish its public key");
  generate->add_option("--dir", *dir, "folder for the key files")->capture_default_str();
  generate->add_option("--name", *name, "file name stem")->capture_default_str();
  CLI::App* add_cmd = cmd->add_subcommand("add", "publish an existing public key file");
  add_cmd->add_option("file", *add, "the *.public file")->required();
  CLI::App* list = cmd->add_subcommand("list", "the public keys kiosks receive");
  return [=]() -> int {
    const auto db = open_server_db(server_db_path(*db_file));
    if (generate->parsed()) {
      core::KeyFiles files;
      try {
        files = core::generate_key_pair(*dir, *name);
      } catch (const core::TicketKeyError& e) {
        std::cerr << "keys: " << e.what() << "\n";
        return kExitUsage;
      }
      add_public_key(*db, files.public_file);
      std::cout << "key " << core::format_key_id(files.key_id)
                << "\n  secret: " << files.secret_file.string()
                << " (keep it safe; only for issuing tickets)\n"
                << "  public: " << files.public_file.string()
                << " (kiosks receive it at enrolment and their next sync)\n";
      return kExitOk;
    }
    if (add_cmd->parsed()) {
      std::cout << "key " << add_public_key(*db, *add) << " published\n";
      return kExitOk;
    }
    if (list->parsed()) {
      // Held by name: a range-for over a member of the temporary shared_ptr would read freed
      // memory once the temporary is gone.
      const auto config = load_server_config(*db);
      for (const auto& line : config->public_keys)
        std::cout << line << "\n";
    }
    return kExitOk;
  };
}

}  // namespace einlass::sync::server
