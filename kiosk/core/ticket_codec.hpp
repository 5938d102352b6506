#pragma once
// Signed tickets: the text in the registration e-mail's QR code, and how a kiosk judges it.
//
// Code = "EL1" + base32(payload || signature), where payload is the fixed binary layout of
// ticket_payload.hpp and signature is the 64-byte Ed25519 detached signature over exactly those
// payload bytes. Why:
// - Ed25519 (libsodium): tickets verify offline with a public key only, in ~50 µs, and a
//   64-byte signature keeps the QR code small enough to scan from a phone at arm's length.
// - A binary payload of 23-27 bytes (ids only, no name or e-mail) plus the signature is
//   86-91 bytes, 140-146 base32 characters, at most 149 with the prefix: QR version 6 at ECC M
//   in alphanumeric mode (capacity 154, 41x41 modules). The alphabet (ticket_alphabet.hpp) avoids
//   everything a keyboard-wedge scanner garbles on a German layout, so scanner input needs no
//   remapping.
// - "EL1" says "an Einlass signed ticket, text version 1", so opaque codes from other
//   registration systems can be told apart and looked up in the roster instead.
// - The encoding is canonical, so any change to a code — a character, a dropped or added one —
//   is rejected, and a valid code has exactly one spelling (the roster can key on it).
//
// Checks run in this order, and the first failure is the verdict: prefix -> decode, length and
// format -> key lookup -> signature -> event tag -> validity window. The event and the time are
// judged only after the signature, so "wrong event", "expired" and "not yet valid" are only ever
// said about genuine tickets; a forged code is always "bad signature" (or worse).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/ticket_alphabet.hpp"
#include "kiosk/core/ticket_keys.hpp"
#include "kiosk/core/ticket_payload.hpp"

namespace einlass::core {

inline constexpr std::string_view kTicketPrefix = "EL1";
inline constexpr size_t kTicketSignatureSize = 64;
inline constexpr size_t kMaxTicketCodeLength =
    kTicketPrefix.size() + base32_length(kTicketPayloadMaxSize + kTicketSignatureSize);

enum class TicketVerdict {
  Valid,
  NotATicket,    // no "EL1" prefix: maybe an opaque code from another system
  Truncated,     // bad length, character outside the alphabet, non-canonical, wrong format
  UnknownKey,    // signed with a key this kiosk does not hold
  BadSignature,  // altered or forged
  WrongEvent,    // genuine, but for another event
  Expired,       // genuine, but now >= not_after
  NotYetValid,   // genuine, but now < not_before
};

// Stable snake_case names used in JSON output and logs: "valid", "not_a_ticket", "truncated",
// "unknown_key", "bad_signature", "wrong_event", "expired", "not_yet_valid".
std::string_view verdict_name(TicketVerdict verdict);

struct VerifiedTicket {
  TicketVerdict verdict = TicketVerdict::NotATicket;
  std::optional<TicketPayload> payload;  // set only when verdict is Valid
};

// First 4 bytes (little-endian) of BLAKE2b(event id): ties a ticket to one event so that a
// ticket for last year's conference, signed with the same key, is not let in.
uint32_t event_tag_for(std::string_view event_id);

// True when `code` claims to be a signed ticket (starts with "EL1"); says nothing about validity.
bool looks_like_signed_ticket(std::string_view code);

// Signs and encodes. The payload's key_id is taken from `key`. Throws std::invalid_argument for
// a payload that cannot be a ticket (see serialize_payload).
std::string encode_ticket(const TicketPayload& payload, const SecretKey& key);

// Judges a code as scanned (exact text, no whitespace, uppercase). Never throws for any input;
// its only heap use is the few round_topics bytes of a well-formed code.
VerifiedTicket verify_ticket(std::string_view code, const Keyring& keyring,
                             uint32_t expected_event_tag, int64_t now_unix);

}  // namespace einlass::core
