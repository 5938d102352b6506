#include "kiosk/core/event_config_check.hpp"

#include <algorithm>
#include <set>

namespace einlass::core::config_detail {

namespace {

std::string q(const std::string& text) {
  return "\"" + text + "\"";
}

std::string span(const AgendaItem& item) {
  return format_hhmm(item.start) + "–" + format_hhmm(item.end);
}

template <typename List>
bool contains(const List& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

const std::string* text_on(const std::vector<std::pair<std::string, std::string>>& overrides,
                           const std::string& date) {
  for (const auto& [day, text] : overrides) {
    if (day == date) return &text;
  }
  return nullptr;
}

// A date named in only_on / speaker_on / title_on that no venue has is almost surely a typo
// that would otherwise silently show the default speaker.
void check_agenda_dates(const ConfigDraft& draft, const Reporter& r) {
  std::set<std::string> dates;
  for (const Venue& venue : draft.event.venues) {
    for (const Day& day : venue.days)
      dates.insert(day.date);
  }
  for (const AgendaEntry& entry : draft.agenda) {
    for (const auto* list : {&entry.speaker_on, &entry.title_on}) {
      for (const auto& [date, text] : *list) {
        if (!dates.count(date)) {
          r.fail(entry.line, "agenda item " + q(entry.item.title) + " names " + date +
                                 ", which is not a day at any venue");
        }
      }
    }
    for (const std::string& date : entry.only_on) {
      if (!dates.count(date)) {
        r.fail(entry.line, "agenda item " + q(entry.item.title) + " is only_on " + date +
                               ", which is not a day at any venue");
      }
    }
  }
}

// The event agenda as it runs on `day`, checked item by item against the previous one.
void resolve_day(const ConfigDraft& draft, const Venue& venue, const DaySource& source, Day& day,
                 const Reporter& r) {
  std::set<int> rounds_today;
  for (const AgendaEntry& entry : draft.agenda) {
    if (!entry.only_on.empty() && !contains(entry.only_on, day.date)) continue;
    AgendaItem item = entry.item;
    if (const std::string* speaker = text_on(entry.speaker_on, day.date)) item.speaker = *speaker;
    if (const std::string* title = text_on(entry.title_on, day.date)) item.title = *title;
    if (!day.agenda.empty()) {
      const AgendaItem& previous = day.agenda.back();
      if (item.start < previous.start) {
        r.fail(entry.start_line, "agenda items must be listed in time order: " + q(item.title) +
                                     " (" + span(item) + ") comes after " + q(previous.title) +
                                     " (" + span(previous) + ")");
      }
      if (item.start < previous.end) {
        r.fail(entry.start_line, "agenda item " + q(item.title) + " (" + span(item) +
                                     ") overlaps " + q(previous.title) + " (" + span(previous) +
                                     ") on " + day.date);
      }
    }
    if (item.round != 0 && !rounds_today.insert(item.round).second) {
      r.fail(entry.line, "round " + std::to_string(item.round) + " appears twice on " + day.date +
                             "; each round takes place at most once a day");
    }
    day.agenda.push_back(std::move(item));
  }
  if (day.agenda.empty()) {
    r.fail(source.line, "no agenda item takes place on " + day.date + " at venue " + q(venue.id));
  }
  const AgendaItem& first = day.agenda.front();
  if (day.checkin_opens > first.start) {
    r.fail(source.checkin_line, "check-in opens at " + format_hhmm(day.checkin_opens) + " on " +
                                    day.date + ", after the first agenda item starts at " +
                                    format_hhmm(first.start));
  }
  day.checkin_closes = source.checkin_closes.value_or(day.agenda.back().end);
  if (day.checkin_closes <= day.checkin_opens) {
    r.fail(source.checkin_line, "check-in closes at " + format_hhmm(day.checkin_closes) + " on " +
                                    day.date + ", not after it opens at " +
                                    format_hhmm(day.checkin_opens));
  }
}

// A participant placed in a round must have a time for it at their venue.
void check_rounds_scheduled(const Event& event, const Venue& venue, int venue_line,
                            const Reporter& r) {
  for (const Round& round : event.rounds) {
    const bool scheduled = std::any_of(venue.days.begin(), venue.days.end(), [&](const Day& day) {
      return agenda_item_for_round(day, round.number) != nullptr;
    });
    if (!scheduled) {
      r.fail(venue_line, "venue " + q(venue.id) + " has no agenda item for round " +
                             std::to_string(round.number) + " (" + q(round.name) +
                             ") on any of its days");
    }
  }
}

// Exactly one room per (offered topic, round): none leaves participants without a room, two
// would make the room on their screen a coin toss.
void check_rooms(const Event& event, const Venue& venue, int venue_line,
                 const std::vector<int>& room_lines, const Reporter& r) {
  for (const Topic& topic : event.topics) {
    if (contains(venue.without_topics, topic.id)) continue;
    for (int round : topic.rounds) {
      const Room* first = nullptr;
      for (std::size_t i = 0; i < venue.rooms.size(); ++i) {
        const Room& room = venue.rooms[i];
        if (std::find(room.rounds.begin(), room.rounds.end(), round) == room.rounds.end()) continue;
        if (!contains(room.topics, topic.id)) continue;
        if (first != nullptr) {
          r.fail(room_lines[i], "rooms " + q(first->id) + " and " + q(room.id) +
                                    " both host topic " + q(topic.id) + " in round " +
                                    std::to_string(round) +
                                    "; each topic needs exactly one room "
                                    "per round");
        }
        first = &room;
      }
      if (first == nullptr) {
        r.fail(venue_line, "venue " + q(venue.id) + " has no room for topic " + q(topic.id) +
                               " in round " + std::to_string(round) +
                               "; add a [[venues.rooms]] entry for it, or list it in the "
                               "venue's without_topics");
      }
    }
  }
}

}  // namespace

Event finish_config(ConfigDraft draft, const Reporter& r) {
  check_agenda_dates(draft, r);
  Event& event = draft.event;
  for (std::size_t v = 0; v < event.venues.size(); ++v) {
    Venue& venue = event.venues[v];
    for (std::size_t d = 0; d < venue.days.size(); ++d) {
      resolve_day(draft, venue, draft.day_sources[v][d], venue.days[d], r);
    }
    check_rounds_scheduled(event, venue, draft.venue_lines[v], r);
    check_rooms(event, venue, draft.venue_lines[v], draft.room_lines[v], r);
  }
  return std::move(draft.event);
}

}  // namespace einlass::core::config_detail
