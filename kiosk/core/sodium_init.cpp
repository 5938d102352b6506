#include "kiosk/core/sodium_init.hpp"

#include <sodium.h>

#include <stdexcept>

namespace einlass::core {

void ensure_sodium_initialised() {
  // A function-local static is initialised exactly once, thread-safely (C++11 onwards).
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace einlass::core
