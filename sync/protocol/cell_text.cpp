#include "sync/protocol/cell_text.hpp"

#include <date/tz.h>

#include <cmath>
#include <cstdio>

namespace einlass::sync {

std::string neutralise_formula(std::string_view text) {
  if (text.empty()) return std::string();
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return "'" + std::string(text);
    default:
      return std::string(text);
  }
}

LocalDateTime local_date_time(int64_t unix_ms, const std::string& timezone) {
  using namespace std::chrono;
  const sys_seconds instant{duration_cast<seconds>(milliseconds(unix_ms))};
  const auto zoned = date::make_zoned(timezone, instant);
  const date::local_seconds local = zoned.get_local_time();
  const date::local_days day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> hms{local - day};
  LocalDateTime t;
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  t.hour = static_cast<int>(hms.hours().count());
  t.minute = static_cast<int>(hms.minutes().count());
  t.second = static_cast<int>(hms.seconds().count());
  t.utc_offset_minutes = static_cast<int>(duration_cast<minutes>(zoned.get_info().offset).count());
  // Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29), 1970-01-01 is 25569.
  t.excel_serial = static_cast<double>(local.time_since_epoch().count()) / 86400.0 + 25569.0;
  return t;
}

std::string german_date_time(const LocalDateTime& t) {
  char text[48];
  std::snprintf(text, sizeof text, "%02d.%02d.%04d %02d:%02d", t.day, t.month, t.year, t.hour,
                t.minute);
  return text;
}

std::string iso_date_time(const LocalDateTime& t) {
  const int offset = std::abs(t.utc_offset_minutes);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", t.year, t.month,
                t.day, t.hour, t.minute, t.second, t.utc_offset_minutes < 0 ? '-' : '+',
                offset / 60, offset % 60);
  return text;
}

std::string german_date(std::string_view iso_date) {
  if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-')
    return std::string(iso_date);
  return std::string(iso_date.substr(8, 2)) + "." + std::string(iso_date.substr(5, 2)) + "." +
         std::string(iso_date.substr(0, 4));
}

std::string percent_text(double fraction, char decimal_separator) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", fraction * 100.0);
  std::string out = text;
  for (char& c : out)
    if (c == '.') c = decimal_separator;
  return out;
}

std::string csv_field(std::string_view text, char separator) {
  const std::string value = neutralise_formula(text);
  if (value.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string::npos)
    return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_line(const std::vector<std::string>& fields, char separator) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += separator;
    line += csv_field(fields[i], separator);
  }
  line += kCrLf;
  return line;
}

}  // namespace einlass::sync
