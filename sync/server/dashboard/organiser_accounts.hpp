#pragma once
// Organiser accounts for the dashboard: a name and a password kept only as a libsodium
// Argon2id hash (crypto_pwhash_str, like the kiosk's staff PIN). Wrong passwords are counted
// per account name and client address in memory (see login_throttle.hpp); a correct password
// resets the count.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/dashboard/login_throttle.hpp"

namespace einlass::sync::server {

class AccountError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// 1-64 letters, digits, '.', '-', '_' (typed on a login form and shown in the export log).
bool acceptable_account_name(std::string_view name);
// At least 10 characters, at most 256 (bytes).
std::optional<std::string> password_problem(std::string_view password);

// Throws AccountError for a bad name or password, or (add) when the name exists.
void add_organiser_account(store::Database& db, const std::string& name, std::string_view password,
                           int64_t now_ms);
// Throws AccountError when there is no such account. Ends the account's sessions.
void set_organiser_password(store::Database& db, const std::string& name, std::string_view password,
                            int64_t now_ms);
// False when there is no such account. Ends its sessions too.
bool remove_organiser_account(store::Database& db, const std::string& name);

struct OrganiserAccount {
  std::string name;
  int64_t created_ms = 0, changed_ms = 0;
  int64_t sessions = 0;  // sessions not yet logged out or swept
};
std::vector<OrganiserAccount> list_organiser_accounts(const store::Database& db);

// Busy: kMaxParallelPasswordChecks run already; nothing was counted, ask to retry shortly.
enum class LoginVerdict { Ok, Wrong, LockedOut, Busy };
struct LoginCheck {
  LoginVerdict verdict = LoginVerdict::Wrong;
  int64_t locked_until_ms = 0;
};
// Checks name and password for a client address; counts a wrong one for (name, address) before
// the check (also for unknown names, which take as long as known ones, so the answer does not
// tell which names exist). Writes nothing to the database, so it needs no write mutex and the
// ~0.1 s hash check never holds up kiosk pushes.
LoginCheck check_organiser_login(const store::Database& db, LoginThrottle& throttle,
                                 const std::string& name, const std::string& address,
                                 std::string_view password, int64_t now_ms);

}  // namespace einlass::sync::server
