#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "sync/protocol/json_reader.hpp"
#include "sync/protocol/protocol_error.hpp"
#include "sync/server/registrations.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

CommandRunner add_roster_add_command(CLI::App& app) {
  auto db_file = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "roster-add",
      "add or update registrations from a JSON file: a list of {id, first_name, last_name, "
      "organisation, email, venue, day, topics, round_topics, ticket_serial, cancelled, "
      "opaque_code}; all or nothing");
  add_db_option(*cmd, *db_file);
  cmd->add_option("file", *file, "the JSON file (- for standard input)")->required();
  return [db_file, file]() -> int {
    const auto db = open_server_db(server_db_path(*db_file));
    const auto config = load_server_config(*db);
    std::string text;
    if (*file == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
      std::ifstream in(*file, std::ios::binary);
      if (!in) {
        std::cerr << "roster-add: cannot read " << *file << "\n";
        return kExitUsage;
      }
      text.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::vector<Registration> list;
    try {
      const auto json = protocol::parse_json_body(text, *file);
      if (!json.is_array()) throw protocol::ProtocolError(*file + " must hold a JSON list");
      for (size_t i = 0; i < json.size(); ++i)
        list.push_back(
            registration_from_json(json[i], "[" + std::to_string(i) + "]", config->event));
    } catch (const protocol::ProtocolError& e) {
      std::cerr << "roster-add: " << e.what() << "; nothing was changed\n";
      return kExitFailed;
    }
    const UpsertCounts counts = upsert_registrations(*db, list, unix_now_ms());
    std::cout << counts.added << " added, " << counts.changed << " changed, " << counts.unchanged
              << " unchanged\n";
    return kExitOk;
  };
}

}  // namespace einlass::sync::server
