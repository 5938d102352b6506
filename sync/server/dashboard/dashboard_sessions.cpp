#include "sync/server/dashboard/dashboard_sessions.hpp"

#include <sodium.h>

#include "sync/server/credentials.hpp"

namespace einlass::sync::server {

NewSession create_dashboard_session(store::Database& db, const std::string& account,
                                    int64_t now_ms) {
  NewSession session{new_token("eks_"), new_token("")};
  sweep_dashboard_sessions(db, now_ms);
  db.prepare(
        "INSERT INTO dashboard_sessions (token_hash, account, csrf_token, created_ms, "
        "last_used_ms) VALUES (?, ?, ?, ?, ?)")
      .bind(1, hash_secret(session.token))
      .bind(2, account)
      .bind(3, session.csrf_token)
      .bind(4, now_ms)
      .bind(5, now_ms)
      .run();
  return session;
}

std::optional<DashboardSession> find_dashboard_session(const store::Database& db,
                                                       std::string_view token, int64_t now_ms) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  // The join drops sessions of removed accounts even before they are swept.
  store::Statement st = db.prepare(
      "SELECT s.account, s.csrf_token, s.created_ms, s.last_used_ms FROM dashboard_sessions s "
      "JOIN organiser_accounts a ON a.name = s.account WHERE s.token_hash = ?");
  st.bind(1, hash_secret(token));
  if (!st.step()) return std::nullopt;
  DashboardSession s{st.text(0), st.text(1), st.integer(2), st.integer(3), false};
  if (now_ms - s.last_used_ms > kSessionIdleMs || now_ms - s.created_ms > kSessionMaxMs)
    return std::nullopt;
  s.needs_touch = now_ms - s.last_used_ms >= kSessionTouchEveryMs;
  return s;
}

void touch_dashboard_session(store::Database& db, std::string_view token, int64_t now_ms) {
  db.prepare("UPDATE dashboard_sessions SET last_used_ms = ? WHERE token_hash = ?")
      .bind(1, now_ms)
      .bind(2, hash_secret(token))
      .run();
}

void end_dashboard_session(store::Database& db, std::string_view token) {
  db.prepare("DELETE FROM dashboard_sessions WHERE token_hash = ?")
      .bind(1, hash_secret(token))
      .run();
}

int64_t sweep_dashboard_sessions(store::Database& db, int64_t now_ms) {
  db.prepare("DELETE FROM dashboard_sessions WHERE last_used_ms < ? OR created_ms < ?")
      .bind(1, now_ms - kSessionIdleMs)
      .bind(2, now_ms - kSessionMaxMs)
      .run();
  return db.changes();
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace einlass::sync::server
