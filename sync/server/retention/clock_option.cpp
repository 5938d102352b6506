#include "sync/server/retention/clock_option.hpp"

#include <date/tz.h>

#include <regex>

namespace einlass::sync::server {

int64_t parse_now_option(const std::string& text, const std::string& timezone) {
  static const std::regex shape(R"((\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?)");
  std::smatch m;
  const auto refuse = [&](const std::string& why) {
    return ClockOptionError("--now \"" + text + "\" " + why +
                            "; write venue time like 2019-12-26T09:00 or a date like 2019-12-26");
  };
  if (!std::regex_match(text, m, shape)) throw refuse("is not a date and time");
  const auto number = [&](size_t group) { return m[group].matched ? std::stoi(m[group]) : 0; };
  const date::year_month_day ymd{date::year{number(1)}, date::month{unsigned(number(2))},
                                 date::day{unsigned(number(3))}};
  if (!ymd.ok() || number(4) > 23 || number(5) > 59) throw refuse("is not a valid date and time");
  const date::local_seconds local =
      date::local_days{ymd} + std::chrono::hours(number(4)) + std::chrono::minutes(number(5));
  const auto instant = date::make_zoned(timezone, local, date::choose::earliest).get_sys_time();
  return std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
}

}  // namespace einlass::sync::server
