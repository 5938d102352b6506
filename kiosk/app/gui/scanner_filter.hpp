#pragma once
// The window's use of kiosk/scan's keyboard-wedge scanner detection (HidScannerInput): every
// character, Enter and Tab goes through it first; a scanner burst becomes a scan (the reading
// the roster knows, for codes garbled by a US/German keyboard mismatch), a person's typing is
// passed on. A scanner triggered twice on the same code (the button pressed again, or a
// scanner in continuous mode) is one scan under the camera's double-scan rule (RepeatFilter):
// the second burst is swallowed instead of answering "already checked in"; a different code
// is a scan at once.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/scan/hid_scanner.hpp"
#include "kiosk/scan/repeat_filter.hpp"

namespace einlass::app::gui {

class ScannerFilter {
 public:
  using Clock = std::chrono::steady_clock;
  struct Result {
    std::optional<std::string> scan;  // a complete scanner burst, as the code to act on
    bool garbled = false;             // a burst that is no readable code
    std::u32string typed;             // a person's characters, in order: pass on first
    bool repeated = false;            // a burst of the code just scanned: ignored
    bool swallowed = false;           // the Enter/Tab ended a burst: do not pass it on
  };

  // `roster_knows` answers whether a code is in the roster (to pick among readings).
  explicit ScannerFilter(std::function<bool(std::string_view)> roster_knows,
                         std::chrono::milliseconds repeat_hold_off = std::chrono::seconds(3))
      : roster_knows_(std::move(roster_knows)), repeats_(repeat_hold_off) {}

  Result on_char(char32_t c, Clock::time_point t) { return convert(input_.on_char(c, t), t); }
  Result on_enter(Clock::time_point t) { return ended(convert(input_.on_enter(t), t)); }
  Result on_tab(Clock::time_point t) { return ended(convert(input_.on_tab(t), t)); }
  Result on_idle(Clock::time_point t) { return convert(input_.on_idle(t), t); }
  bool holding() const { return input_.holding(); }
  std::optional<Clock::time_point> next_deadline() const { return input_.next_deadline(); }

 private:
  Result convert(scan::HidScannerInput::Outcome o, Clock::time_point t);
  static Result ended(Result r) {
    r.swallowed = r.scan.has_value() || r.garbled || r.repeated;
    return r;
  }

  scan::HidScannerInput input_;
  std::function<bool(std::string_view)> roster_knows_;
  scan::RepeatFilter repeats_;
};

}  // namespace einlass::app::gui
