#pragma once
// Event identifiers. UUIDv7 (RFC 9562): 48 bits of unix milliseconds then random bits, so ids
// are unique across devices without coordination and sort roughly by creation time, which
// keeps the SQLite index on them append-friendly.

#include <cstdint>
#include <string>
#include <string_view>

namespace einlass::core {

std::string new_uuid_v7(int64_t unix_ms);
// True for the canonical lowercase 8-4-4-4-12 hex form.
bool is_canonical_uuid(std::string_view text);

}  // namespace einlass::core
