#pragma once
// What a participant's ticket e-mail says, German first and then English: greeting, venue,
// date, address and hall, the agenda, their Handlungsfelder with round and room, how check-in
// works and the privacy notice. Built from the event config, so nothing about one event is
// written here. The text and HTML bodies carry the same sections; every value from the config
// or the registration is HTML-escaped in the HTML body.

#include <string>
#include <vector>

#include "kiosk/core/event_model.hpp"

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

TicketMailContent ticket_mail_content(const TicketMailFacts& facts);

}  // namespace einlass::sync::server::mail
