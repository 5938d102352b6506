#pragma once
// The dashboard's downloads: an attendance export (sync/server/export) written to a private
// temporary file, read back for the browser, and logged under the organiser's account name.

#include <mutex>
#include <string>

#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/server_config.hpp"

namespace einlass::sync::server {

struct DashboardDownload {
  std::string bytes, content_type, file_name;
  std::string error;  // set instead when the request cannot be served
};

// `format`: "xlsx", "csv-excel" or "csv"; `venue` empty = all venues. The export's log entry
// is written under `write_mutex` (the pool's), like every other write of the server. The
// temporary folder is removed however the export ends.
DashboardDownload export_for_dashboard(store::Database& db, std::mutex& write_mutex,
                                       const ServerConfig& config, const std::string& format,
                                       const std::string& venue, const std::string& account);

}  // namespace einlass::sync::server
