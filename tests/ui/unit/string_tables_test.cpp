// The string tables as a product requirement: every key exists in every language, every key is
// used by the code and every key the code uses exists; placeholders match across languages, so
// no translation silently drops "{name}".

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "kiosk/ui/strings.hpp"

namespace einlass::ui {
namespace {

namespace fs = std::filesystem;

StringTables tables() {
  return StringTables::load(fs::path(EINLASS_SOURCE_DIR) / "assets" / "lang", "de");
}

// String literals in the window's sources that look like keys of the tables ("ns.name…" with a
// namespace the German table uses).
std::set<std::string> keys_used_in_code(const std::set<std::string>& namespaces) {
  std::set<std::string> used;
  static const std::regex literal("\"([a-z_]+(?:\\.[a-z0-9_]+)+)\"");
  std::vector<fs::path> sources;
  for (const char* dir : {"kiosk/ui", "kiosk/app/gui"})
    for (const auto& entry : fs::directory_iterator(fs::path(EINLASS_SOURCE_DIR) / dir))
      sources.push_back(entry.path());
  // The date words are shared with the ticket e-mail, so they live in the core.
  sources.push_back(fs::path(EINLASS_SOURCE_DIR) / "kiosk/core/date_words.cpp");
  for (const fs::path& source : sources) {
    std::ifstream in(source);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      const std::string key = (*it)[1];
      if (namespaces.count(key.substr(0, key.find('.')))) used.insert(key);
    }
  }
  return used;
}

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  static const std::regex pattern("\\{([a-z_]+)\\}");
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it)
    out.insert((*it)[1]);
  return out;
}

TEST(StringTables, ShipGermanEnglishAndLeichteSpracheWithGermanFirst) {
  const StringTables t = tables();
  ASSERT_EQ(t.languages().size(), 3u);
  EXPECT_EQ(t.languages()[0].code, "de");
  EXPECT_EQ(t.languages()[1].code, "en");
  EXPECT_EQ(t.languages()[2].code, "de-ls");
  EXPECT_EQ(t.languages()[t.default_language()].code, "de");
}

TEST(StringTables, EveryKeyIsInEveryLanguage) {
  const StringTables t = tables();
  for (std::size_t l = 0; l < t.languages().size(); ++l) {
    for (std::size_t other = 0; other < t.languages().size(); ++other) {
      for (const auto& [key, text] : t.table(other)) {
        EXPECT_TRUE(t.has(l, key)) << "\"" << key << "\" is in " << t.languages()[other].code
                                   << " but missing in " << t.languages()[l].code;
      }
    }
  }
}

TEST(StringTables, PlaceholdersAreTheSameInEveryLanguage) {
  const StringTables t = tables();
  for (const auto& [key, german] : t.table(0)) {
    for (std::size_t l = 1; l < t.languages().size(); ++l) {
      if (!t.has(l, key)) continue;
      EXPECT_EQ(placeholders(t.text(l, key)), placeholders(german))
          << key << " in " << t.languages()[l].code;
    }
  }
}

TEST(StringTables, EveryKeyIsUsedAndEveryUsedKeyExists) {
  const StringTables t = tables();
  std::set<std::string> namespaces;
  for (const auto& [key, text] : t.table(0))
    namespaces.insert(key.substr(0, key.find('.')));
  const std::set<std::string> used = keys_used_in_code(namespaces);
  ASSERT_GT(used.size(), 100u) << "the source scan found too little; wrong folder?";
  for (const auto& [key, text] : t.table(0))
    EXPECT_TRUE(used.count(key)) << "\"" << key << "\" is in the tables but no code uses it";
  for (const std::string& key : used) {
    for (std::size_t l = 0; l < t.languages().size(); ++l)
      EXPECT_TRUE(t.has(l, key)) << "the code uses \"" << key << "\", missing in "
                                 << t.languages()[l].code;
  }
}

TEST(StringTables, LeichteSpracheAvoidsAbbreviations) {
  // Leichte Sprache writes words out ("Minuten", not "Min."); one idea per line.
  const StringTables t = tables();
  const std::size_t ls = t.index_of("de-ls");
  ASSERT_NE(ls, StringTables::npos);
  static const std::regex abbreviation(R"(\b(Min|Std|bzw|ggf|z\.B|usw|evtl)\.)");
  for (const auto& [key, text] : t.table(ls))
    EXPECT_FALSE(std::regex_search(text, abbreviation)) << key << ": " << text;
}

TEST(StringTables, FormatFillsPlaceholdersAndKeepsUnknownOnes) {
  EXPECT_EQ(format_text("Willkommen, {name}!", {{"name", "Anna"}}), "Willkommen, Anna!");
  EXPECT_EQ(format_text("{a}{b}{a}", {{"a", "x"}, {"b", "y"}}), "xyx");
  EXPECT_EQ(format_text("Raum {room}", {}), "Raum {room}");
  EXPECT_EQ(format_text("{unclosed", {{"unclosed", "x"}}), "{unclosed");
}

TEST(StringTables, MissingKeyFallsBackToGermanThenToTheKey) {
  const StringTables t = tables();
  EXPECT_EQ(t.text(1, "no.such.key"), "no.such.key");
  EXPECT_EQ(t.text(99, "result.title_no_name"), t.text(0, "result.title_no_name"));
}

// Leichte Sprache keeps one plain word for one thing: "eingetragen" is being checked in, and
// "angemeldet" stays with the registration ("Anmelde·E-Mail", "Anmeldung ist abgesagt").
TEST(StringTables, LeichteSpracheSaysCheckedInWithItsOwnWord) {
  const StringTables t = tables();
  const std::size_t ls = t.index_of("de-ls");
  ASSERT_NE(ls, StringTables::npos);
  for (const char* key :
       {"result.subtitle", "problem.already.title", "problem.already.title_no_name",
        "problem.already.reason", "problem.already.reason_door"}) {
    EXPECT_NE(t.text(ls, key).find("eingetragen"), std::string::npos) << key;
    EXPECT_EQ(t.text(ls, key).find("angemeldet"), std::string::npos) << key;
  }
  // "im großen Saal: Großer Saal" read oddly: the hall's own name follows a plain "Saal".
  for (const auto& [key, text] : t.table(ls))
    EXPECT_EQ(text.find("großen Saal: {hall}"), std::string::npos) << key;
}

}  // namespace
}  // namespace einlass::ui
