#include "sync/server/mail/ticket_mail_content.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <date/date.h>

#include "sync/server/mail/mime_encoding.hpp"

namespace einlass::sync::server::mail {

namespace {

using core::LocalTime;

// The fixed words of the e-mail in one language. Values from the config (venue, rooms, agenda
// titles) are the organiser's words and appear as written.
struct Words {
  std::string_view language_heading;
  std::string_view greeting;  // "{name}" is replaced
  std::string_view intro;     // "{event}", "{city}"
  std::string_view when, where, hall, entrance, checkin_opens;
  std::string_view agenda;
  std::string_view topics_heading, topics_none, round_open, not_placed, provisional_room;
  std::string_view checkin_heading;
  std::array<std::string_view, 3> checkin;  // "{help_desk}" is replaced in the last
  std::string_view code_label;
  std::string_view privacy_heading;
  std::array<std::string_view, 3> privacy;  // "{retention}", "{until}", "{organiser}", "{contact}"
  std::string_view closing;
  std::array<std::string_view, 7> weekdays;  // Sunday first (date::weekday::c_encoding)
  std::array<std::string_view, 12> months;
  bool day_before_month_with_dot = true;  // "12. September 2019" vs "12 September 2019"
  std::string_view clock_suffix;          // " Uhr" / ""
};

constexpr Words kGerman{
    "Deutsch",
    "Guten Tag {name},",
    "Sie sind angemeldet zur Veranstaltung „{event}“ in {city}. Ihr persönliches Ticket ist "
    "der QR-Code in dieser E-Mail.",
    "Wann",
    "Wo",
    "Saal",
    "Eingang",
    "Einlass ab",
    "Ablauf",
    "Ihre Handlungsfelder",
    "Sie haben kein Handlungsfeld gewählt. Beim Einlass bekommen Sie für jede Gesprächsrunde einen "
    "Raum mit freien Plätzen; Sie können dort auch das Personal nach einem Wunsch fragen.",
    "noch offen – beim Einlass bekommen Sie einen Raum mit freien Plätzen",
    "konnte leider nicht eingeplant werden (ausgebucht); das Personal am Infotisch hilft Ihnen "
    "weiter",
    "Raumangabe vorläufig; maßgeblich ist die Anzeige beim Einlass",
    "So funktioniert der Einlass",
    std::array<std::string_view, 3>{
        "Zeigen Sie den QR-Code aus dieser E-Mail an der Einlass-Station vor – auf dem "
        "Smartphone oder ausgedruckt. Die Station zeigt Ihnen Ihre Räume für beide "
        "Gesprächsrunden.",
        "Der Code gilt nur für Sie, nur an diesem Ort und Tag. Bitte leiten Sie die E-Mail "
        "nicht weiter; wird Ihr Ticket neu ausgestellt, gilt nur noch der neue Code.",
        "Ohne Code: Am Infotisch ({help_desk}) findet das Personal Sie über Ihren Namen."},
    "Ihr Code (falls der QR-Code nicht gelesen werden kann)",
    "Datenschutz",
    std::array<std::string_view, 3>{
        "Gespeichert werden Ihr Name, Ihre Organisation, Ihre E-Mail-Adresse, Ihr "
        "Veranstaltungsort, Ihre gewählten Handlungsfelder und wann Sie eingelassen wurden. Der "
        "QR-Code enthält keinen Namen und keine E-Mail-Adresse.",
        "Die Daten werden nur für die Organisation dieser Veranstaltung verwendet und "
        "{retention} Tage nach dem letzten Veranstaltungstag gelöscht (bis {until}).",
        "Verantwortlich: {organiser}. Auskunft, Berichtigung oder Löschung: {contact}."},
    "Wir freuen uns auf Sie!",
    {"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
    {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
     "November", "Dezember"},
    true,
    " Uhr",
};

constexpr Words kEnglish{
    "English",
    "Dear {name},",
    "you are registered for “{event}” in {city}. Your personal ticket is the QR code in this "
    "e-mail.",
    "When",
    "Where",
    "Hall",
    "Entrance",
    "Check-in opens",
    "Programme",
    "Your Handlungsfelder (topics)",
    "You did not choose a topic. At check-in you get a room with free seats for each discussion "
    "round; you can also ask the staff for a preference there.",
    "still open – at check-in you get a room with free seats",
    "could not be placed (fully booked); the staff at the help desk will help you",
    "room to be confirmed; the check-in screen shows the final room",
    "How check-in works",
    std::array<std::string_view, 3>{
        "Show the QR code from this e-mail at the check-in kiosk – on your phone or printed. "
        "The kiosk shows your rooms for both discussion rounds.",
        "The code is valid only for you, only at this venue and on this day. Please do not "
        "forward this e-mail; if your ticket is re-issued, only the new code is valid.",
        "Without the code: the staff at the help desk ({help_desk}) find you by name."},
    "Your code (in case the QR code cannot be read)",
    "Privacy",
    std::array<std::string_view, 3>{
        "We store your name, organisation, e-mail address, venue, chosen topics and when you "
        "checked in. The QR code holds neither your name nor your e-mail address.",
        "The data is used only to run this event and deleted {retention} days after the last "
        "day of the event (by {until}).",
        "Responsible: {organiser}. Access, correction or deletion: {contact}."},
    "We look forward to seeing you!",
    {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
    false,
    "",
};

std::string replace_all(std::string_view pattern,
                        std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string out(pattern);
  for (const auto& [key, value] : values) {
    for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
      out.replace(at, key.size(), value);
  }
  return out;
}

std::string long_date(const Words& w, date::year_month_day ymd) {
  const date::weekday wd{date::sys_days(ymd)};
  const unsigned month = static_cast<unsigned>(ymd.month());
  return std::string(w.weekdays[wd.c_encoding()]) + ", " +
         std::to_string(static_cast<unsigned>(ymd.day())) +
         (w.day_before_month_with_dot ? ". " : " ") + std::string(w.months[month - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

std::string time_range(const Words& w, LocalTime start, LocalTime end) {
  return core::format_hhmm(start) + "–" + core::format_hhmm(end) + std::string(w.clock_suffix);
}

std::string numeric_date(date::year_month_day ymd) {
  char text[16];
  std::snprintf(text, sizeof text, "%02u.%02u.%04d", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
  return text;
}

// One part of the e-mail: a heading, then paragraphs, then "label: value" rows, then a list.
struct Block {
  // Defaults, so designated initialisers may leave any out.
  std::string heading{};
  std::vector<std::string> paragraphs{};
  std::vector<std::pair<std::string, std::string>> rows{};
  std::vector<std::string> items{};
  bool code = false;  // the paragraphs are the ticket code (monospace, no wrapping)
};

class MailBuilder {
 public:
  explicit MailBuilder(const TicketMailFacts& f) : f_(f), event_(*f.event), venue_(*f.venue) {}

  std::vector<Block> blocks(const Words& w) const {
    std::vector<Block> out;
    out.push_back({.heading = std::string(w.language_heading),
                   .paragraphs = {
                       replace_all(w.greeting, {{"{name}", full_name()}}),
                       replace_all(w.intro, {{"{event}", event_.name}, {"{city}", venue_.city}})}});
    out.push_back(when_and_where(w));
    for (const core::Day* day : f_.days)
      out.push_back(agenda(w, *day));
    out.push_back(topics(w));
    Block checkin{.heading = std::string(w.checkin_heading)};
    checkin.paragraphs = {std::string(w.checkin[0]), std::string(w.checkin[1]),
                          replace_all(w.checkin[2], {{"{help_desk}", venue_.help_desk}})};
    out.push_back(checkin);
    out.push_back({.heading = std::string(w.code_label), .paragraphs = {f_.code}, .code = true});
    out.push_back(privacy(w));
    out.push_back({.paragraphs = {std::string(w.closing), event_.organiser}});
    return out;
  }

  std::string subject() const {
    const core::Day& first = *f_.days.front();
    return "Ihr Ticket / Your ticket: " + event_.short_name + " – " + venue_.city + ", " +
           numeric_date(first.ymd);
  }

  std::string full_name() const {
    return f_.first_name.empty() ? f_.last_name : f_.first_name + " " + f_.last_name;
  }

 private:
  Block when_and_where(const Words& w) const {
    Block b;
    std::string when;
    for (const core::Day* day : f_.days) {
      if (!when.empty()) when += "; ";
      when += long_date(w, day->ymd);
      if (!day->agenda.empty())
        when += ", " + time_range(w, day->agenda.front().start, day->agenda.back().end);
    }
    b.rows.emplace_back(std::string(w.when), when);
    std::string where = venue_.name;
    if (!venue_.name_detail.empty()) where += ", " + venue_.name_detail;
    where += ", " + venue_.street + ", " + venue_.postcode + " " + venue_.city;
    b.rows.emplace_back(std::string(w.where), where);
    if (!venue_.hall.empty()) b.rows.emplace_back(std::string(w.hall), venue_.hall);
    if (!venue_.entrance.empty()) b.rows.emplace_back(std::string(w.entrance), venue_.entrance);
    b.rows.emplace_back(
        std::string(w.checkin_opens),
        core::format_hhmm(f_.days.front()->checkin_opens) + std::string(w.clock_suffix));
    return b;
  }

  Block agenda(const Words& w, const core::Day& day) const {
    Block b{.heading = std::string(w.agenda)};
    if (f_.days.size() > 1) b.heading += " – " + long_date(w, day.ymd);
    for (const core::AgendaItem& item : day.agenda) {
      std::string line =
          core::format_hhmm(item.start) + "–" + core::format_hhmm(item.end) + "  " + item.title;
      if (!item.speaker.empty()) line += " (" + item.speaker + ")";
      b.items.push_back(line);
    }
    return b;
  }

  Block topics(const Words& w) const {
    Block b{.heading = std::string(w.topics_heading)};
    const core::Day& day = *f_.days.front();
    const bool none_chosen =
        f_.chosen_topics.empty() && std::all_of(f_.round_topics.begin(), f_.round_topics.end(),
                                                [](const std::string& t) { return t.empty(); });
    if (none_chosen) b.paragraphs.emplace_back(w.topics_none);
    for (const core::Round& round : event_.rounds) {
      std::string line = round.name;
      if (const core::AgendaItem* item = core::agenda_item_for_round(day, round.number))
        line += " (" + time_range(w, item->start, item->end) + ")";
      line += ": ";
      const size_t index = static_cast<size_t>(round.number - 1);
      const std::string topic_id = index < f_.round_topics.size() ? f_.round_topics[index] : "";
      const core::Topic* topic = topic_id.empty() ? nullptr : core::find_topic(event_, topic_id);
      if (!topic) {
        line += std::string(w.round_open);
      } else {
        line += topic_label(*topic);
        if (const core::Room* room = core::room_for(venue_, round.number, topic->id)) {
          line += " – " + room->name;
          if (!room->location.empty()) line += " (" + room->location + ")";
          if (room->placeholder) line += " – " + std::string(w.provisional_room);
        }
      }
      b.items.push_back(line);
    }
    for (const std::string& chosen : f_.chosen_topics) {
      if (std::find(f_.round_topics.begin(), f_.round_topics.end(), chosen) !=
          f_.round_topics.end())
        continue;
      const core::Topic* topic = core::find_topic(event_, chosen);
      b.items.push_back((topic ? topic_label(*topic) : chosen) + ": " + std::string(w.not_placed));
    }
    return b;
  }

  Block privacy(const Words& w) const {
    const date::year_month_day until{date::sys_days(f_.days.back()->ymd) +
                                     date::days{event_.retention_days}};
    Block b{.heading = std::string(w.privacy_heading)};
    b.paragraphs = {
        std::string(w.privacy[0]),
        replace_all(w.privacy[1], {{"{retention}", std::to_string(event_.retention_days)},
                                   {"{until}", numeric_date(until)}}),
        replace_all(w.privacy[2],
                    {{"{organiser}", event_.organiser}, {"{contact}", f_.contact_address}})};
    return b;
  }

  std::string topic_label(const core::Topic& topic) const {
    return event_.topic_short + " " + std::to_string(topic.number) + " " + topic.name;
  }

  const TicketMailFacts& f_;
  const core::Event& event_;
  const core::Venue& venue_;
};

void render_text(const std::vector<Block>& blocks, std::string& out) {
  for (const Block& b : blocks) {
    if (!b.heading.empty()) out += b.heading + "\n" + std::string(40, '-') + "\n";
    for (const std::string& p : b.paragraphs)
      out += p + "\n";
    for (const auto& [label, value] : b.rows)
      out += label + ": " + value + "\n";
    for (const std::string& item : b.items)
      out += "- " + item + "\n";
    out += "\n";
  }
}

void render_html(const std::vector<Block>& blocks, std::string& out) {
  bool first = true;
  for (const Block& b : blocks) {
    if (!b.heading.empty())
      out += std::string(first ? "<h1" : "<h2") + " style=\"font-size:" + (first ? "20" : "16") +
             "px;margin:18px 0 6px\">" + html_escape(b.heading) + (first ? "</h1>\n" : "</h2>\n");
    first = false;
    for (const std::string& p : b.paragraphs) {
      if (b.code) {
        out +=
            "<p style=\"font-family:monospace;word-break:break-all\">" + html_escape(p) + "</p>\n";
      } else {
        out += "<p>" + html_escape(p) + "</p>\n";
      }
    }
    if (!b.rows.empty()) {
      out += "<table style=\"border-collapse:collapse\">\n";
      for (const auto& [label, value] : b.rows)
        out +=
            "<tr><th style=\"text-align:left;padding:2px 12px 2px "
            "0;vertical-align:top;white-space:nowrap\">" +
            html_escape(label) + "</th><td>" + html_escape(value) + "</td></tr>\n";
      out += "</table>\n";
    }
    if (!b.items.empty()) {
      out += "<ul>\n";
      for (const std::string& item : b.items)
        out += "<li>" + html_escape(item) + "</li>\n";
      out += "</ul>\n";
    }
  }
}

}  // namespace

TicketMailContent ticket_mail_content(const TicketMailFacts& facts) {
  const MailBuilder builder(facts);
  TicketMailContent content;
  content.subject = builder.subject();
  const auto german = builder.blocks(kGerman);
  const auto english = builder.blocks(kEnglish);

  render_text(german, content.text);
  content.text += "========================================\n\n";
  render_text(english, content.text);

  content.html =
      "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>" +
      html_escape(content.subject) +
      "</title></head>\n<body style=\"font-family:sans-serif;max-width:640px;margin:auto;"
      "line-height:1.4\">\n<p style=\"text-align:center\"><img src=\"cid:" +
      html_escape(facts.image_content_id) +
      "\" width=\"300\" height=\"300\" style=\"image-rendering:pixelated\" alt=\"QR-Code / QR "
      "code: " +
      html_escape(facts.code) + "\"></p>\n";
  render_html(german, content.html);
  content.html += "<hr>\n<div lang=\"en\">\n";
  render_html(english, content.html);
  content.html += "</div>\n</body></html>\n";
  return content;
}

}  // namespace einlass::sync::server::mail
