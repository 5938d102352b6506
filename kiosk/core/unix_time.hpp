#pragma once

#include <cstdint>

namespace einlass::core {

// Milliseconds since 1970 by the system clock: the wall time stored with records and sent on
// the wire. Rules and agenda code take their time as a parameter instead, so tests can set it.
int64_t unix_now_ms();

}  // namespace einlass::core
