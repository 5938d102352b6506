#pragma once
// A message that does not follow the wire protocol. what() names the field by its path
// ("events[3].uuid") and says what is wrong, so the server can send it back as the reason and a
// developer reading the kiosk log knows which event to look at.

#include <stdexcept>
#include <string>

namespace einlass::sync::protocol {

class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace einlass::sync::protocol
