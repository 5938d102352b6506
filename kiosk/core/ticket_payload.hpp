#pragma once
// What a signed ticket says, and its exact byte layout. The bytes are what gets signed, so the
// layout is fixed and little-endian, with no optional fields and no padding: one payload has
// exactly one serialisation, and parsing accepts only what serialisation produces. A ticket
// carries ids only — never a name or an e-mail address (DSGVO: a photographed QR code must not
// reveal who it belongs to).
//
// Layout (offset: field):
//   0 format (1)            1 key_id (2)            3 event_tag (4)       7 venue_index (1)
//   8 day_index (1)         9 registration_id (4)  13 serial (1)         14 round count n (0..4)
//  15 round_topics (n)  15+n not_before (4)     19+n not_after (4)       total 23 + n bytes

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace einlass::core {

inline constexpr uint8_t kTicketFormat = 1;
inline constexpr size_t kMaxTicketRounds = 4;
// day_index value meaning "every day of that venue".
inline constexpr uint8_t kEveryDay = 0xFF;
inline constexpr size_t kTicketPayloadFixedSize = 23;
inline constexpr size_t kTicketPayloadMaxSize = kTicketPayloadFixedSize + kMaxTicketRounds;

struct TicketPayload {
  uint8_t format = kTicketFormat;
  uint16_t key_id = 0;     // which signing key; encode_ticket fills it in
  uint32_t event_tag = 0;  // event_tag_for(event id)
  uint8_t venue_index = 0;
  uint8_t day_index = kEveryDay;
  uint32_t registration_id = 0;
  // Re-issue generation: a re-issued ticket gets serial + 1 and the older one is revoked via
  // the roster, so a forwarded old e-mail stops working without a key change.
  uint8_t serial = 0;
  // Index = round - 1; value = topic number 1..255, or 0 when none was chosen for that round
  // (the kiosk assigns one on the day). At most kMaxTicketRounds entries.
  std::vector<uint8_t> round_topics;
  // Valid for not_before <= now < not_after (unix seconds; stored as uint32, so 1970..2106).
  int64_t not_before = 0;
  int64_t not_after = 0;

  bool operator==(const TicketPayload&) const = default;
};

// Writes the payload into `out` and returns the number of bytes used. Throws
// std::invalid_argument for a payload no ticket may carry (wrong format, more than four rounds,
// times outside uint32 or not_before >= not_after): that is a bug in the issuer, not bad input.
size_t serialize_payload(const TicketPayload& payload,
                         std::span<uint8_t, kTicketPayloadMaxSize> out);
std::vector<uint8_t> serialize_payload(const TicketPayload& payload);

// The payload, or nullopt when `bytes` is not exactly a serialisation of a valid payload.
std::optional<TicketPayload> parse_payload(std::span<const uint8_t> bytes);

}  // namespace einlass::core
