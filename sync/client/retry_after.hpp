#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace einlass::sync::client {

// The longest wait a server's Retry-After can impose: a broken or hostile server must not stall
// a kiosk's sync for a day. Beyond it the kiosk's own backoff decides again.
inline constexpr std::chrono::seconds kMaxRetryAfter{300};

// A Retry-After header value in the delay-seconds form ("120", spaces around allowed), clamped
// to kMaxRetryAfter; nullopt for anything else (an HTTP date falls back to our own backoff).
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value);

}  // namespace einlass::sync::client
