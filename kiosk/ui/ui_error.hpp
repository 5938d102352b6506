#pragma once
// What the kiosk window reports when it cannot start: a missing font, a broken string table, no
// display. main() prints the message and exits with the configuration error code.

#include <stdexcept>

namespace einlass::ui {

class UiError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace einlass::ui
