#include "kiosk/core/ticket_payload.hpp"

#include <array>
#include <limits>
#include <stdexcept>
#include <string>

namespace einlass::core {
namespace {

// Little-endian explicitly, byte by byte, so the layout does not depend on the host.
void put_u16(uint8_t* at, uint16_t v) {
  at[0] = static_cast<uint8_t>(v);
  at[1] = static_cast<uint8_t>(v >> 8);
}

void put_u32(uint8_t* at, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    at[i] = static_cast<uint8_t>(v >> (8 * i));
}

uint16_t get_u16(const uint8_t* at) {
  return static_cast<uint16_t>(at[0] | (at[1] << 8));
}

uint32_t get_u32(const uint8_t* at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | at[i];
  return v;
}

bool fits_u32(int64_t t) {
  return t >= 0 && t <= std::numeric_limits<uint32_t>::max();
}

void check_representable(const TicketPayload& p) {
  if (p.format != kTicketFormat) {
    throw std::invalid_argument("ticket payload format " + std::to_string(p.format) +
                                " is not supported (only format 1)");
  }
  if (p.round_topics.size() > kMaxTicketRounds) {
    throw std::invalid_argument("a ticket holds at most 4 rounds, got " +
                                std::to_string(p.round_topics.size()));
  }
  if (!fits_u32(p.not_before) || !fits_u32(p.not_after)) {
    throw std::invalid_argument("ticket validity times must lie between 1970 and 2106");
  }
  if (p.not_before >= p.not_after) {
    throw std::invalid_argument("ticket not_before must be earlier than not_after");
  }
}

}  // namespace

size_t serialize_payload(const TicketPayload& p, std::span<uint8_t, kTicketPayloadMaxSize> out) {
  check_representable(p);
  const size_t rounds = p.round_topics.size();
  uint8_t* b = out.data();
  b[0] = p.format;
  put_u16(b + 1, p.key_id);
  put_u32(b + 3, p.event_tag);
  b[7] = p.venue_index;
  b[8] = p.day_index;
  put_u32(b + 9, p.registration_id);
  b[13] = p.serial;
  b[14] = static_cast<uint8_t>(rounds);
  for (size_t i = 0; i < rounds; ++i)
    b[15 + i] = p.round_topics[i];
  put_u32(b + 15 + rounds, static_cast<uint32_t>(p.not_before));
  put_u32(b + 19 + rounds, static_cast<uint32_t>(p.not_after));
  return kTicketPayloadFixedSize + rounds;
}

std::vector<uint8_t> serialize_payload(const TicketPayload& payload) {
  std::array<uint8_t, kTicketPayloadMaxSize> buffer{};
  const size_t size = serialize_payload(payload, buffer);
  return {buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size)};
}

std::optional<TicketPayload> parse_payload(std::span<const uint8_t> bytes) {
  if (bytes.size() < kTicketPayloadFixedSize || bytes[0] != kTicketFormat) return std::nullopt;
  const size_t rounds = bytes[14];
  // The round count must agree with the length, so no byte is left over or missing.
  if (rounds > kMaxTicketRounds || bytes.size() != kTicketPayloadFixedSize + rounds) {
    return std::nullopt;
  }
  const uint8_t* b = bytes.data();
  TicketPayload p;
  p.format = b[0];
  p.key_id = get_u16(b + 1);
  p.event_tag = get_u32(b + 3);
  p.venue_index = b[7];
  p.day_index = b[8];
  p.registration_id = get_u32(b + 9);
  p.serial = b[13];
  p.round_topics.assign(b + 15, b + 15 + rounds);
  p.not_before = get_u32(b + 15 + rounds);
  p.not_after = get_u32(b + 19 + rounds);
  // The issuer never signs an empty window; refusing it keeps parse the exact inverse.
  if (p.not_before >= p.not_after) return std::nullopt;
  return p;
}

}  // namespace einlass::core
