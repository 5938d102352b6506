#pragma once
// The words of the ticket e-mail, German and English, from the language files the kiosk reads
// (assets/lang/{de,en}.json): their "mail" section, plus the kiosk's own date and time words
// ("Donnerstag, 12. September 2019", "15:00–19:00 Uhr"), so the e-mail says what the kiosk
// says. An organiser may override any "mail" text with files of the same shape in a folder of
// their own (`tickets --lang-dir DIR`): a text the override lacks keeps the bundled one, and
// the run lists it once as a warning — never an empty sentence.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/string_tables.hpp"

namespace einlass::sync::server::mail {

// A language folder or file the e-mail cannot be written with; names the file and the reason.
class MailTextsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MailLanguage {
  std::string code;         // "de", "en"
  std::string name;         // in the language itself: "Deutsch", "English"
  core::StringTable texts;  // the "mail" section (override applied) and the date/time words

  // The text for `key` with its {placeholders} filled. Every key the e-mail uses is there (the
  // loader refuses a bundled file without one).
  std::string text(std::string_view key, core::FormatArgs args = {}) const;
};

struct MailTexts {
  MailLanguage german;
  MailLanguage english;
  // About the override folder, each once: texts it lacks (the bundled one is used), keys the
  // e-mail does not use, placeholders a text does not get. Empty without an override.
  std::vector<std::string> warnings;
};

// A short stable text that changes when any word of the e-mail changes: a run remembers the
// wording it wrote e-mails with, so a later run with other wording can say so.
std::string wording_fingerprint(const MailTexts& texts);

// The "mail" keys the e-mail uses, and the "strings" keys (dates, times) it shares with the
// kiosk.
const std::vector<std::string>& mail_text_keys();
const std::vector<std::string>& shared_date_keys();

// The bundled language folder: assets/lang of the source tree for a program in the build tree,
// else <prefix>/share/einlass-server/lang next to the program (core/bundled_files.hpp).
std::filesystem::path bundled_lang_dir();

// Reads de and en from `bundled_dir`, then the override folder (if not empty) on top. Throws
// MailTextsError naming the file and the reason; nothing is changed by a failed load.
MailTexts load_mail_texts(const std::filesystem::path& bundled_dir,
                          const std::filesystem::path& override_dir = {});

}  // namespace einlass::sync::server::mail
