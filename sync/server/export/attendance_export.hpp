#pragma once
// Attendance exports for organisers' reports: XLSX (summary sheet + one sheet per venue) and
// two CSV dialects, written from the server's event log and registrations. Every export is
// recorded in the export log (who, when, what, rows), so the organiser can answer a data
// protection officer's "who took the participant lists out, and when?".
//
// Used by `einlass-server export` and by the dashboard's downloads.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/server_config.hpp"

namespace einlass::sync::server {

enum class ExportFormat {
  xlsx,
  csv_excel,  // what German Excel opens by double-click: UTF-8 with BOM, ';', CRLF
  csv_plain,  // RFC 4180: UTF-8 without BOM, ',', CRLF
};

// "xlsx", "csv-excel", "csv" (the command line's and the dashboard's names).
std::string_view export_format_name(ExportFormat format);
std::optional<ExportFormat> parse_export_format(std::string_view name);
// For downloads: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" or
// "text/csv; charset=utf-8", and the file name extension (".xlsx", ".csv").
std::string_view export_content_type(ExportFormat format);
std::string_view export_file_extension(ExportFormat format);

struct ExportRequest {
  ExportFormat format = ExportFormat::xlsx;
  std::optional<std::string> venue;  // nullopt = all venues
  std::string requested_by;          // organiser account name, or "cli:<unix user>"
};

struct ExportSummary {
  int64_t log_id = 0;               // its row in the export log
  int64_t participant_rows = 0;     // people listed (CSV: data rows)
  std::vector<std::string> venues;  // venue ids included
};

// A request that cannot be served (unknown venue, empty requested_by, unwritable file):
// the message says what to do; nothing was written or logged.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes the export to `out` (replacing it only once complete) and records it in the export
// log; if the log entry cannot be committed, the file is removed again (no unlogged export).
// Throws ExportError (or store::StoreError for a broken database). `before_commit` runs after
// the file is in place, before the log entry commits (fault injection in tests).
ExportSummary write_attendance_export(store::Database& db, const ServerConfig& config,
                                      const ExportRequest& request,
                                      const std::filesystem::path& out,
                                      const std::function<void()>& before_commit = {});

struct ExportLogEntry {
  int64_t id = 0;
  int64_t created_ms = 0;
  std::string requested_by;
  std::string format;  // export_format_name
  std::string venue;   // "" = all venues
  int64_t rows = 0;
  std::string file;  // the file name written (no directory for downloads)
};

// Newest first.
std::vector<ExportLogEntry> export_log(const store::Database& db);

}  // namespace einlass::sync::server
