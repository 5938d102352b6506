#pragma once
// Ticket key files: generating them, loading them, and filling a keyring from them.
//
// Each file is one text line, so it can be checked and copied by hand:
//   <name>.secret  "einlass-ticket-secret-key v1 <base64 of the 64-byte secret key>\n"  (0600)
//   <name>.public  "einlass-ticket-public-key v1 <key id, 4 hex digits> <base64 of 32 bytes>\n"
// The key id in the public file is redundant on purpose: a mismatch reveals an edited or
// mixed-up file before any ticket is judged with it. Every error is a TicketKeyError whose
// message starts with the file's path.

#include <filesystem>
#include <span>
#include <string_view>

#include "kiosk/core/ticket_keys.hpp"

namespace einlass::core {

struct KeyFiles {
  uint16_t key_id = 0;
  std::filesystem::path secret_file;
  std::filesystem::path public_file;
};

// Writes <dir>/<name>.secret (mode 0600) and <dir>/<name>.public (mode 0644) for a fresh key.
// Refuses to overwrite either file. `name` may hold letters, digits, '.', '_' and '-' and must
// not start with '.'.
KeyFiles generate_key_pair(const std::filesystem::path& dir, std::string_view name);

SecretKey load_secret_key(const std::filesystem::path& file);
PublicKey load_public_key(const std::filesystem::path& file);

Keyring load_keyring(std::span<const std::filesystem::path> public_key_files);
// Every *.public file in `dir`, in name order. Throws when there is none: a kiosk without keys
// would call every genuine ticket unknown.
Keyring load_keyring_folder(const std::filesystem::path& dir);

}  // namespace einlass::core
