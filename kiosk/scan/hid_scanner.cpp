#include "kiosk/scan/hid_scanner.hpp"

#include <algorithm>

#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_keys.hpp"
#include "kiosk/scan/keyboard_layout.hpp"
#include "kiosk/scan/utf8_text.hpp"

namespace einlass::scan {
namespace {

bool is_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xFFFD;
}

// With Caps Lock on, a scanner's Shift+letter arrives as a small letter. A burst that is a
// ticket in small letters is upper-cased; anything else is left alone (other systems' codes
// may be case-sensitive).
void undo_caps_lock_on_ticket(std::string& text) {
  if (text.rfind("el1", 0) != 0) return;
  const bool ticket_alphabet = std::all_of(text.begin(), text.end(), [](char c) {
    const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return core::kTicketAlphabet.find(upper) != std::string_view::npos;
  });
  if (!ticket_alphabet) return;
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
}

// Whether a code that claims to be a ticket has a ticket's exact shape (prefix, length,
// alphabet, canonical encoding, payload format). Judged by the real verifier with no keys:
// a well-shaped code then stops at "unknown key", a damaged one at "truncated".
bool shaped_like_ticket(const std::string& code) {
  static const core::Keyring no_keys;
  return core::verify_ticket(code, no_keys, 0, 0).verdict != core::TicketVerdict::Truncated;
}

}  // namespace

HidScannerInput::Outcome HidScannerInput::release_typed() {
  Outcome out;
  out.typed = std::move(held_);
  held_.clear();
  burst_ = false;
  return out;
}

HidScannerInput::Outcome HidScannerInput::finish_burst(bool terminated) {
  const std::u32string burst = std::move(held_);
  held_.clear();
  burst_ = false;
  Outcome out;
  if (std::any_of(burst.begin(), burst.end(), is_control)) {
    out.garbled = true;
    return out;
  }
  std::string text = to_utf8(burst);
  undo_caps_lock_on_ticket(text);
  if (core::looks_like_signed_ticket(text)) {
    // A ticket is complete exactly when it is shaped like one, Enter or not (a scanner may be
    // set up without a suffix): its length is fixed by its content.
    if (shaped_like_ticket(text)) {
      out.scan = std::move(text);
    } else {
      out.garbled = true;
    }
    return out;
  }
  if (!terminated) {
    // Another system's code that broke off: there is no telling how much is missing.
    out.garbled = true;
    return out;
  }
  out.other_readings = us_layout_readings(text);
  out.scan = std::move(text);
  return out;
}

HidScannerInput::Outcome HidScannerInput::on_char(char32_t c, Clock::time_point t) {
  Outcome out;
  if (!held_.empty()) {
    const auto gap = t - last_;
    if (burst_ && gap > settings_.burst_end_gap) {
      out = finish_burst(false);
    } else if (!burst_ && gap > settings_.max_char_gap) {
      out = release_typed();
    }
  }
  held_ += c;
  last_ = t;
  if (!burst_ && held_.size() >= settings_.min_burst_length) {
    // One character repeated is a key held down with a fast auto-repeat, not a scanner.
    if (std::all_of(held_.begin(), held_.end(), [&](char32_t k) { return k == held_.front(); })) {
      out.typed += release_typed().typed;
    } else {
      burst_ = true;
    }
  }
  return out;
}

HidScannerInput::Outcome HidScannerInput::on_enter(Clock::time_point t) {
  if (held_.empty()) return {};  // a person's Enter: the caller handles it
  if (burst_) return finish_burst(t - last_ <= settings_.burst_end_gap);
  // A short fast run ended by Enter is a person (or a code too short to be one).
  return release_typed();
}

HidScannerInput::Outcome HidScannerInput::on_tab(Clock::time_point t) {
  return on_enter(t);
}

HidScannerInput::Outcome HidScannerInput::on_idle(Clock::time_point t) {
  if (held_.empty()) return {};
  const auto gap = t - last_;
  if (burst_) return gap > settings_.burst_end_gap ? finish_burst(false) : Outcome{};
  return gap > settings_.max_char_gap ? release_typed() : Outcome{};
}

std::optional<HidScannerInput::Clock::time_point> HidScannerInput::next_deadline() const {
  if (held_.empty()) return std::nullopt;
  // Just past the gap, so that the call at the deadline sees the gap as exceeded.
  return last_ + (burst_ ? settings_.burst_end_gap : settings_.max_char_gap) +
         std::chrono::milliseconds(1);
}

std::string choose_reading(const std::string& scan, const std::vector<std::string>& other_readings,
                           const std::function<bool(std::string_view)>& roster_knows) {
  if (core::looks_like_signed_ticket(scan) || !roster_knows || roster_knows(scan)) return scan;
  for (const std::string& reading : other_readings) {
    if (roster_knows(reading)) return reading;
  }
  return scan;
}

}  // namespace einlass::scan
