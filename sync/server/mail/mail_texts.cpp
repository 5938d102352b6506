#include "sync/server/mail/mail_texts.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

namespace einlass::sync::server::mail {

namespace {

namespace fs = std::filesystem;

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  // Whatever format_text would try to fill: {Name}, {first-name}, { name } too.
  static const std::regex pattern("\\{([^{}]*)\\}");
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it)
    out.insert((*it)[1]);
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items)
    out += (out.empty() ? "" : ", ") + item;
  return out;
}

// One e-mail language from the bundled folder: every key the e-mail needs must be there, or
// the installation is incomplete and no e-mail could be written in full.
MailLanguage bundled_language(const fs::path& dir, const core::StringTables& mail,
                              const core::StringTables& kiosk, std::string_view code) {
  const std::size_t m = mail.index_of(code), k = kiosk.index_of(code);
  if (m == core::StringTables::npos || k == core::StringTables::npos)
    throw MailTextsError("no language file with code \"" + std::string(code) + "\" in " +
                         dir.string());
  MailLanguage out{mail.languages()[m].code, mail.languages()[m].name, {}};
  std::vector<std::string> missing;
  for (const std::string& key : mail_text_keys()) {
    if (mail.has(m, key))
      out.texts.emplace(key, mail.table(m).find(key)->second);
    else
      missing.push_back("mail." + key);
  }
  for (const std::string& key : shared_date_keys()) {
    if (kiosk.has(k, key))
      out.texts.emplace(key, kiosk.table(k).find(key)->second);
    else
      missing.push_back("strings." + key);
  }
  if (!missing.empty())
    throw MailTextsError("the " + out.name + " language file in " + dir.string() +
                         " lacks texts the ticket e-mail needs (" + joined(missing) +
                         "); reinstall einlass-server");
  return out;
}

// Texts that go into a header line of the e-mail.
bool is_one_line_text(const std::string& key) {
  return key == "subject";
}

// Puts the override file's texts over the bundled ones. Texts left out keep the bundled one (a
// warning). A placeholder the text does not fill or a key nobody reads is refused: an e-mail
// once written goes out as written, so "{Name}" or a misspelt key would be locked into every
// participant's e-mail by the first run — better to stop before anything is written.
void apply_override(const fs::path& file, const core::LanguageFile& loaded, MailLanguage& language,
                    std::vector<std::string>& warnings) {
  std::vector<std::string> missing, unknown;
  for (const std::string& key : mail_text_keys()) {
    const auto it = loaded.table.find(key);
    if (it == loaded.table.end() || it->second.empty()) {
      missing.push_back(key);
      continue;
    }
    // A header line cannot hold a line break; refused here, before anything is stored, instead
    // of failing while the e-mails are written.
    if (is_one_line_text(key) && it->second.find_first_of("\r\n") != std::string::npos)
      throw MailTextsError(file.string() + ": \"" + key +
                           "\" must be one line (it goes into the e-mail's header); remove "
                           "the line break");
    std::vector<std::string> unfilled;
    const std::set<std::string> bundled = placeholders(language.texts.at(key));
    for (const std::string& name : placeholders(it->second))
      if (!bundled.count(name)) unfilled.push_back("{" + name + "}");
    if (!unfilled.empty()) {
      std::vector<std::string> fills;
      for (const std::string& name : bundled)
        fills.push_back("{" + name + "}");
      throw MailTextsError(file.string() + ": \"" + key + "\" uses " + joined(unfilled) +
                           ", which this text does not fill in (it would appear as written in "
                           "every e-mail); it fills " +
                           (fills.empty() ? std::string("none") : joined(fills)));
    }
    language.texts[key] = it->second;
  }
  for (const auto& [key, text] : loaded.table) {
    const auto& keys = mail_text_keys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) unknown.push_back(key);
  }
  if (!missing.empty())
    warnings.push_back(file.string() + " has no (or an empty) text for " + joined(missing) +
                       ": the bundled text is used");
  if (!unknown.empty())
    throw MailTextsError(file.string() + ": the e-mail has no text " + joined(unknown) +
                         " (misspelt? the texts are listed in the bundled " +
                         file.filename().string() + ")");
}

}  // namespace

std::string MailLanguage::text(std::string_view key, core::FormatArgs args) const {
  const auto it = texts.find(key);
  return core::format_text(it == texts.end() ? key : std::string_view(it->second), args);
}

std::string wording_fingerprint(const MailTexts& texts) {
  // FNV-1a: the same on every build and machine (std::hash is not), which a stored value needs.
  uint64_t hash = 14695981039346656037ull;
  const auto add = [&hash](std::string_view bytes) {
    for (const char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;  // a separator no UTF-8 text contains: "ab"+"c" differs from "a"+"bc"
    hash *= 1099511628211ull;
  };
  for (const MailLanguage* language : {&texts.german, &texts.english})
    for (const auto& [key, text] : language->texts) {
      add(key);
      add(text);
    }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

const std::vector<std::string>& mail_text_keys() {
  static const std::vector<std::string> keys{"subject",
                                             "greeting",
                                             "intro",
                                             "when",
                                             "where",
                                             "hall",
                                             "entrance",
                                             "checkin_opens",
                                             "agenda",
                                             "topics.heading",
                                             "topics.none",
                                             "topics.round_open",
                                             "topics.not_placed",
                                             "topics.provisional_room",
                                             "checkin.heading",
                                             "checkin.show",
                                             "checkin.personal",
                                             "checkin.without_code",
                                             "code.heading",
                                             "privacy.heading",
                                             "privacy.stored",
                                             "privacy.use",
                                             "privacy.responsible",
                                             "closing",
                                             "qr_code"};
  return keys;
}

const std::vector<std::string>& shared_date_keys() {
  static const std::vector<std::string> keys{
      "time.clock",    "time.range",     "date.long",     "date.sunday",    "date.monday",
      "date.tuesday",  "date.wednesday", "date.thursday", "date.friday",    "date.saturday",
      "date.january",  "date.february",  "date.march",    "date.april",     "date.may",
      "date.june",     "date.july",      "date.august",   "date.september", "date.october",
      "date.november", "date.december"};
  return keys;
}

MailTexts load_mail_texts(const fs::path& bundled_dir, const fs::path& override_dir) {
  MailTexts out;
  try {
    // Leichte Sprache has no e-mail, so its file has no "mail" section.
    const auto mail =
        core::StringTables::load(bundled_dir, "de", "mail", core::MissingSection::Empty);
    const auto kiosk = core::StringTables::load(bundled_dir, "de");
    out.german = bundled_language(bundled_dir, mail, kiosk, "de");
    out.english = bundled_language(bundled_dir, mail, kiosk, "en");
  } catch (const core::StringTableError& e) {
    throw MailTextsError(std::string(e.what()) + " (the bundled texts; reinstall einlass-server)");
  }
  if (override_dir.empty()) return out;

  std::error_code ec;
  if (!fs::is_directory(override_dir, ec))
    throw MailTextsError("--lang-dir " + override_dir.string() +
                         " is not a folder; give the folder that holds your de.json / en.json");
  std::map<fs::path, core::LanguageFile> files;  // sorted, so warnings come in a stable order
  for (const auto& entry : fs::directory_iterator(override_dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    try {
      files.emplace(entry.path(), core::load_language_file(entry.path(), "mail"));
    } catch (const core::StringTableError& e) {
      throw MailTextsError(e.what());
    }
  }
  if (ec)
    throw MailTextsError("cannot read --lang-dir " + override_dir.string() + ": " + ec.message());
  if (files.empty())
    throw MailTextsError("--lang-dir " + override_dir.string() +
                         " holds no language file (*.json); copy de.json or en.json from " +
                         bundled_lang_dir().string() + " and change the \"mail\" texts");
  for (const auto& [file, loaded] : files) {
    if (loaded.info.code == "de") {
      apply_override(file, loaded, out.german, out.warnings);
    } else if (loaded.info.code == "en") {
      apply_override(file, loaded, out.english, out.warnings);
    } else {
      out.warnings.push_back(file.string() +
                             ": the e-mail is written in German (de) and English "
                             "(en) only; language \"" +
                             loaded.info.code + "\" is not used");
    }
  }
  return out;
}

}  // namespace einlass::sync::server::mail
