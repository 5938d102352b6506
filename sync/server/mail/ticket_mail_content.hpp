#pragma once
// What a participant's ticket e-mail says, German first and then English: greeting, venue,
// date, address and hall, the agenda, their Handlungsfelder with round and room, how check-in
// works and the privacy notice. Built from the event config, so nothing about one event is
// written here, and from the language files' words (mail_texts.hpp), so no sentence is either.
// The text and HTML bodies carry the same sections; every value from the config, the
// registration or a language file is HTML-escaped in the HTML body.

#include <string>
#include <vector>

#include "kiosk/core/event_model.hpp"
#include "sync/server/mail/mail_texts.hpp"

namespace einlass::sync::server::mail {

struct TicketMailFacts {
  const core::Event* event = nullptr;
  const core::Venue* venue = nullptr;
  std::vector<const core::Day*> days;  // the days the ticket is valid on
  std::string first_name, last_name, organisation;
  std::vector<std::string> chosen_topics;  // topic ids as registered
  std::vector<std::string> round_topics;   // topic id per round ("" = the kiosk assigns one)
  std::string code;                        // the ticket code, also written out in the text
  std::string image_content_id;            // the inline QR image, for <img src="cid:…">
  std::string contact_address;             // who to ask (Reply-To, else From)
};

struct TicketMailContent {
  std::string subject;
  std::string text;  // LF line ends
  std::string html;
};

// The subject is the two languages' "subject" texts joined: "Ihr Ticket / Your ticket: {short
// event name} – {city}, {first day as 12.09.2019}".
TicketMailContent ticket_mail_content(const TicketMailFacts& facts, const MailTexts& texts);

}  // namespace einlass::sync::server::mail
