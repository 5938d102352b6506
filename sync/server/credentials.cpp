#include "sync/server/credentials.hpp"

#include <sodium.h>

#include <array>
#include <cctype>

#include "kiosk/core/sodium_init.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

// Digits and capitals without I, O, Y, Z: nothing to confuse when read aloud or typed on a
// German keyboard (the same reasoning as the ticket alphabet).
constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWX";
constexpr int kCodeGroups = 3, kCodeGroupLength = 4;

// Revocation keeps the row (the first revocation time stays) so lists show who was shut out and
// when. `table` and `key_column` are names from this file, never outside input.
bool mark_revoked(store::Database& db, std::string_view table, std::string_view key_column,
                  const std::string& id, int64_t now_ms) {
  db.prepare("UPDATE " + std::string(table) + " SET revoked_ms = COALESCE(revoked_ms, ?) WHERE " +
             std::string(key_column) + " = ?")
      .bind(1, now_ms)
      .bind(2, id)
      .run();
  return db.changes() > 0;
}

std::optional<int64_t> optional_integer(const store::Statement& st, int column) {
  return st.is_null(column) ? std::nullopt : std::optional(st.integer(column));
}

constexpr std::string_view kDeviceColumns =
    "device_id, venue, label, enrolled_ms, last_seen_ms, revoked_ms";

Device read_device(const store::Statement& st) {
  return {st.text(0),
          st.text(1),
          st.text(2),
          st.integer(3),
          optional_integer(st, 4),
          optional_integer(st, 5)};
}

}  // namespace

std::string hash_secret(std::string_view secret) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

std::string new_token(std::string_view prefix) {
  core::ensure_sodium_initialised();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(prefix) + text.data();
}

std::string normalise_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

EnrolmentCode create_enrolment_code(store::Database& db, const std::string& venue,
                                    const std::string& label, int64_t valid_ms) {
  core::ensure_sodium_initialised();
  std::string code;
  for (int g = 0; g < kCodeGroups; ++g) {
    if (g) code += '-';
    for (int i = 0; i < kCodeGroupLength; ++i)
      code += kCodeAlphabet[randombytes_uniform(static_cast<uint32_t>(kCodeAlphabet.size()))];
  }
  const int64_t now = unix_now_ms();
  db.prepare(
        "INSERT INTO enrolment_codes (code_hash, venue, label, created_ms, expires_ms) "
        "VALUES (?, ?, ?, ?, ?)")
      .bind(1, hash_secret(normalise_code(code)))
      .bind(2, venue)
      .bind(3, label)
      .bind(4, now)
      .bind(5, now + valid_ms)
      .run();
  return {code, venue, now + valid_ms};
}

EnrolOutcome redeem_enrolment_code(store::Database& db, const std::string& code,
                                   const std::string& device_id, const std::string& label) {
  const int64_t now = unix_now_ms();
  store::Transaction tx(db);
  store::Statement find = db.prepare(
      "SELECT venue, label, expires_ms, used_ms FROM enrolment_codes WHERE code_hash = ?");
  find.bind(1, hash_secret(normalise_code(code)));
  EnrolOutcome out;
  if (!find.step()) {
    out.failure = EnrolFailure::UnknownCode;
    out.reason = "this enrolment code is not known; check it or ask the organiser for a new one";
    return out;
  }
  if (!find.is_null(3)) {
    out.failure = EnrolFailure::UsedCode;
    out.reason = "this enrolment code was already used; ask the organiser for a new one";
    return out;
  }
  if (find.integer(2) < now) {
    out.failure = EnrolFailure::ExpiredCode;
    out.reason = "this enrolment code has expired; ask the organiser for a new one";
    return out;
  }
  // A code buys a new device or brings back a revoked one; it never takes over a kiosk in
  // service, or anyone holding a code could steal that kiosk's identity (and move it to
  // another venue). Refused before anything is written: the code stays usable.
  store::Statement active =
      db.prepare("SELECT 1 FROM devices WHERE device_id = ? AND revoked_ms IS NULL");
  active.bind(1, device_id);
  if (active.step()) {
    out.failure = EnrolFailure::DeviceActive;
    out.reason = "a kiosk with the device id \"" + device_id +
                 "\" is already enrolled and not revoked; to enrol it again, the organiser "
                 "revokes it first (einlass-server devices --revoke " +
                 device_id + ")";
    return out;
  }
  out.venue = find.text(0);
  const std::string code_label = find.text(1);
  const std::string code_hash = hash_secret(normalise_code(code));
  out.token = new_token("ekd_");
  const std::string final_label = label.empty() ? code_label : label;
  db.prepare(
        "INSERT INTO devices (device_id, venue, label, token_hash, enrolled_ms) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET venue = excluded.venue, "
        "label = excluded.label, token_hash = excluded.token_hash, "
        "enrolled_ms = excluded.enrolled_ms, revoked_ms = NULL")
      .bind(1, device_id)
      .bind(2, out.venue)
      .bind(3, final_label)
      .bind(4, hash_secret(out.token))
      .bind(5, now)
      .run();
  db.prepare("UPDATE enrolment_codes SET used_ms = ?, device_id = ? WHERE code_hash = ?")
      .bind(1, now)
      .bind(2, device_id)
      .bind(3, code_hash)
      .run();
  tx.commit();
  return out;
}

DeviceAuth authenticate_device(const store::Database& db, std::string_view token) {
  DeviceAuth auth;
  if (token.empty()) return auth;
  store::Statement st =
      db.prepare("SELECT " + std::string(kDeviceColumns) + " FROM devices WHERE token_hash = ?");
  st.bind(1, hash_secret(token));
  if (!st.step()) {
    auth.result = AuthResult::Unknown;
    return auth;
  }
  auth.device = read_device(st);
  auth.result = auth.device.revoked_ms ? AuthResult::Revoked : AuthResult::Ok;
  return auth;
}

void touch_device(store::Database& db, const std::string& device_id, int64_t now_ms) {
  db.prepare("UPDATE devices SET last_seen_ms = ? WHERE device_id = ?")
      .bind(1, now_ms)
      .bind(2, device_id)
      .run();
}

std::vector<Device> list_devices(const store::Database& db) {
  std::vector<Device> out;
  store::Statement st = db.prepare("SELECT " + std::string(kDeviceColumns) +
                                   " FROM devices ORDER BY venue, device_id");
  while (st.step())
    out.push_back(read_device(st));
  return out;
}

bool revoke_device(store::Database& db, const std::string& device_id, int64_t now_ms) {
  return mark_revoked(db, "devices", "device_id", device_id, now_ms);
}

std::string create_organiser_token(store::Database& db, const std::string& name) {
  const std::string token = new_token("eko_");
  db.prepare(
        "INSERT INTO organiser_tokens (name, token_hash, created_ms) VALUES (?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash, "
        "created_ms = excluded.created_ms, revoked_ms = NULL")
      .bind(1, name)
      .bind(2, hash_secret(token))
      .bind(3, unix_now_ms())
      .run();
  return token;
}

std::vector<OrganiserToken> list_organiser_tokens(const store::Database& db) {
  std::vector<OrganiserToken> out;
  store::Statement st =
      db.prepare("SELECT name, created_ms, revoked_ms FROM organiser_tokens ORDER BY name");
  while (st.step())
    out.push_back({st.text(0), st.integer(1), optional_integer(st, 2)});
  return out;
}

bool revoke_organiser_token(store::Database& db, const std::string& name, int64_t now_ms) {
  return mark_revoked(db, "organiser_tokens", "name", name, now_ms);
}

std::optional<std::string> authenticate_organiser(const store::Database& db,
                                                  std::string_view token) {
  if (token.empty()) return std::nullopt;
  store::Statement st =
      db.prepare("SELECT name FROM organiser_tokens WHERE token_hash = ? AND revoked_ms IS NULL");
  st.bind(1, hash_secret(token));
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

}  // namespace einlass::sync::server
