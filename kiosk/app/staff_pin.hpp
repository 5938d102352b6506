#pragma once
// The staff PIN that guards staff mode and leaving the kiosk. Stored only as a libsodium
// password hash (crypto_pwhash_str, Argon2id, "interactive" limits: ~0.1 s per check) in the
// kiosk's local settings table; never logged, never synced. Wrong PINs lock the kiosk for a
// growing time, and the count survives a restart, so pulling the plug does not reset it.

#include <chrono>
#include <cstdint>
#include <string_view>

#include "kiosk/app/commands.hpp"
#include "kiosk/store/local_settings.hpp"

namespace einlass::app {

// This many wrong PINs in a row are free; each further one locks for pin_lockout_after().
inline constexpr int kFreePinAttempts = 3;

// Lockout after `consecutive_failures` wrong PINs: none for the first kFreePinAttempts - 1,
// then 30 s, doubling with each further failure, at most 15 minutes.
std::chrono::seconds pin_lockout_after(int consecutive_failures);

class StaffPin {
 public:
  enum class Verdict { Ok, Wrong, LockedOut, NotSet };
  struct Check {
    Verdict verdict = Verdict::NotSet;
    int failures = 0;             // consecutive wrong PINs so far
    int64_t locked_until_ms = 0;  // unix ms; 0 when not locked
  };

  explicit StaffPin(store::KioskStore& store);

  // 4 to 12 digits: typed on the kiosk's number pad.
  static bool acceptable(std::string_view pin);

  bool is_set() const;
  // Throws std::invalid_argument for an unacceptable PIN. Clears any lockout.
  void set(std::string_view pin);
  // A PIN entered while locked is not even checked.
  Check verify(std::string_view pin, int64_t now_ms);
  Check state(int64_t now_ms) const;

 private:
  int failures() const;
  int64_t locked_until_ms() const;

  store::LocalSettings settings_;
};

// `einlass-kiosk set-pin`: reads the new PIN from stdin (twice, without echo, on a terminal).
CommandRunner add_set_pin_command(CLI::App& app);

}  // namespace einlass::app
