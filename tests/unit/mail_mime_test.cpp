// The encodings of the ticket e-mails (sync/server/mail/mime_encoding, mime_message): what a
// mail client or server would trip over if they broke — over-long lines, umlauts in headers,
// header injection through a name or address.

#include <gtest/gtest.h>
#include <sodium.h>

#include <sstream>
#include <string>
#include <vector>

#include "sync/server/mail/mime_encoding.hpp"
#include "sync/server/mail/mime_message.hpp"

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

}  // namespace
}  // namespace einlass::sync::server::mail
