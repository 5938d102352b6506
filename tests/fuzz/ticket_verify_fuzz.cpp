// Feeds arbitrary bytes to verify_ticket as if a scanner had typed them. Besides crashes and
// sanitizer findings it checks two promises: only a Valid verdict carries a payload, and a
// Valid code is the one canonical spelling of its ticket (re-encoding gives the input back).
//
// The corpus in corpus/ticket_verify_fuzz/ holds valid codes made with the keys below (seed
// bytes all 0x2A and all 0x2B, event id "einlass-fuzz", window around kNow), cut and altered
// copies of them, foreign codes and garbage; regenerate valid ones with encode_ticket if the
// keys here change.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_keys.hpp"

namespace {

using namespace einlass::core;

constexpr int64_t kNow = 1'750'000'000;

struct Fixture {
  std::vector<KeyPair> keys;
  Keyring keyring;
  uint32_t event_tag = event_tag_for("einlass-fuzz");

  Fixture() {
    for (const uint8_t fill : {0x2A, 0x2B}) {
      std::array<uint8_t, kKeySeedSize> seed{};
      seed.fill(fill);
      keys.push_back(key_pair_from_seed(seed));
      keyring.add(keys.back().public_key);
    }
  }

  const SecretKey& secret_for(uint16_t key_id) const {
    for (const KeyPair& pair : keys) {
      if (pair.public_key.key_id == key_id) return pair.secret;
    }
    std::abort();  // a Valid verdict for a key outside the keyring
  }
};

const Fixture& fixture() {
  static const Fixture instance;
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& f = fixture();
  const std::string_view code(reinterpret_cast<const char*>(data), size);
  const VerifiedTicket result = verify_ticket(code, f.keyring, f.event_tag, kNow);
  if (verdict_name(result.verdict) == "unknown") std::abort();
  if (result.verdict != TicketVerdict::Valid) {
    if (result.payload.has_value()) std::abort();
    return 0;
  }
  if (!result.payload.has_value()) std::abort();
  if (encode_ticket(*result.payload, f.secret_for(result.payload->key_id)) != code) std::abort();
  return 0;
}
