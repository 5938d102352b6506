#include "kiosk/app/staff_pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "kiosk/core/sodium_init.hpp"

namespace einlass::app {

namespace {
constexpr std::string_view kHashKey = "staff_pin_hash";
constexpr std::string_view kFailuresKey = "staff_pin_failures";
constexpr std::string_view kLockedKey = "staff_pin_locked_until_ms";

int64_t to_int(const std::optional<std::string>& text) {
  if (!text) return 0;
  try {
    return std::stoll(*text);
  } catch (const std::exception&) {
    return 0;
  }
}
}  // namespace

std::chrono::seconds pin_lockout_after(int consecutive_failures) {
  if (consecutive_failures < kFreePinAttempts) return std::chrono::seconds(0);
  const int doublings = std::min(consecutive_failures - kFreePinAttempts, 5);
  return std::min(std::chrono::seconds(30 << doublings), std::chrono::seconds(15 * 60));
}

StaffPin::StaffPin(store::KioskStore& store) : settings_(store) {
  core::ensure_sodium_initialised();
}

bool StaffPin::acceptable(std::string_view pin) {
  return pin.size() >= 4 && pin.size() <= 12 &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool StaffPin::is_set() const {
  return settings_.get(kHashKey).has_value();
}

void StaffPin::set(std::string_view pin) {
  if (!acceptable(pin)) throw std::invalid_argument("a staff PIN has 4 to 12 digits");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("hashing the PIN failed (out of memory)");
  }
  settings_.set(kHashKey, hash);
  settings_.erase(kFailuresKey);
  settings_.erase(kLockedKey);
}

int StaffPin::failures() const {
  return static_cast<int>(to_int(settings_.get(kFailuresKey)));
}

int64_t StaffPin::locked_until_ms() const {
  return to_int(settings_.get(kLockedKey));
}

StaffPin::Check StaffPin::state(int64_t now_ms) const {
  Check c;
  if (!is_set()) return c;
  c.failures = failures();
  const int64_t until = locked_until_ms();
  c.locked_until_ms = until > now_ms ? until : 0;
  c.verdict = c.locked_until_ms ? Verdict::LockedOut : Verdict::Ok;
  return c;
}

StaffPin::Check StaffPin::verify(std::string_view pin, int64_t now_ms) {
  Check c = state(now_ms);
  if (c.verdict != Verdict::Ok) return c;
  const std::optional<std::string> hash = settings_.get(kHashKey);
  if (crypto_pwhash_str_verify(hash->c_str(), pin.data(), pin.size()) == 0) {
    settings_.erase(kFailuresKey);
    settings_.erase(kLockedKey);
    return {Verdict::Ok, 0, 0};
  }
  c.verdict = Verdict::Wrong;
  c.failures = failures() + 1;
  settings_.set(kFailuresKey, std::to_string(c.failures));
  const auto lock = pin_lockout_after(c.failures);
  if (lock.count() > 0) {
    c.locked_until_ms =
        now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(lock).count();
    settings_.set(kLockedKey, std::to_string(c.locked_until_ms));
  }
  return c;
}

}  // namespace einlass::app
