#include "kiosk/core/hybrid_logical_clock.hpp"

#include <algorithm>

namespace einlass::core {

std::string HlcStamp::to_string() const {
  return std::to_string(wall_ms) + "." + std::to_string(counter);
}

HlcStamp HybridLogicalClock::tick(int64_t physical_ms) {
  if (physical_ms > last_.wall_ms) {
    last_ = {physical_ms, 0};
  } else {
    ++last_.counter;
  }
  return last_;
}

HlcStamp HybridLogicalClock::observe(const HlcStamp& remote, int64_t physical_ms) {
  const int64_t wall = std::max({last_.wall_ms, remote.wall_ms, physical_ms});
  uint32_t counter = 0;
  if (wall == last_.wall_ms && wall == remote.wall_ms) {
    counter = std::max(last_.counter, remote.counter) + 1;
  } else if (wall == last_.wall_ms) {
    counter = last_.counter + 1;
  } else if (wall == remote.wall_ms) {
    counter = remote.counter + 1;
  }
  last_ = {wall, counter};
  return last_;
}

}  // namespace einlass::core
