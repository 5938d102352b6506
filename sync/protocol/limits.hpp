#pragma once
// Sizes both ends agree on. The server refuses anything larger with a JSON error, and the
// kiosk sizes its requests to stay below, so a limit can never poison a whole outbox.

#include <cstddef>
#include <cstdint>

namespace einlass::sync::protocol {

// Sent by kiosks with every request, for the organiser's dashboard: events waiting in the
// kiosk's outbox and its wall clock (unix ms), from which the server reads its clock skew.
// Optional both ways: an older kiosk sends neither, an older server ignores them.
inline constexpr const char* kOutboxHeader = "X-Einlass-Outbox";
inline constexpr const char* kClockHeader = "X-Einlass-Clock-Ms";

inline constexpr std::size_t kMaxRequestBytes = 1 << 20;       // 1 MiB per request body
inline constexpr std::size_t kMaxPushBatchBytes = 768 * 1024;  // the kiosk's own cap per push
inline constexpr int kMaxEventsPerPush = 1000;
inline constexpr int kDefaultPageSize = 2000;
inline constexpr int kMaxPageSize = 10000;
inline constexpr std::size_t kMaxDetailBytes = 4096;  // walk-in data in an event
inline constexpr std::size_t kMaxIdLength = 64;       // participant, device, venue, room ids
inline constexpr std::size_t kMaxTextLength = 200;    // names, organisation, titles
inline constexpr int kMaxRounds = 4;
// The kiosk reads no answer longer than this (it is kept in memory); the largest real one, a
// full roster page, is a few MiB.
inline constexpr std::size_t kMaxResponseBytes = std::size_t{64} << 20;
inline constexpr int64_t kMinPlausibleMs = 946'684'800'000;    // 2000-01-01
inline constexpr int64_t kMaxPlausibleMs = 4'102'444'800'000;  // 2100-01-01

}  // namespace einlass::sync::protocol
