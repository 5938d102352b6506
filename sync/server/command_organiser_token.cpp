#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "sync/server/credentials.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

struct OrganiserTokenArgs {
  std::string db;
  std::string name;  // create a token for this name
  bool list = false;
  bool json = false;
  std::string revoke;
};

int run_organiser_token(const OrganiserTokenArgs& args) {
  if (!args.name.empty() + args.list + !args.revoke.empty() != 1) {
    std::cerr << "organiser-token: give a NAME to create a token, or --list, or --revoke NAME\n";
    return kExitUsage;
  }
  const auto db = open_server_db(server_db_path(args.db));
  if (!args.revoke.empty())
    return report_revocation("organiser token", args.revoke,
                             revoke_organiser_token(*db, args.revoke, unix_now_ms()),
                             "organiser-token --list");
  if (args.list) {
    // Names and state only: the tokens themselves are stored as hashes and shown only once.
    for (const OrganiserToken& t : list_organiser_tokens(*db)) {
      if (args.json) {
        std::cout << nlohmann::json{{"name", t.name},
                                    {"created_ms", t.created_ms},
                                    {"revoked", t.revoked_ms.has_value()}}
                         .dump()
                  << "\n";
      } else {
        std::cout << t.name << "  " << revocation_state(t.revoked_ms) << "\n";
      }
    }
    return kExitOk;
  }
  std::cout << create_organiser_token(*db, args.name) << "\n";
  return kExitOk;
}

}  // namespace

CommandRunner add_organiser_token_command(CLI::App& app) {
  auto args = std::make_shared<OrganiserTokenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "organiser-token",
      "create (or replace) an organiser's API token for /api/v1/admin, printed once; or list "
      "or revoke the tokens");
  add_db_option(*cmd, args->db);
  cmd->add_option("name", args->name, "whose token, e.g. \"buero\"");
  cmd->add_flag("--list", args->list, "list the organisers with a token (never the tokens)");
  cmd->add_flag("--json", args->json, "with --list: one JSON line per token");
  cmd->add_option("--revoke", args->revoke,
                  "revoke this organiser's token: it gets 401 from now on");
  return [args]() -> int { return run_organiser_token(*args); };
}

}  // namespace einlass::sync::server
