#include "kiosk/core/ticket_codec.hpp"

#include <sodium.h>

#include <array>

#include "kiosk/core/sodium_init.hpp"

namespace einlass::core {
namespace {

static_assert(crypto_sign_BYTES == kTicketSignatureSize);

constexpr size_t kMaxCodeBytes = kTicketPayloadMaxSize + kTicketSignatureSize;

VerifiedTicket verdict(TicketVerdict v) {
  return VerifiedTicket{v, std::nullopt};
}

}  // namespace

std::string_view verdict_name(TicketVerdict verdict) {
  switch (verdict) {
    case TicketVerdict::Valid:
      return "valid";
    case TicketVerdict::NotATicket:
      return "not_a_ticket";
    case TicketVerdict::Truncated:
      return "truncated";
    case TicketVerdict::UnknownKey:
      return "unknown_key";
    case TicketVerdict::BadSignature:
      return "bad_signature";
    case TicketVerdict::WrongEvent:
      return "wrong_event";
    case TicketVerdict::Expired:
      return "expired";
    case TicketVerdict::NotYetValid:
      return "not_yet_valid";
  }
  return "unknown";  // only reachable with a value cast from outside the enum
}

uint32_t event_tag_for(std::string_view event_id) {
  ensure_sodium_initialised();
  std::array<uint8_t, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const uint8_t*>(event_id.data()),
                     event_id.size(), nullptr, 0);
  return static_cast<uint32_t>(hash[0]) | static_cast<uint32_t>(hash[1]) << 8 |
         static_cast<uint32_t>(hash[2]) << 16 | static_cast<uint32_t>(hash[3]) << 24;
}

bool looks_like_signed_ticket(std::string_view code) {
  return code.starts_with(kTicketPrefix);
}

std::string encode_ticket(const TicketPayload& payload, const SecretKey& key) {
  ensure_sodium_initialised();
  TicketPayload keyed = payload;
  keyed.key_id = key.key_id();
  std::array<uint8_t, kMaxCodeBytes> bytes{};
  const size_t payload_size = serialize_payload(
      keyed, std::span<uint8_t, kTicketPayloadMaxSize>(bytes.data(), kTicketPayloadMaxSize));
  crypto_sign_detached(bytes.data() + payload_size, nullptr, bytes.data(), payload_size,
                       key.bytes().data());
  std::string code;
  code.reserve(kMaxTicketCodeLength);
  code.append(kTicketPrefix);
  append_base32(std::span<const uint8_t>(bytes.data(), payload_size + kTicketSignatureSize), code);
  return code;
}

VerifiedTicket verify_ticket(std::string_view code, const Keyring& keyring,
                             uint32_t expected_event_tag, int64_t now_unix) {
  if (!looks_like_signed_ticket(code)) return verdict(TicketVerdict::NotATicket);
  code.remove_prefix(kTicketPrefix.size());
  // Decoded on the stack: a scan is judged without touching the heap unless it is valid.
  std::array<uint8_t, kMaxCodeBytes> bytes;
  const std::optional<size_t> size = decode_base32(code, bytes);
  if (!size || *size < kTicketPayloadFixedSize + kTicketSignatureSize) {
    return verdict(TicketVerdict::Truncated);
  }
  const size_t payload_size = *size - kTicketSignatureSize;
  std::optional<TicketPayload> payload =
      parse_payload(std::span<const uint8_t>(bytes.data(), payload_size));
  if (!payload) return verdict(TicketVerdict::Truncated);

  const PublicKey* key = keyring.find(payload->key_id);
  if (key == nullptr) return verdict(TicketVerdict::UnknownKey);
  ensure_sodium_initialised();
  if (crypto_sign_verify_detached(bytes.data() + payload_size, bytes.data(), payload_size,
                                  key->bytes.data()) != 0) {
    return verdict(TicketVerdict::BadSignature);
  }

  if (payload->event_tag != expected_event_tag) return verdict(TicketVerdict::WrongEvent);
  if (now_unix < payload->not_before) return verdict(TicketVerdict::NotYetValid);
  if (now_unix >= payload->not_after) return verdict(TicketVerdict::Expired);
  return VerifiedTicket{TicketVerdict::Valid, std::move(payload)};
}

}  // namespace einlass::core
