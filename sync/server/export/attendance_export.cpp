#include "sync/server/export/attendance_export.hpp"

#include <unistd.h>

#include <fstream>
#include <system_error>

#include "kiosk/core/unix_time.hpp"
#include "sync/server/export/attendance_report.hpp"
#include "sync/server/export/csv_export.hpp"
#include "sync/server/export/xlsx_export.hpp"

namespace einlass::sync::server {

namespace fs = std::filesystem;

std::string_view export_format_name(ExportFormat format) {
  switch (format) {
    case ExportFormat::xlsx:
      return "xlsx";
    case ExportFormat::csv_excel:
      return "csv-excel";
    case ExportFormat::csv_plain:
      return "csv";
  }
  return "xlsx";
}

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  for (ExportFormat f : {ExportFormat::xlsx, ExportFormat::csv_excel, ExportFormat::csv_plain})
    if (export_format_name(f) == name) return f;
  return std::nullopt;
}

std::string_view export_content_type(ExportFormat format) {
  return format == ExportFormat::xlsx
             ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
             : "text/csv; charset=utf-8";
}

std::string_view export_file_extension(ExportFormat format) {
  return format == ExportFormat::xlsx ? ".xlsx" : ".csv";
}

namespace {

void check_request(const ServerConfig& config, const ExportRequest& request, const fs::path& out) {
  if (request.requested_by.empty())
    throw ExportError("an export must name who asks for it (the export log records it)");
  if (request.venue && !core::venue_index(config.event, *request.venue)) {
    std::string known;
    for (const auto& v : config.event.venues)
      known += (known.empty() ? "" : ", ") + v.id;
    throw ExportError("\"" + *request.venue + "\" is not a venue of the event (venues: " + known +
                      ")");
  }
  if (out.empty()) throw ExportError("no output file given: add -o FILE");
  std::error_code ec;
  if (fs::is_directory(out, ec))
    throw ExportError(
        out.string() + " is a folder; give a file name, e.g. " +
        (out / ("attendance" + std::string(export_file_extension(request.format)))).string());
  const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  if (!fs::is_directory(dir, ec))
    throw ExportError("the folder " + dir.string() +
                      " does not exist; create it or choose another");
}

// Written next to the target and renamed over it when complete: a failed export never leaves a
// half-written file under the name the organiser asked for.
fs::path temporary_next_to(const fs::path& out) {
  return out.string() + ".part-" + std::to_string(::getpid());
}

int64_t write_file(const fs::path& file, const AttendanceReport& report, const core::Event& event,
                   ExportFormat format) {
  if (format == ExportFormat::xlsx) return write_attendance_xlsx(file, report, event);
  std::ofstream stream(file, std::ios::binary | std::ios::trunc);
  if (!stream) throw std::runtime_error("cannot create " + file.string());
  const int64_t rows = write_attendance_csv(
      stream, report, event,
      format == ExportFormat::csv_excel ? CsvDialect::excel_german : CsvDialect::rfc4180);
  stream.flush();
  if (!stream) throw std::runtime_error("cannot write " + file.string() + " (disk full?)");
  return rows;
}

}  // namespace

ExportSummary write_attendance_export(store::Database& db, const ServerConfig& config,
                                      const ExportRequest& request, const fs::path& out,
                                      const std::function<void()>& before_commit) {
  check_request(config, request, out);
  const AttendanceReport report = build_attendance_report(db, config.event, request.venue);

  const fs::path part = temporary_next_to(out);
  ExportSummary summary;
  try {
    summary.participant_rows = write_file(part, report, config.event, request.format);
  } catch (const std::exception& e) {
    std::error_code ignored;
    fs::remove(part, ignored);
    throw ExportError(std::string(e.what()) + "; nothing was exported");
  }
  for (const DayCounts& d : report.days)
    if (summary.venues.empty() || summary.venues.back() != d.venue)
      summary.venues.push_back(d.venue);

  bool renamed = false;
  try {
    store::Transaction tx(db);
    db.prepare(
          "INSERT INTO export_log (created_ms, requested_by, format, venue, rows, file) "
          "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, core::unix_now_ms())
        .bind(2, request.requested_by)
        .bind(3, export_format_name(request.format))
        .bind(4, request.venue.value_or(""))
        .bind(5, summary.participant_rows)
        .bind(6, fs::absolute(out).string())  // the purge reminds of it: from any folder
        .run();
    summary.log_id = db.query_int("SELECT last_insert_rowid()");
    std::error_code ec;
    fs::rename(part, out, ec);
    if (ec) throw ExportError("cannot write " + out.string() + ": " + ec.message());
    renamed = true;
    if (before_commit) before_commit();
    tx.commit();
  } catch (...) {
    std::error_code ignored;
    fs::remove(part, ignored);
    // Every export is logged: a file whose log entry did not commit must not stay behind.
    if (renamed) fs::remove(out, ignored);
    throw;
  }
  return summary;
}

std::vector<ExportLogEntry> export_log(const store::Database& db) {
  std::vector<ExportLogEntry> out;
  store::Statement st = db.prepare(
      "SELECT id, created_ms, requested_by, format, venue, rows, file FROM export_log "
      "ORDER BY id DESC");
  while (st.step())
    out.push_back({st.integer(0), st.integer(1), st.text(2), st.text(3), st.text(4), st.integer(5),
                   st.text(6)});
  return out;
}

}  // namespace einlass::sync::server
