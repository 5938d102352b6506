#include "sync/client/retry_after.hpp"

#include <algorithm>

namespace einlass::sync::client {

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) {
  const auto first = value.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  value = value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
  if (!std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  // Digit by digit with the clamp inside the loop: a value of any length cannot overflow.
  std::chrono::seconds::rep seconds = 0;
  for (char c : value)
    seconds = std::min<std::chrono::seconds::rep>(seconds * 10 + (c - '0'), kMaxRetryAfter.count());
  return std::chrono::seconds{seconds};
}

}  // namespace einlass::sync::client
