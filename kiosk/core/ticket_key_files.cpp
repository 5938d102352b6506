#include "kiosk/core/ticket_key_files.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include "kiosk/core/durable_write.hpp"
#include "kiosk/core/sodium_init.hpp"

namespace einlass::core {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSecretTag = "einlass-ticket-secret-key";
constexpr std::string_view kPublicTag = "einlass-ticket-public-key";
constexpr std::string_view kVersion = "v1";
// Real key files are ~130 bytes; refusing big files keeps a wrong path from being read whole.
constexpr std::streamsize kMaxKeyFileSize = 4096;

[[noreturn]] void fail(const fs::path& file, const std::string& problem) {
  throw TicketKeyError(file.string() + ": " + problem);
}

// Holds file contents and wipes them on the way out (the secret key's base64 text).
struct WipedString {
  std::string text;
  ~WipedString() { sodium_memzero(text.data(), text.size()); }
};

void read_key_file(const fs::path& file, WipedString& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, std::string("cannot open: ") + std::strerror(errno));
  out.text.resize(kMaxKeyFileSize + 1);
  in.read(out.text.data(), kMaxKeyFileSize + 1);
  if (in.bad()) fail(file, "cannot read");
  out.text.resize(static_cast<size_t>(in.gcount()));
  if (out.text.size() > static_cast<size_t>(kMaxKeyFileSize)) {
    fail(file, "too large to be a ticket key file");
  }
}

// The single line of a key file split at spaces. One trailing newline (or CRLF, after a
// round trip through a Windows editor) is accepted; anything else beyond one line is not.
std::vector<std::string_view> split_line(const fs::path& file, std::string_view text) {
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (text.ends_with('\r')) text.remove_suffix(1);
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    fail(file, "a ticket key file holds exactly one line");
  }
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(' ', start), text.size());
    fields.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return fields;
}

void check_header(const fs::path& file, const std::vector<std::string_view>& fields,
                  std::string_view tag, size_t field_count, std::string_view expected_form) {
  if (fields.empty() || fields[0] != tag) {
    fail(file, "not an Einlass ticket key file of this kind (expected a line '" +
                   std::string(expected_form) + "')");
  }
  if (fields.size() < 2 || fields[1] != kVersion) {
    fail(file, "unsupported key file version '" + std::string(fields.size() < 2 ? "" : fields[1]) +
                   "' (this program reads v1)");
  }
  if (fields.size() != field_count) {
    fail(file, "malformed line (expected '" + std::string(expected_form) + "')");
  }
}

void decode_base64(const fs::path& file, std::string_view text, std::span<uint8_t> out,
                   std::string_view what) {
  size_t length = 0;
  const char* end = nullptr;
  const int rc = sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr,
                                   &length, &end, sodium_base64_VARIANT_ORIGINAL);
  if (rc != 0 || end != text.data() + text.size() || length != out.size()) {
    fail(file,
         std::string(what) + " is not valid base64 of " + std::to_string(out.size()) + " bytes");
  }
}

std::string encode_base64(std::span<const uint8_t> bytes) {
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  text.resize(std::strlen(text.c_str()));
  return text;
}

std::optional<uint16_t> parse_key_id(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  uint16_t id = 0;
  for (const char c : text) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return std::nullopt;
    id = static_cast<uint16_t>(id << 4 | digit);
  }
  return id;
}

bool valid_key_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

// Creates `file` with exactly `mode`; O_EXCL makes creation fail if anything (even a symlink)
// is already there, and the mode is set at creation, so a secret is never readable by others,
// not even for a moment.
void write_new_file(const fs::path& file, std::string_view content, mode_t mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST) fail(file, "already exists; refusing to overwrite a key file");
    fail(file, std::string("cannot create: ") + std::strerror(errno));
  }
  // The umask may have removed bits; the public file should be readable by the kiosk user.
  // A key file that is lost in a power cut after "generated" was printed would be worse: synced.
  int error = ::fchmod(fd, mode) == 0 ? 0 : errno;
  if (error != 0) {
    ::close(fd);
  } else {
    error = write_sync_close(fd, content);
  }
  if (error != 0) {
    ::unlink(file.c_str());
    fail(file, std::string("cannot write: ") + std::strerror(error));
  }
}

// Whoever can read the secret key can mint tickets every kiosk admits. keygen writes it 0600;
// a copy that became readable by the group or others (cp, an archive, a shared folder) is
// refused with the fix, checked after the content so a damaged file is named as such first.
void refuse_if_others_can_read(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0)
    fail(file, std::string("cannot check: ") + std::strerror(errno));
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    fail(file, std::string("can be read by other users (mode ") + mode +
                   "); a ticket secret key must be private: run chmod 600 on it");
  }
}

}  // namespace

KeyFiles generate_key_pair(const fs::path& dir, std::string_view name) {
  if (!valid_key_name(name)) {
    throw TicketKeyError("key name '" + std::string(name) +
                         "' is not allowed (use letters, digits, '.', '_', '-'; not starting "
                         "with '.')");
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail(dir, "is not an existing folder");

  KeyFiles files;
  files.secret_file = dir / (std::string(name) + ".secret");
  files.public_file = dir / (std::string(name) + ".public");
  // Check the public file first, so that a clash there does not leave a new orphan secret.
  if (fs::exists(fs::symlink_status(files.public_file, ec))) {
    fail(files.public_file, "already exists; refusing to overwrite a key file");
  }

  const KeyPair pair = make_key_pair();
  files.key_id = pair.public_key.key_id;
  {
    // Built in place in one reserved buffer, so no unwiped copy of the secret is left behind.
    WipedString encoded{encode_base64(pair.secret.bytes())};
    WipedString line;
    line.text.reserve(kSecretTag.size() + kVersion.size() + encoded.text.size() + 3);
    line.text.append(kSecretTag).append(" ").append(kVersion).append(" ");
    line.text.append(encoded.text).append("\n");
    write_new_file(files.secret_file, line.text, 0600);
  }
  const std::string public_line = std::string(kPublicTag) + " " + std::string(kVersion) + " " +
                                  format_key_id(files.key_id) + " " +
                                  encode_base64(pair.public_key.bytes) + "\n";
  try {
    write_new_file(files.public_file, public_line, 0644);
  } catch (...) {
    ::unlink(files.secret_file.c_str());  // a secret without its public half is of no use
    throw;
  }
  return files;
}

SecretKey load_secret_key(const fs::path& file) {
  ensure_sodium_initialised();
  WipedString content;
  read_key_file(file, content);
  const auto fields = split_line(file, content.text);
  check_header(file, fields, kSecretTag, 3, "einlass-ticket-secret-key v1 <base64>");
  std::array<uint8_t, kSecretKeySize> bytes{};
  decode_base64(file, fields[2], bytes, "the secret key");
  try {
    SecretKey key(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    refuse_if_others_can_read(file);
    return key;
  } catch (const TicketKeyError& e) {
    sodium_memzero(bytes.data(), bytes.size());
    fail(file, e.what());
  }
}

PublicKey load_public_key(const fs::path& file) {
  ensure_sodium_initialised();
  WipedString content;
  read_key_file(file, content);
  const auto fields = split_line(file, content.text);
  check_header(file, fields, kPublicTag, 4, "einlass-ticket-public-key v1 <key id> <base64>");
  const std::optional<uint16_t> stated_id = parse_key_id(fields[2]);
  if (!stated_id) fail(file, "key id '" + std::string(fields[2]) + "' is not 4 hex digits");
  PublicKey key;
  decode_base64(file, fields[3], key.bytes, "the public key");
  key.key_id = key_id_for(key.bytes);
  if (key.key_id != *stated_id) {
    fail(file, "key id " + format_key_id(*stated_id) + " does not match the key (whose id is " +
                   format_key_id(key.key_id) + "); the file was altered or mixed up");
  }
  return key;
}

Keyring load_keyring(std::span<const fs::path> public_key_files) {
  Keyring keyring;
  for (const fs::path& file : public_key_files) {
    keyring.add(load_public_key(file), file.string());
  }
  return keyring;
}

Keyring load_keyring_folder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail(dir, "is not an existing folder");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".public" && entry.is_regular_file(ec)) {
      files.push_back(entry.path());
    }
  }
  if (ec) fail(dir, "cannot list: " + ec.message());
  if (files.empty()) fail(dir, "holds no *.public ticket key files");
  std::sort(files.begin(), files.end());
  return load_keyring(files);
}

}  // namespace einlass::core
