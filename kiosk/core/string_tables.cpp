#include "kiosk/core/string_tables.hpp"

#include <algorithm>
#include <fstream>
#include <tuple>

#include <nlohmann/json.hpp>

namespace einlass::core {

LanguageFile load_language_file(const std::filesystem::path& file, std::string_view section,
                                MissingSection missing) {
  std::ifstream in(file);
  if (!in) throw StringTableError("cannot read the language file " + file.string());
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 2, column 30: …": the place and the
    // reason, without the library's prefix.
    const std::string why = e.what();
    const std::size_t start = why.find("] ");
    throw StringTableError("the language file " + file.string() + " is not valid JSON: " +
                           (start == std::string::npos ? why : why.substr(start + 2)));
  }
  if (!j.is_object())
    throw StringTableError("the language file " + file.string() + " does not hold a JSON object");
  const auto& lang = j.value("language", nlohmann::json::object());
  const std::string section_name(section);
  const bool has_section = j.contains(section_name);
  const auto& strings = j.value(section_name, nlohmann::json::object());
  if (!lang.is_object() || !lang.contains("code") || !lang.at("code").is_string() ||
      !lang.contains("name") || !lang.at("name").is_string() || !strings.is_object() ||
      (!has_section && missing == MissingSection::Error)) {
    throw StringTableError("the language file " + file.string() +
                           " needs \"language\": {\"code\", \"name\"} and a \"" + section_name +
                           "\" object");
  }
  LanguageFile out;
  out.info.code = lang.at("code").get<std::string>();
  out.info.name = lang.at("name").get<std::string>();
  const auto& order = lang.value("order", nlohmann::json(100));
  if (!order.is_number_integer())
    throw StringTableError("the language file " + file.string() + ": \"order\" is not a number");
  out.info.order = order.get<int>();
  for (const auto& [key, value] : strings.items()) {
    if (!value.is_string())
      throw StringTableError("the language file " + file.string() + ": \"" + key +
                             "\" is not a text");
    out.table.emplace(key, value.get<std::string>());
  }
  return out;
}

StringTables StringTables::load(const std::filesystem::path& dir, std::string_view default_code,
                                std::string_view section, MissingSection missing) {
  std::vector<LanguageFile> loaded;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json")
      loaded.push_back(load_language_file(entry.path(), section, missing));
  if (ec)
    throw StringTableError("cannot read the language folder " + dir.string() + ": " + ec.message());
  std::sort(loaded.begin(), loaded.end(), [](const auto& a, const auto& b) {
    return std::tie(a.info.order, a.info.code) < std::tie(b.info.order, b.info.code);
  });
  StringTables tables;
  for (auto& l : loaded) {
    tables.languages_.push_back(std::move(l.info));
    tables.tables_.push_back(std::move(l.table));
  }
  tables.default_ = tables.index_of(default_code);
  if (tables.default_ == npos) {
    throw StringTableError("no language file for the default language \"" +
                           std::string(default_code) + "\" in " + dir.string());
  }
  return tables;
}

std::size_t StringTables::index_of(std::string_view code) const {
  for (std::size_t i = 0; i < languages_.size(); ++i)
    if (languages_[i].code == code) return i;
  return npos;
}

bool StringTables::has(std::size_t language, std::string_view key) const {
  return language < tables_.size() && tables_[language].find(key) != tables_[language].end();
}

const std::string& StringTables::text(std::size_t language, std::string_view key) const {
  for (std::size_t lang : {language, default_}) {
    if (lang >= tables_.size()) continue;
    if (auto it = tables_[lang].find(key); it != tables_[lang].end()) return it->second;
  }
  // Keep the key alive for the caller: interned, so the reference stays valid.
  static thread_local StringTable unknown;
  return unknown.try_emplace(std::string(key), std::string(key)).first->second;
}

std::string format_text(std::string_view pattern, FormatArgs args) {
  std::string out;
  out.reserve(pattern.size() + 32);
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const std::size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = pattern.substr(i + 1, close - i - 1);
        const auto* arg =
            std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
        if (arg != args.end()) {
          out += arg->second;
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(pattern[i++]);
  }
  return out;
}

}  // namespace einlass::core
