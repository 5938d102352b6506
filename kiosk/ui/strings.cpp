#include "kiosk/ui/strings.hpp"

#include <algorithm>
#include <fstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "kiosk/ui/ui_error.hpp"

namespace einlass::ui {

namespace {

struct LoadedLanguage {
  LanguageInfo info;
  StringTable table;
};

LoadedLanguage load_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw UiError("cannot read the string table " + file.string());
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw UiError("the string table " + file.string() + " is not valid JSON");
  const auto& lang = j.value("language", nlohmann::json::object());
  const auto& strings = j.value("strings", nlohmann::json::object());
  if (!lang.contains("code") || !lang.contains("name") || !strings.is_object()) {
    throw UiError("the string table " + file.string() +
                  " needs \"language\": {\"code\", \"name\"} and a \"strings\" object");
  }
  LoadedLanguage out;
  out.info.code = lang.at("code").get<std::string>();
  out.info.name = lang.at("name").get<std::string>();
  out.info.order = lang.value("order", 100);
  for (const auto& [key, value] : strings.items()) {
    if (!value.is_string())
      throw UiError("the string table " + file.string() + ": \"" + key + "\" is not a text");
    out.table.emplace(key, value.get<std::string>());
  }
  return out;
}

}  // namespace

StringTables StringTables::load(const std::filesystem::path& dir, std::string_view default_code) {
  std::vector<LoadedLanguage> loaded;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") loaded.push_back(load_file(entry.path()));
  if (ec) throw UiError("cannot read the language folder " + dir.string() + ": " + ec.message());
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
    throw UiError("no string table for the default language \"" + std::string(default_code) +
                  "\" in " + dir.string());
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

}  // namespace einlass::ui
