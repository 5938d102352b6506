#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "sync/protocol/cell_text.hpp"
#include "sync/server/export/attendance_export.hpp"
#include "sync/server/export/cli_requester.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

struct ExportArgs {
  std::string db, format = "xlsx", venue, out;
  bool log = false, json = false;
};

int print_log(const store::Database& db, const ServerConfig& config, bool json) {
  for (const ExportLogEntry& e : export_log(db)) {
    const std::string when = iso_date_time(local_date_time(e.created_ms, config.event.timezone));
    if (json) {
      std::cout << nlohmann::json{{"id", e.id},         {"created_ms", e.created_ms},
                                  {"created", when},    {"requested_by", e.requested_by},
                                  {"format", e.format}, {"venue", e.venue},
                                  {"rows", e.rows},     {"file", e.file}}
                       .dump()
                << "\n";
    } else {
      std::cout << "#" << e.id << "  " << when << "  " << e.requested_by << "  " << e.format << "  "
                << (e.venue.empty() ? "all venues" : e.venue) << "  " << e.rows << " rows  "
                << e.file << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

CommandRunner add_export_command(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "attendance for reports (XLSX or CSV), logged; --log lists earlier exports");
  add_db_option(*cmd, args->db);
  cmd->add_option("--format", args->format,
                  "xlsx (default), csv-excel (German Excel) or csv. In csv-excel, Excel may turn "
                  "site numbers like 0815 into 815 (or a date); the XLSX keeps them exactly");
  cmd->add_option("--venue", args->venue, "only this venue (default: all)");
  cmd->add_option("-o,--output", args->out, "the file to write");
  cmd->add_flag("--log", args->log, "list the exports made so far (who, when, what, rows)");
  cmd->add_flag("--json", args->json, "with --log: one JSON line per export");
  return [args]() -> int {
    const auto format = parse_export_format(args->format);
    if (!format) {
      std::cerr << "einlass-server: unknown --format \"" << args->format
                << "\": use xlsx, csv-excel (opens in German Excel) or csv (RFC 4180)\n";
      return kExitUsage;
    }
    if (!args->log && args->out.empty()) {
      std::cerr << "einlass-server: say where to write the export: -o attendance"
                << export_file_extension(*format) << "\n";
      return kExitUsage;
    }
    const auto db = open_server_db(server_db_path(args->db));
    const auto config = load_server_config(*db);
    if (args->log) return print_log(*db, *config, args->json);
    ExportRequest request;
    request.format = *format;
    if (!args->venue.empty()) request.venue = args->venue;
    request.requested_by = cli_requester();
    try {
      const ExportSummary s = write_attendance_export(*db, *config, request, args->out);
      std::cout << "wrote " << args->out << ": " << s.participant_rows << " participant rows ("
                << export_format_name(*format) << ", ";
      for (size_t i = 0; i < s.venues.size(); ++i)
        std::cout << (i ? ", " : "") << s.venues[i];
      std::cout << "); export log #" << s.log_id << "\n";
    } catch (const ExportError& e) {
      std::cerr << "einlass-server: " << e.what() << "\n";
      return kExitUsage;
    }
    return kExitOk;
  };
}

}  // namespace einlass::sync::server
