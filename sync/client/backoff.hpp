#pragma once
// Exponential backoff with full jitter (the delay is drawn uniformly from [0, ceiling]): many
// kiosks that lost the server at the same moment do not all come back at the same moment.

#include <chrono>
#include <random>

namespace einlass::sync::client {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap);

  // The ceiling after `failures` consecutive failures: min(cap, base * 2^(failures-1)); the
  // exponent stops growing at the cap, so a day-long outage cannot overflow it.
  std::chrono::milliseconds ceiling(int failures) const;
  // A random delay in [0, ceiling(failures)], at least `at_least` (the server's Retry-After).
  std::chrono::milliseconds next(int failures,
                                 std::chrono::milliseconds at_least = std::chrono::milliseconds{0});

 private:
  std::chrono::milliseconds base_, cap_;
  std::mt19937_64 random_;
};

}  // namespace einlass::sync::client
