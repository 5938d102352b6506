#include "sync/server/dashboard/organiser_accounts.hpp"

#include <sodium.h>

#include <algorithm>

#include "kiosk/core/sodium_init.hpp"

namespace einlass::sync::server {

namespace {

std::string hash_password(std::string_view password) {
  core::ensure_sodium_initialised();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw AccountError("hashing the password failed (out of memory)");
  return hash;
}

void check_new_password(std::string_view password) {
  if (const auto problem = password_problem(password)) throw AccountError(*problem);
}

void end_sessions(store::Database& db, const std::string& name) {
  db.prepare("DELETE FROM dashboard_sessions WHERE account = ?").bind(1, name).run();
}

// A hash to verify against for unknown names, so they cost as long as known ones.
const std::string& decoy_hash() {
  static const std::string hash = hash_password("einlass-decoy-password");
  return hash;
}

}  // namespace

bool acceptable_account_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

std::optional<std::string> password_problem(std::string_view password) {
  if (password.size() < 10)
    return "the password is too short: use at least 10 characters (a few words are easiest)";
  if (password.size() > 256) return "the password is too long: use at most 256 characters";
  return std::nullopt;
}

void add_organiser_account(store::Database& db, const std::string& name, std::string_view password,
                           int64_t now_ms) {
  if (!acceptable_account_name(name))
    throw AccountError("\"" + name +
                       "\" is not a usable account name: 1 to 64 letters, digits, '.', '-' or '_'");
  check_new_password(password);
  store::Statement exists = db.prepare("SELECT 1 FROM organiser_accounts WHERE name = ?");
  exists.bind(1, name);
  if (exists.step())
    throw AccountError("an account \"" + name +
                       "\" exists already; to give it a new password use `organiser password " +
                       name + "`");
  db.prepare(
        "INSERT INTO organiser_accounts (name, password_hash, created_ms, changed_ms) "
        "VALUES (?, ?, ?, ?)")
      .bind(1, name)
      .bind(2, hash_password(password))
      .bind(3, now_ms)
      .bind(4, now_ms)
      .run();
}

void set_organiser_password(store::Database& db, const std::string& name, std::string_view password,
                            int64_t now_ms) {
  check_new_password(password);
  const std::string hash = hash_password(password);
  store::Transaction tx(db);
  db.prepare("UPDATE organiser_accounts SET password_hash = ?, changed_ms = ? WHERE name = ?")
      .bind(1, hash)
      .bind(2, now_ms)
      .bind(3, name)
      .run();
  if (db.changes() == 0)
    throw AccountError("there is no account \"" + name + "\"; see `organiser list`");
  // Whoever knew the old password is logged out.
  end_sessions(db, name);
  tx.commit();
}

bool remove_organiser_account(store::Database& db, const std::string& name) {
  store::Transaction tx(db);
  db.prepare("DELETE FROM organiser_accounts WHERE name = ?").bind(1, name).run();
  const bool found = db.changes() > 0;
  end_sessions(db, name);
  tx.commit();
  return found;
}

std::vector<OrganiserAccount> list_organiser_accounts(const store::Database& db) {
  std::vector<OrganiserAccount> out;
  store::Statement st = db.prepare(
      "SELECT a.name, a.created_ms, a.changed_ms, "
      "(SELECT COUNT(*) FROM dashboard_sessions s WHERE s.account = a.name) "
      "FROM organiser_accounts a ORDER BY a.name");
  while (st.step())
    out.push_back({st.text(0), st.integer(1), st.integer(2), st.integer(3)});
  return out;
}

LoginCheck check_organiser_login(const store::Database& db, LoginThrottle& throttle,
                                 const std::string& name, const std::string& address,
                                 std::string_view password, int64_t now_ms) {
  core::ensure_sodium_initialised();
  // Names are bounded so made-up names cannot make the throttle's keys large.
  const std::string key = name.substr(0, 64);
  auto slot = throttle.try_begin_check();
  if (!slot) return {LoginVerdict::Busy, 0};
  const LoginThrottle::Attempt attempt = throttle.reserve(key, address, now_ms);
  if (!attempt.allowed) return {LoginVerdict::LockedOut, attempt.locked_until_ms};
  std::optional<std::string> hash;
  {
    store::Statement st = db.prepare("SELECT password_hash FROM organiser_accounts WHERE name = ?");
    st.bind(1, key);
    if (st.step()) hash = st.text(0);
  }
  const bool ok = crypto_pwhash_str_verify(hash ? hash->c_str() : decoy_hash().c_str(),
                                           password.data(), password.size()) == 0 &&
                  hash && key == name;
  if (ok) {
    throttle.forgive(key, address);
    return {LoginVerdict::Ok, 0};
  }
  return {LoginVerdict::Wrong, attempt.locked_until_ms};
}

}  // namespace einlass::sync::server
