#pragma once

namespace einlass::core {

// libsodium must be initialised once before use; safe to call from any thread, any number of
// times. Throws std::runtime_error if the library cannot start (no entropy source).
void ensure_sodium_initialised();

}  // namespace einlass::core
