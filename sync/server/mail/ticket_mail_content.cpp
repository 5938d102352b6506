#include "sync/server/mail/ticket_mail_content.hpp"

#include <algorithm>
#include <string_view>

#include <date/date.h>

#include "kiosk/core/date_words.hpp"
#include "sync/server/mail/mime_encoding.hpp"

namespace einlass::sync::server::mail {

namespace {

using core::LocalTime;

// The words of one language come from the language files (mail_texts.hpp); values from the
// config (venue, rooms, agenda titles) are the organiser's words and appear as written.
using Words = MailLanguage;

// "Donnerstag, 12. September 2019": the kiosk's own date words and pattern.
std::string long_date(const Words& w, date::year_month_day ymd) {
  return core::long_date_text(
      [&w](std::string_view key, core::FormatArgs args) { return w.text(key, args); }, ymd);
}

std::string time_range(const Words& w, LocalTime start, LocalTime end) {
  return w.text("time.range",
                {{"start", core::format_hhmm(start)}, {"end", core::format_hhmm(end)}});
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
  MailBuilder(const TicketMailFacts& f, const MailTexts& texts)
      : f_(f), texts_(texts), event_(*f.event), venue_(*f.venue) {}

  std::vector<Block> blocks(const Words& w) const {
    std::vector<Block> out;
    out.push_back(
        {.heading = w.name,
         .paragraphs = {w.text("greeting", {{"name", full_name()}}),
                        w.text("intro", {{"event", event_.name}, {"city", venue_.city}})}});
    out.push_back(when_and_where(w));
    for (const core::Day* day : f_.days)
      out.push_back(agenda(w, *day));
    out.push_back(topics(w));
    Block checkin{.heading = w.text("checkin.heading")};
    checkin.paragraphs = {w.text("checkin.show"), w.text("checkin.personal"),
                          w.text("checkin.without_code", {{"desk", venue_.help_desk}})};
    out.push_back(checkin);
    out.push_back({.heading = w.text("code.heading"), .paragraphs = {f_.code}, .code = true});
    out.push_back(privacy(w));
    out.push_back({.paragraphs = {w.text("closing"), event_.organiser}});
    return out;
  }

  std::string subject() const {
    const core::Day& first = *f_.days.front();
    return texts_.german.text("subject") + " / " + texts_.english.text("subject") + ": " +
           event_.short_name + " – " + venue_.city + ", " + numeric_date(first.ymd);
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
    b.rows.emplace_back(w.text("when"), when);
    std::string where = venue_.name;
    if (!venue_.name_detail.empty()) where += ", " + venue_.name_detail;
    where += ", " + venue_.street + ", " + venue_.postcode + " " + venue_.city;
    b.rows.emplace_back(w.text("where"), where);
    if (!venue_.hall.empty()) b.rows.emplace_back(w.text("hall"), venue_.hall);
    if (!venue_.entrance.empty()) b.rows.emplace_back(w.text("entrance"), venue_.entrance);
    b.rows.emplace_back(
        w.text("checkin_opens"),
        w.text("time.clock", {{"time", core::format_hhmm(f_.days.front()->checkin_opens)}}));
    return b;
  }

  Block agenda(const Words& w, const core::Day& day) const {
    Block b{.heading = w.text("agenda")};
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
    Block b{.heading = w.text("topics.heading")};
    const core::Day& day = *f_.days.front();
    const bool none_chosen =
        f_.chosen_topics.empty() && std::all_of(f_.round_topics.begin(), f_.round_topics.end(),
                                                [](const std::string& t) { return t.empty(); });
    if (none_chosen) b.paragraphs.push_back(w.text("topics.none"));
    for (const core::Round& round : event_.rounds) {
      std::string line = round.name;
      if (const core::AgendaItem* item = core::agenda_item_for_round(day, round.number))
        line += " (" + time_range(w, item->start, item->end) + ")";
      line += ": ";
      const size_t index = static_cast<size_t>(round.number - 1);
      const std::string topic_id = index < f_.round_topics.size() ? f_.round_topics[index] : "";
      const core::Topic* topic = topic_id.empty() ? nullptr : core::find_topic(event_, topic_id);
      if (!topic) {
        line += w.text("topics.round_open");
      } else {
        line += topic_label(*topic);
        if (const core::Room* room = core::room_for(venue_, round.number, topic->id)) {
          line += " – " + room->name;
          if (!room->location.empty()) line += " (" + room->location + ")";
          if (room->placeholder) line += " – " + w.text("topics.provisional_room");
        }
      }
      b.items.push_back(line);
    }
    for (const std::string& chosen : f_.chosen_topics) {
      if (std::find(f_.round_topics.begin(), f_.round_topics.end(), chosen) !=
          f_.round_topics.end())
        continue;
      const core::Topic* topic = core::find_topic(event_, chosen);
      b.items.push_back((topic ? topic_label(*topic) : chosen) + ": " +
                        w.text("topics.not_placed"));
    }
    return b;
  }

  Block privacy(const Words& w) const {
    const date::year_month_day until{date::sys_days(f_.days.back()->ymd) +
                                     date::days{event_.retention_days}};
    Block b{.heading = w.text("privacy.heading")};
    b.paragraphs = {w.text("privacy.stored"),
                    w.text("privacy.use", {{"retention", std::to_string(event_.retention_days)},
                                           {"until", numeric_date(until)}}),
                    w.text("privacy.responsible",
                           {{"organiser", event_.organiser}, {"contact", f_.contact_address}})};
    return b;
  }

  std::string topic_label(const core::Topic& topic) const {
    return event_.topic_short + " " + std::to_string(topic.number) + " " + topic.name;
  }

  const TicketMailFacts& f_;
  const MailTexts& texts_;
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

TicketMailContent ticket_mail_content(const TicketMailFacts& facts, const MailTexts& texts) {
  const MailBuilder builder(facts, texts);
  TicketMailContent content;
  content.subject = builder.subject();
  const auto german = builder.blocks(texts.german);
  const auto english = builder.blocks(texts.english);

  render_text(german, content.text);
  content.text += "========================================\n\n";
  render_text(english, content.text);

  content.html =
      "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>" +
      html_escape(content.subject) +
      "</title></head>\n<body style=\"font-family:sans-serif;max-width:640px;margin:auto;"
      "line-height:1.4\">\n<p style=\"text-align:center\"><img src=\"cid:" +
      html_escape(facts.image_content_id) +
      "\" width=\"300\" height=\"300\" style=\"image-rendering:pixelated\" alt=\"" +
      html_escape(texts.german.text("qr_code") + " / " + texts.english.text("qr_code") + ": " +
                  facts.code) +
      "\"></p>\n";
  render_html(german, content.html);
  content.html += "<hr>\n<div lang=\"en\">\n";
  render_html(english, content.html);
  content.html += "</div>\n</body></html>\n";
  return content;
}

}  // namespace einlass::sync::server::mail
