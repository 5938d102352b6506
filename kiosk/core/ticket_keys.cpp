#include "kiosk/core/ticket_keys.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "kiosk/core/sodium_init.hpp"

namespace einlass::core {
namespace {

static_assert(crypto_sign_PUBLICKEYBYTES == kPublicKeySize);
static_assert(crypto_sign_SECRETKEYBYTES == kSecretKeySize);
static_assert(crypto_sign_SEEDBYTES == kKeySeedSize);

std::string describe(uint16_t key_id, std::string_view source) {
  std::string text = "key " + format_key_id(key_id);
  if (!source.empty()) text += " from " + std::string(source);
  return text;
}

}  // namespace

uint16_t key_id_for(std::span<const uint8_t, kPublicKeySize> public_key) {
  ensure_sodium_initialised();
  std::array<uint8_t, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), public_key.data(), public_key.size(), nullptr, 0);
  return static_cast<uint16_t>(hash[0] | (hash[1] << 8));
}

std::string format_key_id(uint16_t key_id) {
  char text[5];
  std::snprintf(text, sizeof text, "%04x", static_cast<unsigned>(key_id));
  return text;
}

SecretKey::SecretKey(std::span<const uint8_t, kSecretKeySize> bytes) {
  ensure_sodium_initialised();
  std::array<uint8_t, kPublicKeySize> derived_public{};
  std::array<uint8_t, kSecretKeySize> derived_secret{};
  // The first half is the seed; re-deriving the pair from it proves the second half fits.
  crypto_sign_seed_keypair(derived_public.data(), derived_secret.data(), bytes.data());
  const bool consistent = sodium_memcmp(derived_secret.data(), bytes.data(), kSecretKeySize) == 0;
  sodium_memzero(derived_secret.data(), derived_secret.size());
  if (!consistent) {
    throw TicketKeyError("secret key is damaged: its public half does not match its seed");
  }
  std::copy(bytes.begin(), bytes.end(), bytes_.begin());
  key_id_ = key_id_for(derived_public);
}

SecretKey::~SecretKey() {
  sodium_memzero(bytes_.data(), bytes_.size());
}

PublicKey SecretKey::public_key() const {
  PublicKey key;
  key.key_id = key_id_;
  std::copy(bytes_.begin() + kKeySeedSize, bytes_.end(), key.bytes.begin());
  return key;
}

KeyPair make_key_pair() {
  ensure_sodium_initialised();
  std::array<uint8_t, kKeySeedSize> seed{};
  randombytes_buf(seed.data(), seed.size());
  KeyPair pair = key_pair_from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return pair;
}

KeyPair key_pair_from_seed(std::span<const uint8_t, kKeySeedSize> seed) {
  ensure_sodium_initialised();
  std::array<uint8_t, kPublicKeySize> public_bytes{};
  std::array<uint8_t, kSecretKeySize> secret_bytes{};
  crypto_sign_seed_keypair(public_bytes.data(), secret_bytes.data(), seed.data());
  KeyPair pair{SecretKey(secret_bytes), PublicKey{}};
  sodium_memzero(secret_bytes.data(), secret_bytes.size());
  pair.public_key = pair.secret.public_key();
  return pair;
}

void Keyring::add(const PublicKey& key, std::string_view source) {
  // A wrong id would make every ticket of this key "unknown" with no hint why.
  if (key_id_for(key.bytes) != key.key_id) {
    throw TicketKeyError(describe(key.key_id, source) + " cannot join the keyring: the key id " +
                         "does not belong to the key");
  }
  for (const Entry& entry : entries_) {
    if (entry.key.key_id == key.key_id) {
      throw TicketKeyError(describe(key.key_id, source) +
                           " cannot join the keyring: " + describe(entry.key.key_id, entry.source) +
                           " already has that key id (generate a new key pair)");
    }
  }
  entries_.push_back(Entry{key, std::string(source)});
}

const PublicKey* Keyring::find(uint16_t key_id) const {
  for (const Entry& entry : entries_) {
    if (entry.key.key_id == key_id) return &entry.key;
  }
  return nullptr;
}

}  // namespace einlass::core
