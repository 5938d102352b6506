#pragma once

#include <chrono>
#include <string>
#include <unordered_map>

namespace einlass::scan {

// The double-scan rule. A code seen again within `hold_off` of its last sighting is not a new
// check-in attempt: a code held in front of the camera for a minute is one scan, and showing
// it again right after the welcome does not produce a second "already checked in". A different
// code is a new scan at once, and so is the same code after the hold-off: someone coming back
// later must get an answer. Used for camera frames (by ScanWorker) and for hardware-scanner
// bursts (by the UI, whose scanner triggers twice when the button is pressed twice).
class RepeatFilter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RepeatFilter(std::chrono::milliseconds hold_off = std::chrono::seconds(3))
      : hold_off_(hold_off) {}

  // Records a sighting of `code` at `t` and says whether it is a new scan.
  bool is_new_scan(const std::string& code, Clock::time_point t);

  std::chrono::milliseconds hold_off() const { return hold_off_; }

 private:
  std::chrono::milliseconds hold_off_;
  std::unordered_map<std::string, Clock::time_point> last_seen_;
};

}  // namespace einlass::scan
