// The encodings of the ticket e-mails (sync/server/mail/mime_encoding, mime_message): what a
// mail client or server would trip over if they broke — over-long lines, umlauts in headers,
// header injection through a name or address. Then the e-mail's words (mail_texts): every text
// in German and English, an organiser's override on top, and escaping of texts in the HTML.

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/core/event_config.hpp"
#include "kiosk/core/string_tables.hpp"
#include "sync/server/mail/mail_texts.hpp"
#include "sync/server/mail/mime_encoding.hpp"
#include "sync/server/mail/mime_message.hpp"
#include "sync/server/mail/ticket_mail_content.hpp"

namespace einlass::sync::server::mail {
namespace {

std::string repeat(const std::string& part, int times) {
  std::string out;
  for (int i = 0; i < times; ++i)
    out += part;
  return out;
}

std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  for (size_t end; (end = text.find("\r\n", at)) != std::string::npos; at = end + 2)
    lines.push_back(text.substr(at, end - at));
  if (at < text.size()) lines.push_back(text.substr(at));
  return lines;
}

// Decodes "=?UTF-8?B?…?=" words separated by folding, as a mail client does.
std::string decode_words(const std::string& header) {
  std::string out;
  size_t at = 0;
  while ((at = header.find("=?UTF-8?B?", at)) != std::string::npos) {
    const size_t start = at + 10, end = header.find("?=", start);
    const std::string b64 = header.substr(start, end - start);
    std::vector<unsigned char> bin(b64.size());
    size_t len = 0;
    sodium_base642bin(bin.data(), bin.size(), b64.data(), b64.size(), nullptr, &len, nullptr,
                      sodium_base64_VARIANT_ORIGINAL);
    out.append(reinterpret_cast<const char*>(bin.data()), len);
    at = end + 2;
  }
  return out;
}

std::string decode_quoted_printable(const std::string& qp) {
  std::string out;
  for (size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] == '=' && qp.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else if (qp[i] == '=') {
      out.push_back(static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else if (qp.compare(i, 2, "\r\n") == 0) {
      out.push_back('\n');
      ++i;
    } else {
      out.push_back(qp[i]);
    }
  }
  return out;
}

TEST(MailMime, LongUmlautSubjectBecomesShortEncodedWordsThatDecodeBack) {
  const std::string subject =
      "Ihr Ticket / Your ticket: Regionalkonferenzen 2019 – Dessau-Roßlau, 18.09.2019 — "
      "Größe ÄÖÜäöüß „Anführung“ und noch mehr Text, damit es mehrere Wörter werden";
  const std::string header = encode_header_text(subject, 9);
  const auto lines = crlf_lines(header);
  ASSERT_GT(lines.size(), 1u) << "folded into several lines";
  EXPECT_LE(lines[0].size() + 9, 78u) << "Subject: " << lines[0];
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i][0], ' ') << "a folded line starts with white space";
    EXPECT_LE(lines[i].size() - 1, 75u) << "an encoded-word is at most 75 characters";
  }
  EXPECT_EQ(decode_words(header), subject) << "no character split between two words";
  EXPECT_EQ(encode_header_text("Plain ASCII", 9), "Plain ASCII");
}

TEST(MailMime, QuotedPrintableKeepsLinesShortAndRoundTrips) {
  const std::string text = std::string(200, 'x') +
                           " = ümlaut  \nzweite Zeile mit Leerzeichen am Ende \n" +
                           repeat("ä", 80) + "\n";
  const std::string qp = quoted_printable(text);
  for (const std::string& line : crlf_lines(qp)) {
    EXPECT_LE(line.size(), 76u) << line;
    EXPECT_NE(line.back(), ' ') << "a trailing space would be lost in transport";
  }
  EXPECT_EQ(decode_quoted_printable(qp), text);
}

TEST(MailMime, AddressesWithLineBreaksOrSpacesAreRefused) {
  EXPECT_TRUE(is_plain_mail_address("joerg.mueller@example.org"));
  for (const char* bad : {"", "kaputt@example", "a b@example.org", "@example.org",
                          "x@y.org\r\nBcc: everyone@example.org", "a@@example.org",
                          "<a@example.org>", "a@example..org"})
    EXPECT_FALSE(is_plain_mail_address(bad)) << bad;

  MailMessage m;
  m.from = {"Absender", "anmeldung@example.org"};
  m.to = {"Jörg", "joerg@example.org"};
  m.message_id = "x@example.org";
  m.subject = "Ticket\r\nBcc: everyone@example.org";
  EXPECT_THROW(build_mime_message(m), std::invalid_argument) << "header injection via subject";
  m.subject = "Ticket";
  m.to.display_name = "Jörg\nBcc: x@example.org";
  EXPECT_THROW(build_mime_message(m), std::invalid_argument) << "header injection via name";
  m.to = {"Jörg", "joerg@example.org\r\nBcc: x@example.org"};
  EXPECT_THROW(build_mime_message(m), std::invalid_argument) << "header injection via address";
}

TEST(MailMime, DisplayNamesWithSpecialsAreQuotedOrEncoded) {
  EXPECT_EQ(format_mailbox("Einlass", "a@example.org"), "Einlass <a@example.org>");
  EXPECT_EQ(format_mailbox("Müller, Jörg", "a@example.org").substr(0, 10), "=?UTF-8?B?");
  EXPECT_EQ(format_mailbox("Meier, \"Hans\"", "a@example.org"),
            "\"Meier, \\\"Hans\\\"\" <a@example.org>");
  EXPECT_EQ(html_escape("D'Angelo & <b>\""), "D&#39;Angelo &amp; &lt;b&gt;&quot;");
}

TEST(MailMime, MessageLinesStayWithinLimits) {
  MailMessage m;
  m.from = {"Regionalkonferenzen", "anmeldung@example.org"};
  m.to = {"Zoë D'Angelo", "zoe@example.org"};
  m.message_id = "ticket-1-0-abc@example.org";
  m.subject = "Ihr Ticket – Magdeburg";
  m.date_unix = 1567069200;
  m.text_body = std::string(500, 'a') + "\n";
  m.html_body = "<p>" + std::string(500, 'b') + "</p>";
  m.image = {"qr-1@example.org", "ticket.png", std::vector<uint8_t>(3000, 0x89)};
  const std::string eml = build_mime_message(m);
  for (const std::string& line : crlf_lines(eml))
    EXPECT_LE(line.size(), 78u) << line;
  for (size_t at = eml.find('\n'); at != std::string::npos; at = eml.find('\n', at + 1))
    ASSERT_EQ(eml[at - 1], '\r') << "CRLF line ends only, at " << at;
  EXPECT_NE(eml.find("Date: Thu, 29 Aug 2019 09:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(eml.find("Content-ID: <qr-1@example.org>\r\n"), std::string::npos);
  EXPECT_EQ(build_mime_message(m), eml) << "the same message is built byte for byte the same";
}

// --- the e-mail's words -------------------------------------------------------------------

namespace fs = std::filesystem;

// A fresh folder for one test's override files, removed afterwards.
class LangDir {
 public:
  LangDir() {
    std::string name = (fs::temp_directory_path() / "einlass-mail-lang-XXXXXX").string();
    dir_ = ::mkdtemp(name.data());
  }
  ~LangDir() { fs::remove_all(dir_); }
  const fs::path& path() const { return dir_; }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file) << text;
  }

 private:
  fs::path dir_;
};

std::set<std::string> placeholder_names(const std::string& text) {
  std::set<std::string> out;
  // Whatever format_text would try to fill: {Name}, {first-name}, { name } too.
  static const std::regex pattern("\\{([^{}]*)\\}");
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it)
    out.insert((*it)[1]);
  return out;
}

// Jörg at the bundled event's Magdeburg venue, with two rounds placed.
struct MailWorld {
  core::Event event = core::load_event_config(bundled_lang_dir().parent_path() / "events" /
                                              "regionalkonferenzen-2019.toml");
  TicketMailFacts facts() const {
    TicketMailFacts f;
    f.event = &event;
    f.venue = &event.venues.front();
    f.days = {&event.venues.front().days.front()};
    f.first_name = "Zoë";
    f.last_name = "D'Angelo & <Partner>";
    f.chosen_topics = {"HF4", "HF8"};
    f.round_topics = {"HF4", "HF8"};
    f.code = "EL1TESTCODE";
    f.image_content_id = "qr-1@example.org";
    f.contact_address = "integration@example.org";
    return f;
  }
};

TEST(MailTexts, EveryMailTextIsInGermanAndEnglishWithTheSamePlaceholders) {
  const fs::path dir = bundled_lang_dir();
  const auto tables = core::StringTables::load(dir, "de", "mail", core::MissingSection::Empty);
  const std::size_t de = tables.index_of("de"), en = tables.index_of("en");
  ASSERT_NE(de, core::StringTables::npos);
  ASSERT_NE(en, core::StringTables::npos);
  const auto& keys = mail_text_keys();
  for (const std::string& key : keys) {
    for (const std::size_t l : {de, en}) {
      ASSERT_TRUE(tables.has(l, key))
          << "\"" << key << "\" missing in " << tables.languages()[l].code;
      EXPECT_FALSE(tables.table(l).at(key).empty()) << key;
    }
    EXPECT_EQ(placeholder_names(tables.table(de).at(key)),
              placeholder_names(tables.table(en).at(key)))
        << key;
  }
  // And nothing a translator would polish in vain: every text in the files is used.
  for (const std::size_t l : {de, en})
    for (const auto& [key, text] : tables.table(l))
      EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end())
          << "\"" << key << "\" in " << tables.languages()[l].code << " is used by no e-mail";
  const MailTexts texts = load_mail_texts(dir);
  EXPECT_EQ(texts.german.name, "Deutsch");
  EXPECT_EQ(texts.english.text("greeting", {{"name", "Anna"}}), "Dear Anna,");
  EXPECT_TRUE(texts.warnings.empty());
}

TEST(MailTexts, TheDatesReadAsTheKioskWritesThem) {
  const MailWorld world;
  const auto kiosk = core::StringTables::load(bundled_lang_dir(), "de");
  const MailTexts texts = load_mail_texts(bundled_lang_dir());
  const TicketMailContent mail = ticket_mail_content(world.facts(), texts);
  // The kiosk's "date.long" and "time.range", filled as the kiosk fills them.
  const std::string german_date =
      core::format_text(kiosk.text(0, "date.long"), {{"weekday", kiosk.text(0, "date.thursday")},
                                                     {"day", "12"},
                                                     {"month", kiosk.text(0, "date.september")},
                                                     {"year", "2019"}});
  EXPECT_EQ(german_date, "Donnerstag, 12. September 2019");
  EXPECT_NE(mail.text.find("Wann: " + german_date + ", " +
                           core::format_text(kiosk.text(0, "time.range"),
                                             {{"start", "15:00"}, {"end", "19:00"}})),
            std::string::npos)
      << mail.text;
  EXPECT_NE(mail.text.find("When: Thursday, 12 September 2019, 15:00–19:00\n"), std::string::npos)
      << mail.text;
}

TEST(MailTexts, AnOverrideChangesItsTextsAndKeepsTheBundledOnesForWhatItLacks) {
  const LangDir dir;
  dir.write("de.json", R"({"language": {"code": "de", "name": "Deutsch"}, "mail": {
    "subject": "Ihre Einladung",
    "closing": "Bis bald!"}})");
  const MailTexts texts = load_mail_texts(bundled_lang_dir(), dir.path());
  EXPECT_EQ(texts.german.text("subject"), "Ihre Einladung");
  EXPECT_EQ(texts.german.text("closing"), "Bis bald!");
  EXPECT_EQ(texts.german.text("greeting", {{"name", "Anna"}}), "Guten Tag Anna,")
      << "a text the override lacks stays as bundled";
  EXPECT_EQ(texts.english.text("subject"), "Your ticket") << "no en.json: English as bundled";
  // Said once: what is missing keeps the bundled text.
  ASSERT_EQ(texts.warnings.size(), 1u);
  EXPECT_NE(texts.warnings[0].find((dir.path() / "de.json").string() +
                                   " has no (or an empty) text for greeting,"),
            std::string::npos)
      << texts.warnings[0];
  EXPECT_NE(texts.warnings[0].find("the bundled text is used"), std::string::npos);

  const MailWorld world;
  const TicketMailContent mail = ticket_mail_content(world.facts(), texts);
  EXPECT_EQ(mail.subject.rfind("Ihre Einladung / Your ticket: Regionalkonferenzen 2019", 0), 0u)
      << mail.subject;
  EXPECT_NE(mail.text.find("Guten Tag Zoë D'Angelo & <Partner>,"), std::string::npos);
}

// format_text treats any {...} as a placeholder; one the text does not fill would appear as
// written in every e-mail, and an e-mail once written goes out as written: a misspelt one
// ({Name}, {first-name}, { name }) is refused, named, with the ones the text fills.
TEST(MailTexts, APlaceholderTheTextDoesNotFillIsRefusedAndNamed) {
  const LangDir dir;
  dir.write("de.json", R"({"language": {"code": "de", "name": "Deutsch"}, "mail": {
    "greeting": "Hallo {Name}, {first-name} und { name } – und {name}"}})");
  try {
    load_mail_texts(bundled_lang_dir(), dir.path());
    FAIL() << "an unfilled placeholder was accepted";
  } catch (const MailTextsError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("\"greeting\" uses { name }, {Name}, {first-name}, which this text "
                           "does not fill in"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("it fills {name}"), std::string::npos) << message;
  }
}

// A key the e-mail does not have is a misspelling: the organiser's text would silently not
// appear, locked into every e-mail written. Refused, named.
TEST(MailTexts, AKeyTheEmailDoesNotHaveIsRefused) {
  const LangDir dir;
  dir.write("de.json", R"({"language": {"code": "de", "name": "Deutsch"}, "mail": {
    "closng": "Bis bald!"}})");
  try {
    load_mail_texts(bundled_lang_dir(), dir.path());
    FAIL() << "a misspelt key was accepted";
  } catch (const MailTextsError& e) {
    EXPECT_NE(std::string(e.what()).find("the e-mail has no text closng (misspelt?"),
              std::string::npos)
        << e.what();
  }
}

// A subject goes into the e-mail's header, which a line break would break: refused with the
// file and the text, before anything is written.
TEST(MailTexts, ALineBreakInTheSubjectIsRefused) {
  for (const char* subject : {R"(a\nb)", R"(a\r\nb)", R"(a\rb)"}) {
    const LangDir dir;
    dir.write("en.json", std::string(R"({"language": {"code": "en", "name": "English"}, )") +
                             R"("mail": {"subject": ")" + subject + "\"}}");
    try {
      load_mail_texts(bundled_lang_dir(), dir.path());
      ADD_FAILURE() << "a subject with a line break was accepted: " << subject;
    } catch (const MailTextsError& e) {
      EXPECT_NE(std::string(e.what()).find((dir.path() / "en.json").string() +
                                           ": \"subject\" must be one line"),
                std::string::npos)
          << e.what();
    }
  }
}

TEST(MailTexts, ABrokenOverrideIsRefusedWithItsFileAndReason) {
  const LangDir dir;
  dir.write("en.json", R"({"language": {"code": "en", "name": "English"}, "mail": {"subject": )");
  try {
    load_mail_texts(bundled_lang_dir(), dir.path());
    FAIL() << "a broken file was accepted";
  } catch (const MailTextsError& e) {
    EXPECT_NE(std::string(e.what()).find((dir.path() / "en.json").string() +
                                         " is not valid JSON: parse error at line 1"),
              std::string::npos)
        << e.what();
  }
  const LangDir no_section;
  no_section.write("de.json", R"({"language": {"code": "de", "name": "Deutsch"},
                                 "strings": {"welcome.title": "Hallo"}})");
  try {
    load_mail_texts(bundled_lang_dir(), no_section.path());
    FAIL() << "a file without \"mail\" was accepted";
  } catch (const MailTextsError& e) {
    EXPECT_NE(std::string(e.what()).find("a \"mail\" object"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load_mail_texts(bundled_lang_dir(), dir.path() / "nope"), MailTextsError);
  const LangDir empty;
  EXPECT_THROW(load_mail_texts(bundled_lang_dir(), empty.path()), MailTextsError);
}

// Texts from a language file go through the same HTML escaping as names: an organiser's "&" or
// "<" shows as written and never becomes markup.
TEST(MailTexts, TextsFromTheLanguageFileAreEscapedInTheHtml) {
  const LangDir dir;
  dir.write("de.json", R"({"language": {"code": "de", "name": "Deutsch"}, "mail": {
    "greeting": "Guten Tag {name} & willkommen <b>\"hier\"</b>,",
    "privacy.heading": "Datenschutz & Rechte"}})");
  const MailTexts texts = load_mail_texts(bundled_lang_dir(), dir.path());
  const MailWorld world;
  const TicketMailContent mail = ticket_mail_content(world.facts(), texts);
  EXPECT_NE(mail.html.find("<p>Guten Tag Zoë D&#39;Angelo &amp; &lt;Partner&gt; &amp; willkommen "
                           "&lt;b&gt;&quot;hier&quot;&lt;/b&gt;,</p>"),
            std::string::npos)
      << mail.html;
  EXPECT_NE(mail.html.find(">Datenschutz &amp; Rechte</h2>"), std::string::npos);
  EXPECT_EQ(mail.html.find("<b>"), std::string::npos) << "no markup from a language file";
  EXPECT_NE(mail.text.find("Guten Tag Zoë D'Angelo & <Partner> & willkommen <b>\"hier\"</b>,\n"),
            std::string::npos)
      << "the text part shows it as written";
}

}  // namespace
}  // namespace einlass::sync::server::mail
