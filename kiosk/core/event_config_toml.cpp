#include "kiosk/core/event_config_toml.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "kiosk/core/event_config.hpp"

namespace einlass::core::config_detail {

namespace {

// How a value type is called in messages: organisers know "text" and "a time", not "string"
// and "local_time".
std::string_view describe(toml::value_t type) {
  switch (type) {
    case toml::value_t::boolean:
      return "true/false";
    case toml::value_t::integer:
      return "a whole number";
    case toml::value_t::floating:
      return "a decimal number";
    case toml::value_t::string:
      return "text in quotes";
    case toml::value_t::offset_datetime:
    case toml::value_t::local_datetime:
      return "a date with a time";
    case toml::value_t::local_date:
      return "a date";
    case toml::value_t::local_time:
      return "a time";
    case toml::value_t::array:
      return "a list";
    case toml::value_t::table:
      return "a table";
    case toml::value_t::empty:
      break;
  }
  return "nothing";
}

// Edits needed to turn one key into another; small distances are typos worth a suggestion.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string suggestion(std::string_view key, std::initializer_list<std::string_view> allowed) {
  std::string_view best;
  std::size_t best_distance = 3;  // more than two edits is a different word, not a typo
  for (std::string_view candidate : allowed) {
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

std::string key_name(std::string_view key) {
  return "'" + std::string(key) + "'";
}

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

void Reporter::fail(int line, const std::string& problem) const {
  throw EventConfigError(file_, line, problem);
}

int line_of(const toml::value& value) {
  return static_cast<int>(value.location().line());
}

std::string iso_date(const date::year_month_day& ymd) {
  char text[32];  // room for any int year, keeps -Wformat-truncation quiet
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

std::optional<date::year_month_day> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  const char* begin = text.data();
  if (std::from_chars(begin, begin + 4, year).ptr != begin + 4) return std::nullopt;
  if (std::from_chars(begin + 5, begin + 7, month).ptr != begin + 7) return std::nullopt;
  if (std::from_chars(begin + 8, begin + 10, day).ptr != begin + 10) return std::nullopt;
  const date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

ConfigTable::ConfigTable(const toml::value& table, std::string header,
                         std::initializer_list<std::string_view> allowed, const Reporter& reporter)
    : table_(&table), header_(std::move(header)), reporter_(&reporter) {
  if (!table.is_table()) {
    reporter.fail(line_of(table),
                  header_ + " must be a table, not " + std::string(describe(table.type())));
  }
  // The table is unordered; report the first unknown key in file order so the message is stable.
  const toml::value* first_unknown = nullptr;
  std::string unknown_key;
  for (const auto& [key, value] : table.as_table()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    if (first_unknown == nullptr || line_of(value) < line_of(*first_unknown)) {
      first_unknown = &value;
      unknown_key = key;
    }
  }
  if (first_unknown != nullptr) {
    reporter.fail(line_of(*first_unknown), "unknown key " + key_name(unknown_key) + " in " +
                                               header_ + suggestion(unknown_key, allowed));
  }
}

bool ConfigTable::has(std::string_view key) const {
  return find(key) != nullptr;
}

const toml::value* ConfigTable::find(std::string_view key) const {
  const toml::table& table = table_->as_table();
  const auto it = table.find(std::string(key));
  return it == table.end() ? nullptr : &it->second;
}

int ConfigTable::line_of_key(std::string_view key) const {
  const toml::value* value = find(key);
  return value != nullptr ? line_of(*value) : line();
}

const toml::value& ConfigTable::required(std::string_view key) const {
  const toml::value* value = find(key);
  if (value == nullptr) fail("missing required key " + key_name(key) + " in " + header_);
  return *value;
}

void ConfigTable::wrong_type(std::string_view key, const toml::value& value,
                             std::string_view expected) const {
  reporter_->fail(line_of(value), key_name(key) + " must be " + std::string(expected) + ", not " +
                                      std::string(describe(value.type())));
}

std::string ConfigTable::text(std::string_view key) const {
  const toml::value& value = required(key);
  if (!value.is_string()) wrong_type(key, value, "text in quotes");
  std::string out = value.as_string().str;
  if (blank(out)) fail(key, key_name(key) + " must not be empty");
  return out;
}

std::string ConfigTable::text_or(std::string_view key, std::string fallback) const {
  const toml::value* value = find(key);
  if (value == nullptr) return fallback;
  if (!value->is_string()) wrong_type(key, *value, "text in quotes");
  return value->as_string().str;
}

int ConfigTable::integer(std::string_view key, int min, int max) const {
  const toml::value& value = required(key);
  if (!value.is_integer()) wrong_type(key, value, "a whole number");
  const toml::integer number = value.as_integer();
  if (number < min || number > max) {
    fail(key, key_name(key) + " is " + std::to_string(number) + "; it must be between " +
                  std::to_string(min) + " and " + std::to_string(max));
  }
  return static_cast<int>(number);
}

int ConfigTable::integer_or(std::string_view key, int fallback, int min, int max) const {
  return has(key) ? integer(key, min, max) : fallback;
}

bool ConfigTable::boolean_or(std::string_view key, bool fallback) const {
  const toml::value* value = find(key);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) wrong_type(key, *value, "true or false");
  return value->as_boolean();
}

LocalTime ConfigTable::time(std::string_view key) const {
  const toml::value& value = required(key);
  if (!value.is_local_time()) wrong_type(key, value, "a time like 15:05:00 (without quotes)");
  const toml::local_time& t = value.as_local_time();
  if (t.second != 0 || t.millisecond != 0 || t.microsecond != 0 || t.nanosecond != 0) {
    fail(key, key_name(key) + " must be in whole minutes, e.g. 15:05:00");
  }
  return LocalTime::hm(t.hour, t.minute);
}

std::optional<LocalTime> ConfigTable::optional_time(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return time(key);
}

namespace {

date::year_month_day to_ymd(const toml::local_date& d) {
  // toml11 counts months from 0.
  return date::year_month_day{date::year{d.year}, date::month{static_cast<unsigned>(d.month) + 1},
                              date::day{d.day}};
}

}  // namespace

date::year_month_day ConfigTable::date(std::string_view key) const {
  const toml::value& value = required(key);
  if (!value.is_local_date()) wrong_type(key, value, "a date like 2019-09-12 (without quotes)");
  return to_ymd(value.as_local_date());
}

std::vector<std::string> ConfigTable::text_list(std::string_view key) const {
  std::vector<std::string> out;
  const toml::value* list = find(key);
  if (list == nullptr) return out;
  if (!list->is_array()) wrong_type(key, *list, "a list of texts, e.g. [\"HF1\"]");
  for (const toml::value& item : list->as_array()) {
    if (!item.is_string()) wrong_type(key, item, "a list of texts in quotes");
    out.push_back(item.as_string().str);
  }
  return out;
}

std::vector<int> ConfigTable::integer_list(std::string_view key, int min, int max) const {
  std::vector<int> out;
  const toml::value* list = find(key);
  if (list == nullptr) return out;
  if (!list->is_array()) wrong_type(key, *list, "a list of whole numbers, e.g. [1, 2]");
  for (const toml::value& item : list->as_array()) {
    if (!item.is_integer()) wrong_type(key, item, "a list of whole numbers");
    const toml::integer number = item.as_integer();
    if (number < min || number > max) {
      reporter_->fail(line_of(item), key_name(key) + " contains " + std::to_string(number) +
                                         "; allowed are " + std::to_string(min) + " to " +
                                         std::to_string(max));
    }
    out.push_back(static_cast<int>(number));
  }
  return out;
}

std::vector<date::year_month_day> ConfigTable::date_list(std::string_view key) const {
  std::vector<date::year_month_day> out;
  const toml::value* list = find(key);
  if (list == nullptr) return out;
  if (!list->is_array()) wrong_type(key, *list, "a list of dates, e.g. [2019-09-12]");
  for (const toml::value& item : list->as_array()) {
    if (!item.is_local_date()) wrong_type(key, item, "a list of dates without quotes");
    out.push_back(to_ymd(item.as_local_date()));
  }
  return out;
}

const toml::array& ConfigTable::tables(std::string_view key) const {
  static const toml::array none;
  const toml::value* list = find(key);
  if (list == nullptr) return none;
  if (!list->is_array()) {
    wrong_type(key, *list, "a list of tables, written [[" + std::string(key) + "]]");
  }
  return list->as_array();
}

std::vector<std::pair<std::string, std::string>> ConfigTable::text_by_date(
    std::string_view key) const {
  std::vector<std::pair<std::string, std::string>> out;
  const toml::value* map = find(key);
  if (map == nullptr) return out;
  if (!map->is_table()) wrong_type(key, *map, "a table like { 2019-09-12 = \"…\" }");
  for (const auto& [date_key, value] : map->as_table()) {
    if (!parse_iso_date(date_key)) {
      reporter_->fail(line_of(value),
                      key_name(key) + ": '" + date_key + "' is not a date; write it as 2019-09-12");
    }
    if (!value.is_string()) wrong_type(key, value, "a table of texts in quotes");
    out.emplace_back(date_key, value.as_string().str);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ConfigTable::fail(std::string_view key, const std::string& problem) const {
  reporter_->fail(line_of_key(key), problem);
}

void ConfigTable::fail(const std::string& problem) const {
  reporter_->fail(line(), problem);
}

}  // namespace einlass::core::config_detail
