#pragma once
// Who may talk to the server: kiosks with a device token (bought with a one-time enrolment
// code) and organisers with an organiser token. Only SHA-256 hashes of codes and tokens are
// stored, so a copy of the database does not let anyone pose as a kiosk.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

std::string hash_secret(std::string_view secret);  // hex SHA-256
std::string new_token(std::string_view prefix);    // prefix + 256 random bits, base64url

struct EnrolmentCode {
  std::string code;  // "K7QM-3FHX-9P2C": shown once, never stored in clear
  std::string venue;
  int64_t expires_ms = 0;
};
EnrolmentCode create_enrolment_code(store::Database& db, const std::string& venue,
                                    const std::string& label, int64_t valid_ms);
// Upper-cases and drops spaces and dashes, so a code typed by hand matches.
std::string normalise_code(std::string_view code);

struct Device {
  std::string device_id, venue, label;
  int64_t enrolled_ms = 0;
  std::optional<int64_t> last_seen_ms, revoked_ms;
};

// DeviceActive: the device id belongs to a kiosk that is enrolled and not revoked.
enum class EnrolFailure { None, UnknownCode, UsedCode, ExpiredCode, DeviceActive };
struct EnrolOutcome {
  EnrolFailure failure = EnrolFailure::None;
  std::string reason;  // for the kiosk
  std::string token;   // on success
  std::string venue;
};
// Redeems the code for `device_id` in one transaction: the code is used up, the device
// registered with a fresh token. A revoked device may come back only with a new code; a device
// id that is enrolled and not revoked is refused (DeviceActive), and nothing changes then.
EnrolOutcome redeem_enrolment_code(store::Database& db, const std::string& code,
                                   const std::string& device_id, const std::string& label);

enum class AuthResult { Ok, Missing, Unknown, Revoked };
struct DeviceAuth {
  AuthResult result = AuthResult::Missing;
  Device device;
};
DeviceAuth authenticate_device(const store::Database& db, std::string_view token);
// Records when a device was last heard of (for `devices list`); best effort.
void touch_device(store::Database& db, const std::string& device_id, int64_t now_ms);

std::vector<Device> list_devices(const store::Database& db);
// False when there is no such device.
bool revoke_device(store::Database& db, const std::string& device_id, int64_t now_ms);

// A new token for `name`; an earlier token of that name stops working (and a revoked name is
// active again with the new token).
std::string create_organiser_token(store::Database& db, const std::string& name);

struct OrganiserToken {
  std::string name;
  int64_t created_ms = 0;
  std::optional<int64_t> revoked_ms;
};
std::vector<OrganiserToken> list_organiser_tokens(const store::Database& db);
// From now on the token gets 401. False when there is no token of that name.
bool revoke_organiser_token(store::Database& db, const std::string& name, int64_t now_ms);
// The organiser's name, when the token is valid.
std::optional<std::string> authenticate_organiser(const store::Database& db,
                                                  std::string_view token);

}  // namespace einlass::sync::server
