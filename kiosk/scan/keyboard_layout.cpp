#include "kiosk/scan/keyboard_layout.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "kiosk/scan/utf8_text.hpp"

namespace einlass::scan {
namespace {

// US character -> what the same key (with the same Shift state) gives on the German T1 layout.
// Keys not listed give the same character on both layouts.
constexpr std::array<std::pair<char32_t, char32_t>, 31> kUsToGerman{{
    // number row
    {U'`', U'^'},  // dead key on German
    {U'-', U'ß'},
    {U'=', U'´'},  // dead key on German
    {U'~', U'°'},
    {U'@', U'"'},
    {U'#', U'§'},
    {U'^', U'&'},
    {U'&', U'/'},
    {U'*', U'('},
    {U'(', U')'},
    {U')', U'='},
    {U'_', U'?'},
    {U'+', U'`'},  // dead key on German
    // top letter row
    {U'y', U'z'},
    {U'Y', U'Z'},
    {U'[', U'ü'},
    {U']', U'+'},
    {U'\\', U'#'},
    {U'{', U'Ü'},
    {U'}', U'*'},
    {U'|', U'\''},
    // home row
    {U';', U'ö'},
    {U'\'', U'ä'},
    {U':', U'Ö'},
    {U'"', U'Ä'},
    // bottom row
    {U'z', U'y'},
    {U'Z', U'Y'},
    {U'/', U'-'},
    {U'<', U';'},
    {U'>', U':'},
    {U'?', U'_'},
}};

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

}  // namespace

char32_t us_key_on_german_layout(char32_t c) {
  for (const auto& [us, german] : kUsToGerman) {
    if (us == c) return german;
  }
  return c;
}

char32_t german_char_from_us_key(char32_t c) {
  for (const auto& [us, german] : kUsToGerman) {
    if (german == c) return us;
  }
  return c;
}

std::string type_us_on_german(std::string_view utf8) {
  std::u32string text = from_utf8(utf8);
  std::transform(text.begin(), text.end(), text.begin(), us_key_on_german_layout);
  return to_utf8(text);
}

std::string undo_us_on_german(std::string_view utf8) {
  std::u32string text = from_utf8(utf8);
  std::transform(text.begin(), text.end(), text.begin(), german_char_from_us_key);
  return to_utf8(text);
}

std::vector<std::string> us_layout_readings(std::string_view utf8) {
  std::vector<std::string> readings;
  const auto offer = [&](std::string reading) {
    if (reading != utf8 && printable_ascii(reading) &&
        std::find(readings.begin(), readings.end(), reading) == readings.end()) {
      readings.push_back(std::move(reading));
    }
  };
  offer(undo_us_on_german(utf8));
  if (utf8.find('?') != std::string_view::npos) {
    std::u32string text = from_utf8(utf8);
    for (char32_t& c : text)
      c = c == U'?' ? U'ß' : c;
    offer(undo_us_on_german(to_utf8(text)));
  }
  return readings;
}

}  // namespace einlass::scan
