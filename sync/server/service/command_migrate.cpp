// `einlass-server migrate`: brings an existing database's schema up to date and says from which
// version to which. The Debian package's postinst runs it on upgrade, so the data of the last
// event is carried over before the new server starts; every other command migrates on open too.

#include <filesystem>
#include <iostream>
#include <memory>

#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_db.hpp"
#include "sync/server/server_schema.hpp"
#include "sync/server/service/serve_config_file.hpp"

namespace einlass::sync::server {

namespace {

struct MigrateArgs {
  std::string db;
  std::string config;
  bool if_exists = false;
};

int run_migrate(const MigrateArgs& args) {
  std::string option = args.db;
  if (option.empty() && !args.config.empty()) option = read_serve_config(args.config).database;
  const std::filesystem::path file = server_db_path(option);
  if (!std::filesystem::exists(file)) {
    if (args.if_exists) {
      std::cout << "database " << file.string() << ": not created yet, nothing to migrate\n";
      return kExitOk;
    }
    // Creating an empty database here would hide a wrong path; `init` creates one on purpose.
    std::cerr << "migrate: there is no database at " << file.string()
              << ": check --db or the config's 'database', or create one with einlass-server "
                 "init --event FILE\n";
    return kExitFailed;
  }
  int64_t before = 0;
  {
    const store::Database peek(file);
    before = peek.query_int("PRAGMA user_version");
  }
  open_server_db(file);  // migrates; refuses a database from a newer server
  std::cout << "database " << file.string() << ": schema version " << before;
  if (before == latest_server_schema_version())
    std::cout << ", up to date\n";
  else
    std::cout << " -> " << latest_server_schema_version() << "\n";
  return kExitOk;
}

}  // namespace

CommandRunner add_migrate_command(CLI::App& app) {
  auto args = std::make_shared<MigrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "migrate",
      "bring an existing database's schema up to date, keeping its data (the Debian package "
      "does this on upgrade); prints the version before and after");
  add_db_option(*cmd, args->db);
  cmd->add_option("--config", args->config,
                  "take the database path from this server config file (see serve --help)");
  cmd->add_flag("--if-exists", args->if_exists,
                "a missing database is no error (a server installed but not set up yet)");
  return [args]() -> int {
    try {
      return run_migrate(*args);
    } catch (const ServeConfigError& e) {
      std::cerr << "migrate: " << e.what() << "\n";
      return kExitUsage;
    }
  };
}

}  // namespace einlass::sync::server
