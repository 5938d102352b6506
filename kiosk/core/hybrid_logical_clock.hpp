#pragma once
// Hybrid logical clock (Kulkarni et al.): a timestamp that stays close to wall time but never
// runs backwards and orders causally related events across devices even when their clocks
// disagree. Every check-in event carries one, so merged histories sort sensibly.

#include <compare>
#include <cstdint>
#include <string>

namespace einlass::core {

struct HlcStamp {
  int64_t wall_ms = 0;   // the largest physical time seen, unix milliseconds
  uint32_t counter = 0;  // orders events within the same wall_ms
  auto operator<=>(const HlcStamp&) const = default;
  std::string to_string() const;  // "<wall_ms>.<counter>", for logs and JSON
};

class HybridLogicalClock {
 public:
  explicit HybridLogicalClock(HlcStamp last_issued = {}) : last_(last_issued) {}

  // A stamp for a local event at physical time `physical_ms`; strictly greater than any
  // stamp issued or observed before.
  HlcStamp tick(int64_t physical_ms);
  // Merges a stamp received from another device, so later local stamps sort after it.
  HlcStamp observe(const HlcStamp& remote, int64_t physical_ms);
  HlcStamp last() const { return last_; }

 private:
  HlcStamp last_;
};

}  // namespace einlass::core
