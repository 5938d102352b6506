#pragma once
// Text form of ticket bytes: base32 over the alphabet "0123456789ABCDEFGHJKLMNPQRSTUVWX".
//
// Why this alphabet and not base45 or standard base32:
// - Every character is in the QR alphanumeric set (0-9, A-Z, space $ % * + - . / :), so the
//   QR code uses alphanumeric mode (5.5 bits per character). A full ticket (86-91 bytes)
//   becomes 143-149 characters with the 3-character prefix: QR version 6 at ECC level M (41x41
//   modules, 154 characters), the same version base45 would need (its ~130-140 characters
//   exceed the 122 of version 5-M).
// - Unlike base45 it has none of space $ % * + - . / : — USB keyboard-wedge scanners type as a
//   US keyboard, and on a German QWERTZ layout those symbols arrive garbled. It also has no Y
//   and no Z, which QWERTZ swaps. So a scanned ticket arrives intact with no layout remapping.
// - No I and no O, which people and some decoders confuse with 1 and 0.
// The encoding is canonical: the character count must be exactly what the byte count needs
// and the unused low bits of the last character must be zero, so every byte string has exactly
// one text form and any single-character change is detected. Decoding is strict (uppercase
// only, no whitespace); cleaning up scanner input is the caller's job.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace einlass::core {

inline constexpr std::string_view kTicketAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWX";

// Characters needed for `byte_count` bytes (5 bits per character, rounded up).
constexpr size_t base32_length(size_t byte_count) {
  return (byte_count * 8 + 4) / 5;
}

void append_base32(std::span<const uint8_t> bytes, std::string& out);

// Decodes `text` into the front of `out` and returns the byte count, or nullopt when a
// character is outside the alphabet, the length or padding bits are not canonical, or `out` is
// too small. Never allocates.
std::optional<size_t> decode_base32(std::string_view text, std::span<uint8_t> out);

}  // namespace einlass::core
