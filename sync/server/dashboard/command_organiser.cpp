// `einlass-server organiser add|list|remove|password NAME`: the accounts organisers log in to
// the dashboard with. Passwords are read from stdin (twice, without echo, on a terminal),
// never from the command line, so they stay out of shell history and `ps`.

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "kiosk/core/secret_input.hpp"
#include "sync/server/dashboard/organiser_accounts.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

struct OrganiserArgs {
  std::string db, name;
  bool json = false;
};

// Nullopt (after saying why) when the two entries differ or the password is unusable.
std::optional<std::string> read_new_password() {
  const bool terminal = core::stdin_is_terminal();
  std::string password = core::read_secret_line("New password: ");
  if (const auto problem = password_problem(password)) {
    std::cerr << "organiser: " << *problem << "; nothing was changed\n";
    return std::nullopt;
  }
  if (terminal && core::read_secret_line("Repeat it: ") != password) {
    std::cerr << "organiser: the two passwords differ; nothing was changed\n";
    return std::nullopt;
  }
  return password;
}

}  // namespace

CommandRunner add_organiser_command(CLI::App& app) {
  auto args = std::make_shared<OrganiserArgs>();
  CLI::App* cmd = app.add_subcommand(
      "organiser", "dashboard accounts: add, list, remove, password (passwords from stdin)");
  add_db_option(*cmd, args->db);
  cmd->require_subcommand(1);
  CLI::App* add = cmd->add_subcommand("add", "create an account; its password is read from stdin");
  CLI::App* list = cmd->add_subcommand("list", "the accounts and their open sessions");
  CLI::App* remove = cmd->add_subcommand("remove", "delete an account and log it out everywhere");
  CLI::App* password =
      cmd->add_subcommand("password", "set a new password (stdin); logs the account out");
  for (CLI::App* sub : {add, remove, password})
    sub->add_option("name", args->name, "account name, e.g. \"buero\"")->required();
  list->add_flag("--json", args->json, "one JSON line per account");

  return [=]() -> int {
    const auto db = open_server_db(server_db_path(args->db));
    try {
      if (list->parsed()) {
        for (const OrganiserAccount& a : list_organiser_accounts(*db)) {
          if (args->json)
            std::cout << nlohmann::json{{"name", a.name},
                                        {"created_ms", a.created_ms},
                                        {"password_changed_ms", a.changed_ms},
                                        {"sessions", a.sessions}}
                             .dump()
                      << "\n";
          else
            std::cout << a.name << "  " << a.sessions << " session(s)\n";
        }
        return kExitOk;
      }
      if (remove->parsed()) {
        if (!remove_organiser_account(*db, args->name)) {
          std::cerr << "organiser: there is no account \"" << args->name
                    << "\"; see `einlass-server organiser list`\n";
          return kExitFailed;
        }
        std::cout << "removed " << args->name << "\n";
        return kExitOk;
      }
      if (add->parsed() && !acceptable_account_name(args->name)) {
        std::cerr << "organiser: \"" << args->name
                  << "\" is not a usable account name: 1 to 64 letters, digits, '.', '-' or '_'\n";
        return kExitUsage;
      }
      const auto secret = read_new_password();
      if (!secret) return kExitUsage;
      if (add->parsed()) {
        add_organiser_account(*db, args->name, *secret, unix_now_ms());
        std::cout << "added " << args->name << "\n";
      } else {
        set_organiser_password(*db, args->name, *secret, unix_now_ms());
        std::cout << "new password for " << args->name << "; its sessions were ended\n";
      }
      return kExitOk;
    } catch (const AccountError& e) {
      std::cerr << "organiser: " << e.what() << "\n";
      return kExitFailed;
    }
  };
}

}  // namespace einlass::sync::server
