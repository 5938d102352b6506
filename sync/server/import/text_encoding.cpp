#include "sync/server/import/text_encoding.hpp"

#include <array>
#include <cctype>
#include <cstdint>

#include "kiosk/core/utf8.hpp"

namespace einlass::sync::server::import {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Unicode code points of Windows-1252 bytes 0x80..0x9F (0 = undefined); 0xA0..0xFF are Latin-1.
constexpr std::array<char32_t, 32> kHighControls{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Length of the valid UTF-8 sequence at `i`, or 0.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static constexpr std::array<char32_t, 5> kMin{0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

char32_t decode_at(std::string_view s, size_t i, size_t n) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (n == 1) return b(i);
  char32_t cp = b(i) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k)
    cp = (cp << 6) | (b(i + k) & 0x3F);
  return cp;
}

std::optional<unsigned char> windows1252_byte(char32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<unsigned char>(cp);
  for (size_t k = 0; k < kHighControls.size(); ++k)
    if (kHighControls[k] != 0 && kHighControls[k] == cp)
      return static_cast<unsigned char>(0x80 + k);
  return std::nullopt;
}

}  // namespace

std::string_view encoding_name(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::Utf8:
      return "utf-8";
    case TextEncoding::Utf8Bom:
      return "utf-8-bom";
    case TextEncoding::Windows1252:
      return "windows-1252";
  }
  return "utf-8";
}

std::optional<TextEncoding> parse_encoding_name(std::string_view name) {
  std::string key;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)))
      key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (key == "utf8") return TextEncoding::Utf8;
  if (key == "utf8bom" || key == "utf8sig") return TextEncoding::Utf8Bom;
  if (key == "windows1252" || key == "cp1252" || key == "latin1" || key == "iso88591" ||
      key == "ansi")
    return TextEncoding::Windows1252;
  return std::nullopt;
}

bool is_valid_utf8(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    const size_t n = utf8_sequence_length(bytes, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

TextEncoding detect_encoding(std::string_view bytes) {
  if (bytes.starts_with(kBom)) return TextEncoding::Utf8Bom;
  return is_valid_utf8(bytes) ? TextEncoding::Utf8 : TextEncoding::Windows1252;
}

std::string decode_to_utf8(std::string_view bytes, TextEncoding encoding) {
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  if (encoding != TextEncoding::Windows1252) {
    // Invalid sequences (a forced --encoding utf-8 on a cp1252 file) become U+FFFD, so the
    // stored text is always valid UTF-8.
    std::string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
      const size_t n = utf8_sequence_length(bytes, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
      } else {
        out.append(bytes.substr(i, n));
        i += n;
      }
    }
    return out;
  }
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else if (c < 0xA0) {
      const char32_t cp = kHighControls[c - 0x80];
      core::append_utf8(out, cp == 0 ? 0xFFFD : cp);
    } else {
      core::append_utf8(out, c);
    }
  }
  return out;
}

std::string encode_from_utf8(std::string_view utf8, TextEncoding encoding) {
  if (encoding == TextEncoding::Utf8) return std::string(utf8);
  if (encoding == TextEncoding::Utf8Bom) return std::string(kBom) + std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    size_t n = utf8_sequence_length(utf8, i);
    if (n == 0) n = 1;
    const auto byte = n == 1 && static_cast<unsigned char>(utf8[i]) >= 0x80
                          ? std::nullopt
                          : windows1252_byte(decode_at(utf8, i, n));
    out.push_back(byte ? static_cast<char>(*byte) : '?');
    i += n;
  }
  return out;
}

}  // namespace einlass::sync::server::import
