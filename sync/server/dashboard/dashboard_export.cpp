#include "sync/server/dashboard/dashboard_export.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "sync/server/export/attendance_export.hpp"

namespace einlass::sync::server {

namespace fs = std::filesystem;

namespace {

// Removes the download folder on every way out, exceptions included: it holds names.
class RemovedOnExit {
 public:
  explicit RemovedOnExit(fs::path dir) : dir_(std::move(dir)) {}
  RemovedOnExit(const RemovedOnExit&) = delete;
  RemovedOnExit& operator=(const RemovedOnExit&) = delete;
  ~RemovedOnExit() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

 private:
  fs::path dir_;
};

}  // namespace

DashboardDownload export_for_dashboard(store::Database& db, std::mutex& write_mutex,
                                       const ServerConfig& config, const std::string& format,
                                       const std::string& venue, const std::string& account) {
  DashboardDownload out;
  const auto parsed = parse_export_format(format);
  if (!parsed) {
    out.error = "unknown export format \"" + format + "\": choose xlsx, csv-excel or csv";
    return out;
  }
  ExportRequest request;
  request.format = *parsed;
  if (!venue.empty()) request.venue = venue;
  request.requested_by = account;
  // A directory only this process can read: the file holds participants' names.
  std::string pattern = (fs::temp_directory_path() / "einlass-download-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    out.error = "the server could not create a temporary file; see its log";
    return out;
  }
  const fs::path dir = pattern;
  const RemovedOnExit cleanup(dir);
  out.file_name = "einlass-anwesenheit" + (venue.empty() ? std::string() : "-" + venue) +
                  (request.format == ExportFormat::csv_excel ? "-excel" : "") +
                  std::string(export_file_extension(request.format));
  try {
    {
      // The export logs itself in a write transaction inside write_attendance_export, which
      // offers no narrower hook; building a file takes well under a second even for 50,000
      // registrations, which kiosk pushes can wait out.
      std::lock_guard write(write_mutex);
      write_attendance_export(db, config, request, dir / out.file_name);
    }
    std::ifstream in(dir / out.file_name, std::ios::binary);
    out.bytes.assign(std::istreambuf_iterator<char>(in), {});
    out.content_type = export_content_type(request.format);
  } catch (const ExportError& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace einlass::sync::server
