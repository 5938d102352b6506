#pragma once
// The encodings an Internet message needs (RFC 2045, RFC 2047, RFC 5322), for the ticket
// e-mails. Pure functions: no I/O, no clock.
//
// Why our own and not a library: libcurl's curl_mime builds MIME only while sending (it cannot
// write the .eml file a dry run produces, and it does not encode headers per RFC 2047); GMime
// (GLib/GObject) and vmime (with its own SMTP stack next to libcurl) would be large
// dependencies for one fixed message shape. What is here is small and is checked against
// Python's email parser in the integration tests.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace einlass::sync::server::mail {

inline constexpr std::string_view kCrlf = "\r\n";

// Base64 (RFC 2045), lines of 76 characters, each ended by CRLF.
std::string base64_lines(std::span<const uint8_t> bytes);

// Quoted-printable (RFC 2045) of UTF-8 text; line breaks (LF or CRLF) become CRLF, encoded
// lines are at most 76 characters, trailing spaces are encoded.
std::string quoted_printable(std::string_view text);

// The text as is when it is printable ASCII, else RFC 2047 encoded-words ("=?UTF-8?B?…?=", each
// at most 75 characters, never splitting a UTF-8 character), joined by CRLF + space (folding).
// `header_name_length` is the length of "Subject: " etc., so the first line stays short.
std::string encode_header_text(std::string_view text, size_t header_name_length = 0);

// "Display Name <addr>" with the display name encoded when needed (quoted when it holds
// specials), or just "addr".
std::string format_mailbox(std::string_view display_name, std::string_view address);

// A plain addr-spec a mail server will take: local@domain, printable ASCII without spaces,
// quotes, angle brackets or control characters, one '@', a dotted domain. Stricter than
// RFC 5322 on purpose: a registration form's address, not every legal one.
bool is_plain_mail_address(std::string_view address);

// RFC 5322 date in UTC, e.g. "Thu, 29 Aug 2019 09:00:00 +0000".
std::string rfc5322_date(int64_t unix_seconds);

// Text with &, <, >, " and ' replaced, for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace einlass::sync::server::mail
