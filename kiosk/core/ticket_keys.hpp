#pragma once
// Ticket signing keys (Ed25519, libsodium) and the kiosk's keyring. Key files: see
// ticket_key_files.hpp.
//
// The server holds a secret key and signs tickets; kiosks hold only public keys, so a stolen
// kiosk laptop cannot mint tickets. A ticket names its key by a 16-bit key id, the first two
// bytes (little-endian) of BLAKE2b(public key): it costs only two bytes in the QR code and is
// enough to tell apart the few keys alive at once during a rotation. Two keys with the same id
// cannot share a keyring; the remedy is to generate another key.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace einlass::core {

// A key cannot be read, written or trusted; the message says which key or file and why.
class TicketKeyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr size_t kPublicKeySize = 32;
inline constexpr size_t kSecretKeySize = 64;
inline constexpr size_t kKeySeedSize = 32;

uint16_t key_id_for(std::span<const uint8_t, kPublicKeySize> public_key);
// "0a1b": the key id as written in key files and shown to people.
std::string format_key_id(uint16_t key_id);

struct PublicKey {
  uint16_t key_id = 0;
  std::array<uint8_t, kPublicKeySize> bytes{};
  bool operator==(const PublicKey&) const = default;
};

// An Ed25519 secret key as libsodium lays it out (seed, then public key). Construction checks
// that the two halves belong together, so a damaged key cannot sign tickets that no kiosk
// accepts. The bytes are wiped when the object goes away.
class SecretKey {
 public:
  // Throws TicketKeyError when the public half does not match the seed.
  explicit SecretKey(std::span<const uint8_t, kSecretKeySize> bytes);
  SecretKey(const SecretKey&) = default;
  SecretKey& operator=(const SecretKey&) = default;
  ~SecretKey();

  uint16_t key_id() const { return key_id_; }
  const std::array<uint8_t, kSecretKeySize>& bytes() const { return bytes_; }
  PublicKey public_key() const;

 private:
  std::array<uint8_t, kSecretKeySize> bytes_{};
  uint16_t key_id_ = 0;
};

struct KeyPair {
  SecretKey secret;
  PublicKey public_key;
};

// A fresh random key pair, in memory only.
KeyPair make_key_pair();
// The same seed always gives the same pair (fuzzing, reproducible test data).
KeyPair key_pair_from_seed(std::span<const uint8_t, kKeySeedSize> seed);

// The public keys a kiosk accepts. Several at once, so that tickets signed with the old key
// stay valid while new ones are issued with the next key.
class Keyring {
 public:
  // Throws TicketKeyError when a key with the same id is already present. `source` (e.g. the
  // file it came from) is only used in messages.
  void add(const PublicKey& key, std::string_view source = {});
  // The key with this id, or nullptr. Linear: a keyring holds a handful of keys.
  const PublicKey* find(uint16_t key_id) const;
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    PublicKey key;
    std::string source;
  };
  std::vector<Entry> entries_;
};

}  // namespace einlass::core
