#include "kiosk/core/uuid.hpp"

#include <sodium.h>

#include <array>

#include "kiosk/core/sodium_init.hpp"

namespace einlass::core {

std::string new_uuid_v7(int64_t unix_ms) {
  ensure_sodium_initialised();
  std::array<uint8_t, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  const auto ms = static_cast<uint64_t>(unix_ms);
  for (int i = 0; i < 6; ++i)
    bytes[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  bytes[6] = static_cast<uint8_t>(0x70 | (bytes[6] & 0x0F));  // version 7
  bytes[8] = static_cast<uint8_t>(0x80 | (bytes[8] & 0x3F));  // RFC 9562 variant

  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    text.push_back(kHex[bytes[i] >> 4]);
    text.push_back(kHex[bytes[i] & 0x0F]);
  }
  return text;
}

bool is_canonical_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace einlass::core
