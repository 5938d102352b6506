#include "sync/server/mail/mime_message.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>
#include <string_view>

#include "sync/server/mail/mime_encoding.hpp"

namespace einlass::sync::server::mail {

namespace {

void require_address(const Mailbox& box, std::string_view field) {
  if (!is_plain_mail_address(box.address))
    throw std::invalid_argument(std::string(field) + ": \"" + box.address +
                                "\" is not a valid e-mail address");
}

void require_one_line(std::string_view value, std::string_view field) {
  if (value.find_first_of("\r\n") != std::string_view::npos)
    throw std::invalid_argument(std::string(field) + " must not contain a line break");
}

// A boundary no encoded body line can contain: quoted-printable always encodes '=' and base64
// has no '_'. Unique per message.
std::string boundary(const std::string& message_id, std::string_view part) {
  std::array<unsigned char, 12> hash{};
  crypto_generichash(hash.data(), hash.size(),
                     reinterpret_cast<const unsigned char*>(message_id.data()), message_id.size(),
                     nullptr, 0);
  std::string hex(hash.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  hex.pop_back();
  return "=_einlass_" + std::string(part) + "_" + hex;
}

void header(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append(kCrlf);
}

}  // namespace

std::string build_mime_message(const MailMessage& m) {
  require_address(m.from, "From");
  require_address(m.to, "To");
  if (!m.reply_to.address.empty()) require_address(m.reply_to, "Reply-To");
  require_one_line(m.from.display_name, "From display name");
  require_one_line(m.to.display_name, "To display name");
  require_one_line(m.reply_to.display_name, "Reply-To display name");
  require_one_line(m.subject, "Subject");
  require_one_line(m.message_id, "Message-ID");
  require_one_line(m.image.content_id, "Content-ID");
  require_one_line(m.image.file_name, "image file name");

  const std::string related = boundary(m.message_id, "rel");
  const std::string alternative = boundary(m.message_id, "alt");
  std::string out;
  out.reserve(m.text_body.size() + m.html_body.size() * 11 / 10 + m.image.png.size() * 14 / 10 +
              2048);
  header(out, "Date", rfc5322_date(m.date_unix));
  header(out, "From", format_mailbox(m.from.display_name, m.from.address));
  if (!m.reply_to.address.empty())
    header(out, "Reply-To", format_mailbox(m.reply_to.display_name, m.reply_to.address));
  header(out, "To", format_mailbox(m.to.display_name, m.to.address));
  header(out, "Subject", encode_header_text(m.subject, 9));
  header(out, "Message-ID", "<" + m.message_id + ">");
  header(out, "MIME-Version", "1.0");
  header(out, "Content-Type",
         "multipart/related; type=\"multipart/alternative\";\r\n boundary=\"" + related + "\"");
  out.append(kCrlf);
  out.append("This is a multipart message in MIME format.\r\n");

  out.append("\r\n--").append(related).append(kCrlf);
  header(out, "Content-Type", "multipart/alternative;\r\n boundary=\"" + alternative + "\"");
  out.append(kCrlf);

  out.append("\r\n--").append(alternative).append(kCrlf);
  header(out, "Content-Type", "text/plain; charset=UTF-8");
  header(out, "Content-Transfer-Encoding", "quoted-printable");
  out.append(kCrlf).append(quoted_printable(m.text_body));

  out.append("\r\n--").append(alternative).append(kCrlf);
  header(out, "Content-Type", "text/html; charset=UTF-8");
  header(out, "Content-Transfer-Encoding", "quoted-printable");
  out.append(kCrlf).append(quoted_printable(m.html_body));
  out.append("\r\n--").append(alternative).append("--\r\n");

  out.append("\r\n--").append(related).append(kCrlf);
  header(out, "Content-Type", "image/png; name=\"" + m.image.file_name + "\"");
  header(out, "Content-Transfer-Encoding", "base64");
  header(out, "Content-ID", "<" + m.image.content_id + ">");
  header(out, "Content-Disposition", "inline; filename=\"" + m.image.file_name + "\"");
  out.append(kCrlf).append(base64_lines(m.image.png));
  out.append("\r\n--").append(related).append("--\r\n");
  return out;
}

}  // namespace einlass::sync::server::mail
