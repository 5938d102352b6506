// `einlass-server import FILE.csv`: the registration list from the registration site or Excel,
// checked row by row before anything is stored (see sync/server/import/).

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "sync/server/import/import_history.hpp"
#include "sync/server/import/import_plan.hpp"
#include "sync/server/import/import_source.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

struct ImportArgs {
  std::string db_file, file, encoding, separator, rejects;
  std::vector<std::string> maps;
  bool skip_invalid = false, cancel_missing = false, dry_run = false, history = false;
  int runs = 10, changes = 50;
};

std::string counts_text(const import::ImportCounts& c) {
  return std::to_string(c.added) + " added, " + std::to_string(c.changed) + " changed (" +
         std::to_string(c.reissued) + " tickets re-issued), " + std::to_string(c.unchanged) +
         " unchanged, " + std::to_string(c.cancelled) + " cancelled";
}

int run_import(const ImportArgs& args) {
  const auto db = open_server_db(server_db_path(args.db_file));
  if (args.history) {
    std::cout << import::format_import_history(*db, args.runs, args.changes);
    return kExitOk;
  }
  if (args.file.empty()) {
    std::cerr << "import: name the CSV file (or --history for past imports)\n";
    return kExitUsage;
  }
  const auto config = load_server_config(*db);
  import::SourceOptions options;
  if (!args.encoding.empty()) {
    options.encoding = import::parse_encoding_name(args.encoding);
    if (!options.encoding) {
      std::cerr << "import: --encoding " << args.encoding
                << " is not known; use utf-8 or windows-1252\n";
      return kExitUsage;
    }
  }
  if (!args.separator.empty()) {
    options.separator = import::parse_separator(args.separator);
    if (!options.separator) {
      std::cerr << "import: --separator " << args.separator << " is not known; use ; , or tab\n";
      return kExitUsage;
    }
  }
  std::ifstream in(args.file, std::ios::binary);
  if (!in) {
    std::cerr << "import: cannot read " << args.file << "\n";
    return kExitUsage;
  }
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};

  import::ImportSource source;
  try {
    for (const std::string& m : args.maps)
      options.mappings.push_back(import::parse_user_mapping(m));
    source = import::read_import_source(bytes, options, config->event);
  } catch (const std::runtime_error& e) {  // CsvError, MappingError
    std::cerr << "import: " << args.file << ": " << e.what() << "; nothing was stored\n";
    return kExitFailed;
  }
  const auto& rows = source.rows;
  std::cout << args.file << ": " << import::encoding_name(source.encoding) << ", "
            << import::separator_name(source.table.separator) << "-separated, "
            << rows.rows.size() + rows.rejected.size() << " rows\n";
  if (!source.columns.ignored.empty()) {
    std::cout << "ignored columns:";
    for (const std::string& h : source.columns.ignored)
      std::cout << " \"" << h << "\"";
    std::cout << " (--map \"Column=field\" to use one)\n";
  }
  for (const import::RejectedRow& r : rows.rejected)
    std::cerr << "line " << r.line << ": " << r.reason << "\n";
  if (!rows.rejected.empty() && !args.skip_invalid) {
    std::cerr << rows.rejected.size() << " of " << rows.rows.size() + rows.rejected.size()
              << " rows have errors; nothing was stored. Fix them and import again, or use "
                 "--skip-invalid to store the "
              << rows.rows.size() << " good rows and get the bad ones in a file to fix.\n";
    return kExitFailed;
  }

  import::ImportPlan plan;
  try {
    plan = import::plan_import(*db, rows.rows, {.cancel_missing = args.cancel_missing});
  } catch (const std::runtime_error& e) {
    std::cerr << "import: " << e.what() << "; nothing was stored\n";
    return kExitFailed;
  }
  plan.counts.rejected = static_cast<int>(rows.rejected.size());
  if (args.dry_run) {
    std::cout << "dry run, nothing was stored; the import would make: " << counts_text(plan.counts)
              << ", " << plan.counts.rejected << " rejected\n";
    return kExitOk;
  }
  const int64_t run = import::apply_import(*db, plan, args.file, unix_now_ms());
  std::cout << "import run " << run << ": " << counts_text(plan.counts) << "\n";
  if (!rows.rejected.empty()) {
    const std::string rejects = args.rejects.empty() ? args.file + ".rejects.csv" : args.rejects;
    std::ofstream out(rejects, std::ios::binary | std::ios::trunc);
    out << import::rejects_csv(source);
    out.close();
    if (!out) {
      std::cerr << "import: the good rows are stored, but the rejected rows could not be "
                   "written to "
                << rejects << "\n";
      return kExitFailed;
    }
    std::cout << rows.rejected.size() << " rows rejected and written to " << rejects
              << " (with the reason in the last column): fix them there and import that file\n";
  }
  return kExitOk;
}

}  // namespace

CommandRunner add_import_command(CLI::App& app) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "import the registration list (CSV from the registration site or Excel: UTF-8 or "
      "Windows-1252, ; , or tab, German or English headers); all or nothing unless "
      "--skip-invalid; re-importing an updated list changes only what changed");
  add_db_option(*cmd, args->db_file);
  cmd->add_option("file", args->file, "the CSV file");
  cmd->add_option("--encoding", args->encoding, "utf-8 or windows-1252 (default: detected)");
  cmd->add_option("--separator", args->separator, "; , or tab (default: detected)");
  cmd->add_option("--map", args->maps,
                  "\"Column header=field\" for a column with another name; fields: id, "
                  "first_name, last_name, email, organisation, venue, day, topic1, topic2 …, "
                  "ignore");
  cmd->add_flag("--skip-invalid", args->skip_invalid,
                "store the good rows and write the bad ones to the rejects file");
  cmd->add_option("--rejects", args->rejects, "where rejected rows go (default: FILE.rejects.csv)");
  cmd->add_flag("--cancel-missing", args->cancel_missing,
                "cancel imported registrations at the file's venues that the file no longer lists");
  cmd->add_flag("--dry-run", args->dry_run, "check and count what would change; store nothing");
  cmd->add_flag("--history", args->history, "print the recent imports and what they changed");
  cmd->add_option("--runs", args->runs, "with --history: how many imports (default 10)");
  cmd->add_option("--changes", args->changes,
                  "with --history: change lines per import (default 50)");
  return [args]() -> int { return run_import(*args); };
}

}  // namespace einlass::sync::server
