#pragma once
// Internal to the event config loader: reading one TOML table key by key, with the checks every
// table needs (no unknown keys, required keys present, right value types) and messages that
// name the file and line. Nothing outside event_config*.cpp includes this.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <toml.hpp>

#include "kiosk/core/event_model.hpp"

namespace einlass::core::config_detail {

// Turns a problem into EventConfigError for one file.
class Reporter {
 public:
  explicit Reporter(std::string file) : file_(std::move(file)) {}
  [[noreturn]] void fail(int line, const std::string& problem) const;
  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

int line_of(const toml::value& value);

// "2019-09-12"
std::string iso_date(const date::year_month_day& ymd);
// Parses "2019-09-12" strictly (used for dates written as keys, where TOML has no date type).
std::optional<date::year_month_day> parse_iso_date(std::string_view text);

// One table of the config ("[event]", one "[[venues.rooms]]" entry, …).
class ConfigTable {
 public:
  // `header` names the table in messages, e.g. "[[venues.rooms]]". Keys not in `allowed` are
  // rejected right here, so a typo is reported as a typo and not as the key it was meant to be.
  ConfigTable(const toml::value& table, std::string header,
              std::initializer_list<std::string_view> allowed, const Reporter& reporter);

  int line() const { return line_of(*table_); }
  const std::string& header() const { return header_; }
  const Reporter& reporter() const { return *reporter_; }

  bool has(std::string_view key) const;
  const toml::value* find(std::string_view key) const;
  int line_of_key(std::string_view key) const;  // the value's line, or the table's if absent

  std::string text(std::string_view key) const;  // required, not blank
  std::string text_or(std::string_view key, std::string fallback) const;
  int integer(std::string_view key, int min, int max) const;  // required
  int integer_or(std::string_view key, int fallback, int min, int max) const;
  bool boolean_or(std::string_view key, bool fallback) const;
  LocalTime time(std::string_view key) const;  // required
  std::optional<LocalTime> optional_time(std::string_view key) const;
  date::year_month_day date(std::string_view key) const;           // required
  std::vector<std::string> text_list(std::string_view key) const;  // absent = empty
  std::vector<int> integer_list(std::string_view key, int min, int max) const;
  std::vector<date::year_month_day> date_list(std::string_view key) const;
  // An array of tables ("[[venues]]"), or an empty list when absent.
  const toml::array& tables(std::string_view key) const;
  // An inline table of strings keyed by ISO date, e.g. speaker_on = { 2019-09-12 = "…" }.
  std::vector<std::pair<std::string, std::string>> text_by_date(std::string_view key) const;

  [[noreturn]] void fail(std::string_view key, const std::string& problem) const;
  [[noreturn]] void fail(const std::string& problem) const;  // at the table's line

 private:
  const toml::value& required(std::string_view key) const;
  [[noreturn]] void wrong_type(std::string_view key, const toml::value& value,
                               std::string_view expected) const;

  const toml::value* table_;
  std::string header_;
  const Reporter* reporter_;
};

}  // namespace einlass::core::config_detail
