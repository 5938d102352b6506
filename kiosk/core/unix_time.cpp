#include "kiosk/core/unix_time.hpp"

#include <chrono>

namespace einlass::core {

int64_t unix_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace einlass::core
