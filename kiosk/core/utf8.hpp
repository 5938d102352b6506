#pragma once
// UTF-8 to code points and back: the kiosk's glyph coverage (which characters a text needs from
// the fonts), typed characters, and the server's import converting Windows-1252 lists.
// Malformed bytes decode to U+FFFD, as a renderer would show them.

#include <string>
#include <string_view>

namespace einlass::core {

// Calls `fn(char32_t)` for every code point of `text`.
template <typename Fn>
void for_each_codepoint(std::string_view text, Fn&& fn) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    int extra = 0;
    char32_t cp = 0;
    if (b < 0x80) {
      cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      cp = b & 0x1F;
      extra = 1;
    } else if ((b & 0xF0) == 0xE0) {
      cp = b & 0x0F;
      extra = 2;
    } else if ((b & 0xF8) == 0xF0) {
      cp = b & 0x07;
      extra = 3;
    } else {
      fn(U'\uFFFD');
      ++i;
      continue;
    }
    if (i + extra >= text.size()) {  // cut off in the middle of a character
      fn(U'\uFFFD');
      break;
    }
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (c & 0x3F);
    }
    fn(ok ? cp : U'\uFFFD');
    i += ok ? extra + 1 : 1;
  }
}

// Appends the UTF-8 encoding of `cp`.
void append_utf8(std::string& out, char32_t cp);

}  // namespace einlass::core
