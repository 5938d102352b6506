#pragma once
// Dashboard login sessions. The browser holds a random token in an HttpOnly cookie; the
// server keeps only its SHA-256 hash, so a copy of the database logs nobody in. A session ends
// after kSessionIdleMs without a request, after kSessionMaxMs in any case, and at logout. Each
// session has its own CSRF token that every POST must carry.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

inline constexpr int64_t kSessionIdleMs = 30 * 60'000LL;   // a laptop left alone
inline constexpr int64_t kSessionMaxMs = 12 * 3600'000LL;  // one conference day
inline constexpr int64_t kSessionTouchEveryMs = 60'000LL;  // last_used precision

struct NewSession {
  std::string token;  // for the cookie; shown once, stored hashed
  std::string csrf_token;
};
// Writes: call holding the pool's write mutex.
NewSession create_dashboard_session(store::Database& db, const std::string& account,
                                    int64_t now_ms);

struct DashboardSession {
  std::string account;
  std::string csrf_token;
  int64_t created_ms = 0, last_used_ms = 0;
  bool needs_touch = false;  // last_used is older than kSessionTouchEveryMs
};
// The live session for a cookie token, or nullopt (unknown, expired, account removed).
std::optional<DashboardSession> find_dashboard_session(const store::Database& db,
                                                       std::string_view token, int64_t now_ms);
// Moves last_used on (writes).
void touch_dashboard_session(store::Database& db, std::string_view token, int64_t now_ms);
void end_dashboard_session(store::Database& db, std::string_view token);
// Deletes expired sessions; returns how many.
int64_t sweep_dashboard_sessions(store::Database& db, int64_t now_ms);

// Constant-time comparison for CSRF tokens.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace einlass::sync::server
