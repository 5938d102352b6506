#pragma once
// Words in every language Einlass ships: one JSON file per language in assets/lang/,
// {"language": {"code", "name", "order"}, "strings": {"key": "text", ...}, "mail": {...}}.
// "strings" holds the kiosk's texts, "mail" those of the ticket e-mail (einlass-server
// tickets), so translators work in one file per language. Texts may contain {placeholders}
// filled by format_text(). A key missing in one language falls back to the default language's
// text (tests make sure that never happens in a shipped build). Pure: no UI, no server.

#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace einlass::core {

// A language file that cannot be read or is malformed; the message names the file and why.
class StringTableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LanguageInfo {
  std::string code;  // "de", "en", "de-ls"
  std::string name;  // in the language itself: "Deutsch", "English", "Leichte Sprache"
  int order = 0;     // position of its button
};

using StringTable = std::map<std::string, std::string, std::less<>>;

// What a file without the requested section means: the kiosk needs "strings" in every file;
// the e-mail's "mail" section exists only in the languages the e-mail is written in.
enum class MissingSection { Error, Empty };

struct LanguageFile {
  LanguageInfo info;
  StringTable table;  // the texts of the requested section
};

// Reads one language file's `section`. Throws StringTableError naming the file.
LanguageFile load_language_file(const std::filesystem::path& file,
                                std::string_view section = "strings",
                                MissingSection missing = MissingSection::Error);

class StringTables {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // Loads `section` of every *.json in `dir`, sorted by `order`. Throws StringTableError naming
  // the file when one is unreadable or malformed, or when `default_code` is not among them.
  static StringTables load(const std::filesystem::path& dir, std::string_view default_code = "de",
                           std::string_view section = "strings",
                           MissingSection missing = MissingSection::Error);

  const std::vector<LanguageInfo>& languages() const { return languages_; }
  std::size_t default_language() const { return default_; }
  std::size_t index_of(std::string_view code) const;

  // The text for `key`; falls back to the default language, then to the key itself.
  const std::string& text(std::size_t language, std::string_view key) const;
  bool has(std::size_t language, std::string_view key) const;
  const StringTable& table(std::size_t language) const { return tables_.at(language); }

 private:
  std::vector<LanguageInfo> languages_;
  std::vector<StringTable> tables_;
  std::size_t default_ = 0;
};

using FormatArgs = std::initializer_list<std::pair<std::string_view, std::string>>;

// "Willkommen, {name}!" with {{"name", "Anna"}} -> "Willkommen, Anna!". Unknown placeholders
// stay as they are, so a typo in a table shows up on screen and in tests instead of vanishing.
std::string format_text(std::string_view pattern, FormatArgs args);

}  // namespace einlass::core
