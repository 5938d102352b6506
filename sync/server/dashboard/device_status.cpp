#include "sync/server/dashboard/device_status.hpp"

#include <charconv>

#include "sync/protocol/limits.hpp"

namespace einlass::sync::server {

namespace {
std::optional<int64_t> whole_number(const std::string& text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}
}  // namespace

std::optional<DeviceReport> read_device_report(const std::string& outbox_header,
                                               const std::string& clock_header, int64_t now_ms) {
  const auto outbox = whole_number(outbox_header);
  const auto clock = whole_number(clock_header);
  if (!outbox || !clock || *outbox < 0 || *outbox > 100'000'000 ||
      *clock < protocol::kMinPlausibleMs || *clock > protocol::kMaxPlausibleMs)
    return std::nullopt;
  // The kiosk's clock when it sent the request: the skew includes the one-way network delay
  // (milliseconds on a venue network, seconds at worst on mobile), which is fine for what the
  // dashboard flags — clocks minutes off. The kiosk's own midpoint estimate would be more
  // exact but needs a protocol change (a new header), kept for later.
  return DeviceReport{*outbox, *clock - now_ms};
}

void store_device_report(store::Database& db, const std::string& device_id,
                         const DeviceReport& report, int64_t now_ms) {
  db.prepare(
        "INSERT INTO device_sync_status (device_id, outbox, clock_skew_ms, reported_ms) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET outbox = excluded.outbox, "
        "clock_skew_ms = excluded.clock_skew_ms, reported_ms = excluded.reported_ms")
      .bind(1, device_id)
      .bind(2, report.outbox)
      .bind(3, report.clock_skew_ms)
      .bind(4, now_ms)
      .run();
}

bool DeviceReportThrottle::should_write(const std::string& device_id, const DeviceReport& report,
                                        int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Written& w = written_[device_id];
  if (w.outbox == report.outbox && now_ms - w.at_ms < kRewriteAfterMs) return false;
  w = {report.outbox, now_ms};
  return true;
}

}  // namespace einlass::sync::server
