#pragma once
// Against password guessing on the dashboard login: wrong passwords are counted per account
// name *and* client address, in memory only (addresses are personal data and are never
// written to disk). A name is locked only for the address that guessed wrong too often, so a
// stranger cannot lock the organiser out; counts fade an hour after the last wrong password.
// An attempt is counted before its password is checked (and forgiven on success), so parallel
// requests cannot slip past the count, and at most a few checks run at once, because each
// Argon2id check takes ~64 MiB and ~0.1 s.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <utility>

namespace einlass::sync::server {

// Wrong passwords in a row that cost nothing; each further one locks the name (for that address).
inline constexpr int kFreeLoginAttempts = 5;
// A count is forgotten this long after its last wrong password.
inline constexpr int64_t kLoginFailureDecayMs = 60 * 60'000LL;
// Password checks running at the same time; more are answered "busy, retry".
inline constexpr std::ptrdiff_t kMaxParallelPasswordChecks = 2;

// Lockout after `failures` wrong passwords: none below kFreeLoginAttempts, then 30 s,
// doubling with each further failure, at most 15 minutes.
int64_t login_lockout_ms(int failures);

class LoginThrottle {
 public:
  // A running password check; ends (frees its place) when destroyed.
  class CheckSlot {
   public:
    explicit CheckSlot(LoginThrottle& owner) : owner_(&owner) {}
    CheckSlot(CheckSlot&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)) {}
    CheckSlot& operator=(CheckSlot&&) = delete;
    ~CheckSlot() {
      if (owner_) owner_->slots_.release();
    }

   private:
    LoginThrottle* owner_;
  };

  struct Attempt {
    bool allowed = false;         // false: locked out, the password must not be checked
    int64_t locked_until_ms = 0;  // when the lock (if any, counting this attempt) ends
  };

  explicit LoginThrottle(std::ptrdiff_t parallel_checks = kMaxParallelPasswordChecks);

  // A place for one password check, or nothing when kMaxParallelPasswordChecks run already.
  std::optional<CheckSlot> try_begin_check();
  // Counts one attempt as wrong before its password is checked (atomically), unless the
  // (name, address) pair is locked at now_ms.
  Attempt reserve(const std::string& name, const std::string& address, int64_t now_ms);
  // The password was right: the pair's count is gone.
  void forgive(const std::string& name, const std::string& address);
  // Wrong passwords counted for the pair at now_ms (after fading).
  int failures(const std::string& name, const std::string& address, int64_t now_ms) const;

 private:
  struct Count {
    int failures = 0;
    int64_t last_failure_ms = 0;
    int64_t locked_until_ms = 0;
  };
  using Key = std::pair<std::string, std::string>;
  void make_room(int64_t now_ms);

  mutable std::mutex mutex_;
  std::map<Key, Count> counts_;
  std::counting_semaphore<64> slots_;
};

}  // namespace einlass::sync::server
