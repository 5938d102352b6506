#pragma once
// Hardware (USB/Bluetooth keyboard-wedge) scanners, told apart from a person typing.
//
// A scanner "types" the code as a burst: 1-5 ms between characters (some Bluetooth models up
// to ~15 ms), then Enter or Tab. A person's keys are 80-300 ms apart, and even two keys
// rolled over quickly are followed by a pause. So every typed character goes through
// HidScannerInput first, whatever widget has focus: characters are held back for at most
// max_char_gap (20 ms, not noticeable); a character that arrives within that gap of the last
// continues a possible burst, a pause releases them to the person's widget. Once a fast run
// reaches min_burst_length it is a scanner and is swallowed until Enter/Tab: no dialog, text
// field or button sees a scan, and a scan is never lost because a dialog had focus.
//
// German keyboard layouts — the choice made here:
// - Ticket codes ("EL1" + digits and letters without I, O, Y, Z) are typed identically by a
//   scanner emulating a US keyboard on a German QWERTZ layout (keyboard_layout.hpp), so a
//   ticket is used exactly as it arrives; nothing is remapped. (Caps Lock on the kiosk turns a
//   scanner's capitals into small letters; a burst "el1…" in the ticket alphabet is
//   upper-cased, which is safe because the alphabet has no small letters.)
// - Opaque codes from other registration systems can contain punctuation, which arrives
//   garbled: "LIK-2019-004711" as "LIKß2019ß004711" (or "LIK?2019?004711" where a 'ß' was
//   lost to ASCII). The burst is reported as it arrived (`scan`), and `other_readings` holds
//   the text with the US-on-German mapping undone. The app looks `scan` up first and, only if
//   it is not found, the other readings in order (choose_reading() does exactly that): the raw
//   text wins whenever it is a known code, so a code that really contains 'ß' or '?' is never
//   "corrected", and an un-mapped reading is used only when the roster confirms it.
// - A burst that cannot be a complete code — broken off without Enter/Tab, control
//   characters in it, or starting like a ticket but not shaped like one (a character lost in
//   transmission) — is `garbled`: the person is asked to scan again. It is never judged as an
//   invalid ticket, which would wrongly suggest the ticket itself is bad.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace einlass::scan {

struct HidScannerSettings {
  // Characters closer than this may be a scanner; a longer pause means a person.
  std::chrono::milliseconds max_char_gap{20};
  // A fast run this long is a scanner (a person's key rollover gives 2-3 characters). Codes
  // shorter than this are not scanned (no registration system issues such codes).
  std::size_t min_burst_length = 6;
  // A scanner burst that stops for this long without Enter/Tab has broken off.
  std::chrono::milliseconds burst_end_gap{150};
};

class HidScannerInput {  // pure, no GLFW: the UI forwards GLFW char/key events
 public:
  using Clock = std::chrono::steady_clock;

  struct Outcome {
    std::optional<std::string> scan;  // a complete scanner burst: handle as a scan (UTF-8)
    bool garbled = false;             // a burst that is not a readable code: "please scan again"
    // Characters that belong to a person typing: pass them on, in order, before the key
    // that produced this outcome. An Enter/Tab that is not part of a burst is not included:
    // when on_enter()/on_tab() returns neither `scan` nor `garbled`, the caller handles the
    // key itself (after `typed`).
    std::u32string typed;
    // Other readings of `scan` to look up when `scan` itself is unknown (see above).
    std::vector<std::string> other_readings;
  };

  explicit HidScannerInput(HidScannerSettings settings = {}) : settings_(settings) {}

  // Feed every typed character / Enter / Tab with its time. Returns what the UI should do.
  Outcome on_char(char32_t c, Clock::time_point t);
  Outcome on_enter(
      Clock::time_point t);  // Enter (or Tab, when the caller does not tell them apart)
  Outcome on_tab(Clock::time_point t);
  // Call every frame: releases held characters after a pause and ends broken-off bursts.
  Outcome on_idle(Clock::time_point t);

  // When on_idle() must be called next at the latest (a main loop that sleeps until the next
  // event should wake by then); nullopt when nothing is held.
  std::optional<Clock::time_point> next_deadline() const;

  // True while characters are held back (a burst may be in progress).
  bool holding() const { return !held_.empty(); }

 private:
  Outcome finish_burst(bool terminated);
  Outcome release_typed();

  HidScannerSettings settings_;
  std::u32string held_;
  bool burst_ = false;
  Clock::time_point last_{};
};

// The code to act on for a scan: `scan` if the roster knows it, else the first of
// `other_readings` it knows, else `scan` (which then gets the usual "unknown code" answer).
// Signed tickets ("EL1…") are returned as they are: they verify offline and need no lookup.
std::string choose_reading(const std::string& scan, const std::vector<std::string>& other_readings,
                           const std::function<bool(std::string_view)>& roster_knows);

}  // namespace einlass::scan
