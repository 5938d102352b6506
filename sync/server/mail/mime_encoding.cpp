#include "sync/server/mail/mime_encoding.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdio>

#include <date/date.h>

namespace einlass::sync::server::mail {

namespace {

constexpr size_t kMaxEncodedLine = 76;
constexpr size_t kMaxEncodedWord = 75;
constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";

std::string base64(std::span<const uint8_t> bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool is_printable_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// Length of the UTF-8 sequence starting with `lead` (1 for a stray byte, so nothing loops).
size_t utf8_length(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

}  // namespace

std::string base64_lines(std::span<const uint8_t> bytes) {
  const std::string flat = base64(bytes);
  std::string out;
  out.reserve(flat.size() + flat.size() / kMaxEncodedLine * 2 + 2);
  for (size_t at = 0; at < flat.size(); at += kMaxEncodedLine) {
    out.append(flat, at, kMaxEncodedLine);
    out.append(kCrlf);
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  size_t line_length = 0;
  // Appends one encoded unit, first ending the line softly ("=") if it would not fit.
  auto put = [&](std::string_view unit) {
    if (line_length + unit.size() > kMaxEncodedLine - 1) {
      out.append("=\r\n");
      line_length = 0;
    }
    out.append(unit);
    line_length += unit.size();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      out.append(kCrlf);
      line_length = 0;
      continue;
    }
    const bool line_ends_here = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    const bool literal = (c >= 33 && c <= 126 && c != '=') || (c == ' ' && !line_ends_here);
    if (literal) {
      put(std::string_view(&text[i], 1));
    } else {
      const std::array<char, 3> hex{'=', kHex[c >> 4], kHex[c & 0xf]};
      put(std::string_view(hex.data(), hex.size()));
    }
  }
  return out;
}

std::string encode_header_text(std::string_view text, size_t header_name_length) {
  if (is_printable_ascii(text) && header_name_length + text.size() <= 78) return std::string(text);
  // Each word carries whole UTF-8 characters, as many as fit into 75 encoded characters
  // (RFC 2047 section 2 and 5: a word must not split a character).
  const size_t overhead = kWordPrefix.size() + kWordSuffix.size();
  std::string out;
  size_t at = 0;
  size_t budget = kMaxEncodedWord - std::min<size_t>(header_name_length, 20);
  while (at < text.size()) {
    size_t end = at;
    while (end < text.size()) {
      const size_t next =
          std::min(text.size(), end + utf8_length(static_cast<unsigned char>(text[end])));
      if ((next - at + 2) / 3 * 4 + overhead > budget) break;
      end = next;
    }
    if (end == at) end = std::min(text.size(), at + 1);  // cannot happen with budget >= 20
    if (!out.empty()) out.append("\r\n ");
    out.append(kWordPrefix);
    out.append(base64({reinterpret_cast<const uint8_t*>(text.data()) + at, end - at}));
    out.append(kWordSuffix);
    at = end;
    budget = kMaxEncodedWord;
  }
  return out;
}

std::string format_mailbox(std::string_view display_name, std::string_view address) {
  if (display_name.empty()) return std::string(address);
  std::string name;
  if (!is_printable_ascii(display_name)) {
    name = encode_header_text(display_name, 0);
  } else if (display_name.find_first_of("()<>[]:;@\\,.\"") != std::string_view::npos) {
    name = "\"";
    for (char c : display_name) {
      if (c == '"' || c == '\\') name.push_back('\\');
      name.push_back(c);
    }
    name.push_back('"');
  } else {
    name = display_name;
  }
  return name + " <" + std::string(address) + ">";
}

bool is_plain_mail_address(std::string_view address) {
  const size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 ||
      address.find('@', at + 1) != std::string_view::npos)
    return false;
  if (address.size() > 254) return false;
  for (unsigned char c : address)
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '(' || c == ')' ||
        c == ',' || c == ';' || c == ':' || c == '\\' || c == '[' || c == ']')
      return false;
  const std::string_view domain = address.substr(at + 1);
  const size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot != 0 && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

std::string rfc5322_date(int64_t unix_seconds) {
  const date::sys_seconds t{std::chrono::seconds{unix_seconds}};
  return date::format("%a, %d %b %Y %H:%M:%S +0000", t);
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#39;");
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace einlass::sync::server::mail
