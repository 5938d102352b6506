#include "kiosk/core/ticket_alphabet.hpp"

#include <array>

namespace einlass::core {
namespace {

constexpr int8_t kInvalid = -1;

// Character -> 5-bit value, kInvalid for everything else (including lowercase and whitespace).
constexpr std::array<int8_t, 256> make_decode_table() {
  std::array<int8_t, 256> table{};
  table.fill(kInvalid);
  for (size_t i = 0; i < kTicketAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kTicketAlphabet[i])] = static_cast<int8_t>(i);
  }
  return table;
}

constexpr std::array<int8_t, 256> kDecodeTable = make_decode_table();

static_assert(kTicketAlphabet.size() == 32);

}  // namespace

void append_base32(std::span<const uint8_t> bytes, std::string& out) {
  out.reserve(out.size() + base32_length(bytes.size()));
  uint32_t buffer = 0;  // never holds more than 12 bits
  int bits = 0;
  for (const uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kTicketAlphabet[(buffer >> bits) & 0x1F]);
    }
    buffer &= (1u << bits) - 1;
  }
  // Left-align the remaining bits; the padding below them is zero.
  if (bits > 0) out.push_back(kTicketAlphabet[(buffer << (5 - bits)) & 0x1F]);
}

std::optional<size_t> decode_base32(std::string_view text, std::span<uint8_t> out) {
  const size_t byte_count = text.size() * 5 / 8;
  // A trailing character that carries only padding bits would give a second text form.
  if (base32_length(byte_count) != text.size() || byte_count > out.size()) return std::nullopt;
  uint32_t buffer = 0;
  int bits = 0;
  size_t written = 0;
  for (const char c : text) {
    const int8_t value = kDecodeTable[static_cast<unsigned char>(c)];
    if (value == kInvalid) return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = static_cast<uint8_t>(buffer >> bits);
      buffer &= (1u << bits) - 1;
    }
  }
  if (buffer != 0) return std::nullopt;  // non-zero padding bits: not the canonical form
  return written;
}

}  // namespace einlass::core
