#pragma once
// The kiosk's words: the "strings" section of the language files in assets/lang/, loaded by
// the pure loader in kiosk/core (string_tables.hpp), which the server's ticket e-mail shares.
// Here only what the window adds: a broken table is a UiError, which stops the kiosk with a
// configuration error like a missing font.

#include <filesystem>
#include <string_view>
#include <utility>

#include "kiosk/core/string_tables.hpp"

namespace einlass::ui {

using core::format_text;
using core::FormatArgs;
using core::LanguageInfo;
using core::StringTable;

class StringTables : public core::StringTables {
 public:
  explicit StringTables(core::StringTables tables) : core::StringTables(std::move(tables)) {}

  // Loads every *.json in `dir`, sorted by `order`. Throws UiError naming the file when one is
  // unreadable or malformed, or when `default_code` is not among them.
  static StringTables load(const std::filesystem::path& dir, std::string_view default_code = "de");
};

}  // namespace einlass::ui
