#pragma once
// Shared by the ticket tests: random payloads, fixed keys, and byte-level access to codes so
// that tests can build altered codes the way an attacker would.

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "kiosk/core/ticket_alphabet.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_keys.hpp"
#include "kiosk/core/ticket_payload.hpp"

namespace einlass::core::test {

inline KeyPair seeded_key(uint8_t fill) {
  std::array<uint8_t, kKeySeedSize> seed{};
  seed.fill(fill);
  return key_pair_from_seed(seed);
}

// Boundary values turn up often on purpose: 0, 1 and the type's maximum, where off-by-one and
// truncation bugs live.
template <typename T>
T pick(std::mt19937& rng) {
  const uint64_t max = static_cast<T>(~T{0});
  switch (std::uniform_int_distribution<int>(0, 5)(rng)) {
    case 0:
      return 0;
    case 1:
      return 1;
    case 2:
      return static_cast<T>(max);
    default:
      return static_cast<T>(std::uniform_int_distribution<uint64_t>(0, max)(rng));
  }
}

inline TicketPayload random_payload(std::mt19937& rng) {
  TicketPayload p;
  p.event_tag = pick<uint32_t>(rng);
  p.venue_index = pick<uint8_t>(rng);
  p.day_index = pick<uint8_t>(rng);
  p.registration_id = pick<uint32_t>(rng);
  p.serial = pick<uint8_t>(rng);
  const size_t rounds = std::uniform_int_distribution<size_t>(0, kMaxTicketRounds)(rng);
  for (size_t i = 0; i < rounds; ++i)
    p.round_topics.push_back(pick<uint8_t>(rng));
  // A non-empty window anywhere in uint32 time, including both ends of the range.
  const uint32_t a = pick<uint32_t>(rng);
  const uint32_t b = pick<uint32_t>(rng);
  p.not_before = std::min(a, b);
  p.not_after = std::max(a, b);
  if (p.not_before == p.not_after) {
    if (p.not_after == UINT32_MAX) {
      --p.not_before;
    } else {
      ++p.not_after;
    }
  }
  return p;
}

// A valid day-long ticket for the Magdeburg afternoon of a made-up event.
inline TicketPayload sample_payload() {
  TicketPayload p;
  p.event_tag = event_tag_for("rk-integration-2019");
  p.venue_index = 0;
  p.day_index = kEveryDay;
  p.registration_id = 4711;
  p.serial = 0;
  p.round_topics = {3, 7};
  p.not_before = 1'568'000'000;
  p.not_after = 1'568'100'000;
  return p;
}

inline std::vector<uint8_t> code_bytes(const std::string& code) {
  std::vector<uint8_t> bytes(200);
  const auto size = decode_base32(std::string_view(code).substr(kTicketPrefix.size()), bytes);
  bytes.resize(size.value());
  return bytes;
}

inline std::string code_from_bytes(const std::vector<uint8_t>& bytes) {
  std::string code(kTicketPrefix);
  append_base32(bytes, code);
  return code;
}

}  // namespace einlass::core::test
