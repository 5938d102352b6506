#include "kiosk/scan/repeat_filter.hpp"

#include <iterator>

namespace einlass::scan {

bool RepeatFilter::is_new_scan(const std::string& code, Clock::time_point t) {
  // Forget codes whose hold-off is over, so the map stays as small as the queue at the door.
  for (auto it = last_seen_.begin(); it != last_seen_.end();) {
    it = t - it->second > hold_off_ ? last_seen_.erase(it) : std::next(it);
  }
  const auto [it, inserted] = last_seen_.try_emplace(code, t);
  // Every sighting restarts the hold-off: consecutive frames of one code are one scan however
  // long it is held up.
  it->second = t;
  return inserted;
}

}  // namespace einlass::scan
