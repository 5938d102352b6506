#include "sync/server/dashboard/login_throttle.hpp"

#include <algorithm>

namespace einlass::sync::server {

namespace {

// Bounds the memory a flood of made-up names or addresses can take; the oldest counts go first.
constexpr size_t kMaxCounts = 4096;

bool faded(int64_t last_failure_ms, int64_t now_ms) {
  return now_ms - last_failure_ms >= kLoginFailureDecayMs;
}

}  // namespace

int64_t login_lockout_ms(int failures) {
  if (failures < kFreeLoginAttempts) return 0;
  const int doublings = std::min(failures - kFreeLoginAttempts, 5);
  return std::min<int64_t>(30'000LL << doublings, 15 * 60'000LL);
}

LoginThrottle::LoginThrottle(std::ptrdiff_t parallel_checks)
    : slots_(std::clamp<std::ptrdiff_t>(parallel_checks, 1, 64)) {}

std::optional<LoginThrottle::CheckSlot> LoginThrottle::try_begin_check() {
  if (!slots_.try_acquire()) return std::nullopt;
  return CheckSlot(*this);
}

LoginThrottle::Attempt LoginThrottle::reserve(const std::string& name, const std::string& address,
                                              int64_t now_ms) {
  std::lock_guard guard(mutex_);
  Key key{name, address};
  auto it = counts_.find(key);
  if (it != counts_.end() && faded(it->second.last_failure_ms, now_ms)) it->second = Count{};
  if (it != counts_.end() && it->second.locked_until_ms > now_ms)
    return {false, it->second.locked_until_ms};
  if (it == counts_.end()) {
    make_room(now_ms);
    it = counts_.emplace(std::move(key), Count{}).first;
  }
  Count& count = it->second;
  ++count.failures;
  count.last_failure_ms = now_ms;
  const int64_t lock = login_lockout_ms(count.failures);
  count.locked_until_ms = lock ? now_ms + lock : 0;
  return {true, count.locked_until_ms};
}

void LoginThrottle::forgive(const std::string& name, const std::string& address) {
  std::lock_guard guard(mutex_);
  counts_.erase(Key{name, address});
}

int LoginThrottle::failures(const std::string& name, const std::string& address,
                            int64_t now_ms) const {
  std::lock_guard guard(mutex_);
  const auto it = counts_.find(Key{name, address});
  if (it == counts_.end() || faded(it->second.last_failure_ms, now_ms)) return 0;
  return it->second.failures;
}

void LoginThrottle::make_room(int64_t now_ms) {
  if (counts_.size() < kMaxCounts) return;
  std::erase_if(counts_, [&](const auto& entry) {
    return faded(entry.second.last_failure_ms, now_ms) && entry.second.locked_until_ms <= now_ms;
  });
  while (counts_.size() >= kMaxCounts) {
    const auto oldest =
        std::min_element(counts_.begin(), counts_.end(), [](const auto& a, const auto& b) {
          return a.second.last_failure_ms < b.second.last_failure_ms;
        });
    counts_.erase(oldest);
  }
}

}  // namespace einlass::sync::server
