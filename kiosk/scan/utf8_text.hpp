#pragma once

#include <string>
#include <string_view>

namespace einlass::scan {

// Keyboard input arrives as code points (GLFW char events); codes are compared and stored as
// UTF-8. Invalid code points become U+FFFD; invalid UTF-8 bytes decode to U+FFFD each.
std::string to_utf8(std::u32string_view text);
std::u32string from_utf8(std::string_view text);

}  // namespace einlass::scan
