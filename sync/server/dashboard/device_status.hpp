#pragma once
// What kiosks report with each request (protocol::kOutboxHeader, kClockHeader): events waiting
// in their outbox and their wall clock. The server keeps the latest per device for the
// dashboard; a malformed or missing report is ignored, never an error (older kiosks send none).

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

struct DeviceReport {
  int64_t outbox = 0;
  int64_t clock_skew_ms = 0;  // kiosk clock minus server clock; > 0: the kiosk is ahead
};

// From the two header values (empty when absent); nullopt when either is missing or not a
// plausible number.
std::optional<DeviceReport> read_device_report(const std::string& outbox_header,
                                               const std::string& clock_header, int64_t now_ms);

void store_device_report(store::Database& db, const std::string& device_id,
                         const DeviceReport& report, int64_t now_ms);

// Kiosks poll every second or so; writing every report would put a COMMIT on each poll. A
// report is written when the outbox count changed or kRewriteAfterMs passed.
class DeviceReportThrottle {
 public:
  static constexpr int64_t kRewriteAfterMs = 5'000;
  bool should_write(const std::string& device_id, const DeviceReport& report, int64_t now_ms);

 private:
  struct Written {
    int64_t outbox = -1, at_ms = 0;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Written> written_;
};

}  // namespace einlass::sync::server
