// `einlass-server demo-registrations --count N --seed S -o FILE.csv`: a realistic registration
// list for demos and benchmarks (see import/demo_registrations.hpp).

#include <fstream>
#include <iostream>
#include <memory>

#include "kiosk/core/event_config.hpp"
#include "sync/server/import/demo_registrations.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

CommandRunner add_demo_registrations_command(CLI::App& app) {
  struct Args {
    std::string db_file, output;
    int count = 200;
    uint64_t seed = 1;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "demo-registrations",
      "write a realistic registration CSV for the event in the database (German headers, ';', "
      "UTF-8 with BOM), the same for the same seed");
  add_db_option(*cmd, args->db_file);
  cmd->add_option("--count", args->count, "how many people (default 200)")
      ->check(CLI::Range(1, 1'000'000));
  cmd->add_option("--seed", args->seed, "the same seed gives the same file (default 1)");
  cmd->add_option("-o,--output", args->output, "the CSV file to write")->required();
  return [args]() -> int {
    const auto db = open_server_db(server_db_path(args->db_file));
    const auto config = load_server_config(*db);
    std::ofstream out(args->output, std::ios::binary | std::ios::trunc);
    out << import::demo_registrations_csv(config->event, args->count, args->seed);
    out.close();
    if (!out) {
      std::cerr << "demo-registrations: cannot write " << args->output << "\n";
      return kExitFailed;
    }
    std::cout << args->count << " registrations written to " << args->output << "\n";
    return kExitOk;
  };
}

}  // namespace einlass::sync::server
