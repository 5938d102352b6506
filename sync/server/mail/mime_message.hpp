#pragma once
// One e-mail as RFC 5322 / MIME text: headers, then
//   multipart/related
//     multipart/alternative
//       text/plain; charset=UTF-8 (quoted-printable)
//       text/html;  charset=UTF-8 (quoted-printable)
//     image/png (base64, Content-ID, inline)
// the shape mail clients show as one HTML message with the image in place (the HTML refers to
// it as "cid:…") and as plain text where HTML is off.

#include <cstdint>
#include <string>
#include <vector>

namespace einlass::sync::server::mail {

struct Mailbox {
  std::string display_name;  // UTF-8, may be empty
  std::string address;       // plain addr-spec (is_plain_mail_address)
};

struct InlineImage {
  std::string content_id;  // without angle brackets, e.g. "ticket-R1001-1@einlass"
  std::string file_name;   // shown when saved, e.g. "ticket.png"
  std::vector<uint8_t> png;
};

struct MailMessage {
  Mailbox from, to;
  Mailbox reply_to;        // address empty = none
  std::string subject;     // UTF-8
  std::string message_id;  // without angle brackets
  int64_t date_unix = 0;
  std::string text_body;  // UTF-8, LF line ends
  std::string html_body;  // UTF-8
  InlineImage image;
};

// The whole message with CRLF line ends, every line at most 998 octets (headers folded,
// bodies encoded with lines of at most 76). The boundaries derive from the Message-ID, so the
// same message is built byte for byte the same. Throws std::invalid_argument when an address
// is not a plain addr-spec or a header field holds a line break (header injection).
std::string build_mime_message(const MailMessage& message);

}  // namespace einlass::sync::server::mail
