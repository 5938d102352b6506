#pragma once
// `--now` for the organiser commands whose answer depends on the date (purge): venue time
// "2019-12-26T00:00" or a date "2019-12-26" (its midnight), in the event's time zone.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace einlass::sync::server {

class ClockOptionError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Unix ms; throws ClockOptionError naming the expected form.
int64_t parse_now_option(const std::string& text, const std::string& timezone);

}  // namespace einlass::sync::server
