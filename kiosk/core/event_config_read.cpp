#include "kiosk/core/event_config_read.hpp"

#include <algorithm>
#include <map>

#include <date/tz.h>

#include "kiosk/core/ticket_payload.hpp"

namespace einlass::core::config_detail {

namespace {

// Limits that come from the ticket format: a ticket stores one topic per round, the venue and
// the day as one byte each, and day_index 0xFF means "every day".
constexpr int kMaxRounds = static_cast<int>(kMaxTicketRounds);
constexpr std::size_t kMaxVenues = 255;
constexpr std::size_t kMaxDaysPerVenue = kEveryDay;
constexpr int kMaxCapacity = 100000;

std::string q(const std::string& text) {
  return "\"" + text + "\"";
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}
bool contains(const std::vector<int>& list, int value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string join(const std::vector<int>& numbers) {
  std::string out;
  for (int n : numbers)
    out += (out.empty() ? "" : ", ") + std::to_string(n);
  return out;
}

// Ids end up in file names, CSV exports and URLs; keep them to characters that are safe there.
std::string checked_id(const ConfigTable& table, std::string_view key) {
  std::string id = table.text(key);
  const bool safe = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
  if (!safe) {
    table.fail(key, "id " + q(id) + " may only contain letters A–Z, digits, '-' and '_'");
  }
  return id;
}

// Remembers where each id was first defined so a duplicate can point back to it.
class UniqueIds {
 public:
  explicit UniqueIds(std::string what) : what_(std::move(what)) {}
  void add(const ConfigTable& table, std::string_view key, const std::string& id) {
    const auto [it, inserted] = seen_.emplace(id, table.line_of_key(key));
    if (!inserted) {
      table.fail(key, what_ + " id " + q(id) + " is used twice (first in line " +
                          std::to_string(it->second) + ")");
    }
  }

 private:
  std::string what_;
  std::map<std::string, int> seen_;
};

std::vector<int> all_round_numbers(const Event& event) {
  std::vector<int> out;
  for (const Round& round : event.rounds)
    out.push_back(round.number);
  return out;
}

// A list of round numbers as written under `key`, each a defined round; absent = every round.
std::vector<int> rounds_list(const ConfigTable& table, const Event& event, const std::string& who) {
  if (!table.has("rounds")) return all_round_numbers(event);
  std::vector<int> rounds = table.integer_list("rounds", 1, kMaxRounds);
  for (int number : rounds) {
    if (find_round(event, number) == nullptr) {
      table.fail("rounds", who + " lists round " + std::to_string(number) +
                               ", which is not defined in [[rounds]]");
    }
  }
  std::sort(rounds.begin(), rounds.end());
  rounds.erase(std::unique(rounds.begin(), rounds.end()), rounds.end());
  return rounds;
}

struct CheckinDefaults {
  LocalTime opens;
  std::optional<LocalTime> closes;
  int line = 0;
};

CheckinDefaults read_event(const ConfigTable& t, Event& event) {
  event.id = checked_id(t, "id");
  event.name = t.text("name");
  event.short_name = t.text("short_name");
  event.organiser = t.text("organiser");
  event.timezone = t.text("timezone");
  try {
    date::locate_zone(event.timezone);
  } catch (const std::runtime_error&) {
    t.fail("timezone", "unknown timezone " + q(event.timezone) +
                           "; use a tz database name such as \"Europe/Berlin\"");
  }
  event.topic_label = t.text("topic_label");
  event.topic_short = t.text("topic_short");
  event.moderation = t.text_or("moderation", "");
  event.website = t.text_or("website", "");
  event.registration_deadline = iso_date(t.date("registration_deadline"));
  event.retention_days = t.integer("retention_days", 1, 3650);
  return {t.time("checkin_opens"), t.optional_time("checkin_closes"),
          t.line_of_key("checkin_opens")};
}

void read_rounds(const ConfigTable& top, const Reporter& r, Event& event) {
  for (const toml::value& entry : top.tables("rounds")) {
    ConfigTable t(entry, "[[rounds]]", {"number", "name"}, r);
    if (event.rounds.size() == static_cast<std::size_t>(kMaxRounds)) {
      t.fail("at most " + std::to_string(kMaxRounds) +
             " rounds are possible (a ticket holds one topic per round)");
    }
    const int expected = static_cast<int>(event.rounds.size()) + 1;
    const int number = t.integer("number", 1, kMaxRounds);
    if (number != expected) {
      t.fail("number", "rounds must be numbered 1, 2, … in the order listed; expected number = " +
                           std::to_string(expected) + " here, found " + std::to_string(number));
    }
    event.rounds.push_back({number, t.text("name")});
  }
}

void read_topics(const ConfigTable& top, const Reporter& r, Event& event) {
  UniqueIds ids("topic");
  std::map<int, int> number_lines;
  for (const toml::value& entry : top.tables("topics")) {
    ConfigTable t(entry, "[[topics]]", {"id", "number", "name", "rounds"}, r);
    if (event.rounds.empty())
      t.fail("topics need at least one [[rounds]] entry to be discussed in");
    Topic topic;
    topic.id = checked_id(t, "id");
    ids.add(t, "id", topic.id);
    topic.number = t.integer("number", 1, 255);
    const auto [it, inserted] = number_lines.emplace(topic.number, t.line_of_key("number"));
    if (!inserted) {
      t.fail("number", "topic number " + std::to_string(topic.number) +
                           " is used twice (first in line " + std::to_string(it->second) +
                           "); tickets tell topics apart by number");
    }
    topic.name = t.text("name");
    topic.rounds = rounds_list(t, event, "topic " + q(topic.id));
    if (topic.rounds.empty()) t.fail("rounds", "topic " + q(topic.id) + " is in no round");
    event.topics.push_back(std::move(topic));
  }
}

AgendaEntry read_agenda_entry(const ConfigTable& t, const Event& event) {
  AgendaEntry entry;
  entry.line = t.line();
  entry.start_line = t.line_of_key("start");
  AgendaItem& item = entry.item;
  item.title = t.text("title");
  item.start = t.time("start");
  item.end = t.time("end");
  if (item.end <= item.start) {
    t.fail("end", "agenda item " + q(item.title) + " ends at " + format_hhmm(item.end) +
                      ", not after it starts at " + format_hhmm(item.start));
  }
  item.speaker = t.text_or("speaker", "");
  item.round = t.integer_or("round", 0, 0, kMaxRounds);
  if (item.round != 0 && find_round(event, item.round) == nullptr) {
    t.fail("round", "agenda item " + q(item.title) + " is round " + std::to_string(item.round) +
                        ", which is not defined in [[rounds]]");
  }
  item.kind = t.text_or("kind", item.round != 0 ? "round" : "plenary");
  static const std::vector<std::string> kinds{"plenary", "round", "break", "other"};
  if (!contains(kinds, item.kind)) {
    t.fail("kind",
           "kind " + q(item.kind) + " is not one of \"plenary\", \"round\", \"break\", \"other\"");
  }
  if ((item.kind == "round") != (item.round != 0)) {
    t.fail("kind", "agenda item " + q(item.title) +
                       ": kind = \"round\" and a round number belong together");
  }
  for (const auto& ymd : t.date_list("only_on"))
    entry.only_on.push_back(iso_date(ymd));
  entry.speaker_on = t.text_by_date("speaker_on");
  entry.title_on = t.text_by_date("title_on");
  for (const auto* overrides : {&entry.speaker_on, &entry.title_on}) {
    for (const auto& [date, text] : *overrides) {
      if (!entry.only_on.empty() && !contains(entry.only_on, date)) {
        t.fail(overrides == &entry.speaker_on ? "speaker_on" : "title_on",
               "agenda item " + q(item.title) + " names " + date +
                   ", but it only takes place on the dates in only_on");
      }
    }
  }
  return entry;
}

Room read_room(const ConfigTable& t, const Event& event, const Venue& venue, UniqueIds& ids) {
  Room room;
  room.id = checked_id(t, "id");
  ids.add(t, "id", room.id);
  room.name = t.text("name");
  room.capacity = t.integer("capacity", 1, kMaxCapacity);
  room.location = t.text("location");
  room.placeholder = t.boolean_or("placeholder", false);
  room.rounds = rounds_list(t, event, "room " + q(room.id));
  room.topics = t.text_list("topics");
  if (room.topics.empty()) t.fail("topics", "room " + q(room.id) + " hosts no topic");
  for (std::size_t i = 0; i < room.topics.size(); ++i) {
    const std::string& id = room.topics[i];
    const Topic* topic = find_topic(event, id);
    if (topic == nullptr) {
      t.fail("topics", "room " + q(room.id) + " hosts topic " + q(id) +
                           ", which is not defined in [[topics]]");
    }
    if (std::find(room.topics.begin(), room.topics.begin() + i, id) != room.topics.begin() + i) {
      t.fail("topics", "room " + q(room.id) + " lists topic " + q(id) + " twice");
    }
    if (contains(venue.without_topics, id)) {
      t.fail("topics", "room " + q(room.id) + " hosts topic " + q(id) +
                           ", but the venue lists it in without_topics");
    }
    for (int round : room.rounds) {
      if (!contains(topic->rounds, round)) {
        t.fail("topics", "room " + q(room.id) + " hosts topic " + q(id) + " in round " +
                             std::to_string(round) + ", but " + q(id) +
                             " is only discussed in round(s) " + join(topic->rounds) +
                             "; set the room's rounds accordingly");
      }
    }
  }
  return room;
}

void read_days(const ConfigTable& vt, const Reporter& r, const CheckinDefaults& checkin,
               Venue& venue, std::vector<DaySource>& sources) {
  for (const toml::value& entry : vt.tables("days")) {
    ConfigTable t(entry, "[[venues.days]]", {"date", "checkin_opens", "checkin_closes"}, r);
    if (venue.days.size() == kMaxDaysPerVenue) t.fail("a venue can have at most 254 days");
    Day day;
    day.ymd = t.date("date");
    day.date = iso_date(day.ymd);
    if (!venue.days.empty() && day.ymd <= venue.days.back().ymd) {
      t.fail("date",
             "days must be listed in date order without repeats (tickets refer to a day "
             "by its position); " +
                 day.date + " comes after " + venue.days.back().date);
    }
    DaySource source;
    source.line = t.line();
    const bool own_times = t.has("checkin_opens") || t.has("checkin_closes");
    source.checkin_line = own_times ? t.line() : checkin.line;
    day.checkin_opens = t.optional_time("checkin_opens").value_or(checkin.opens);
    source.checkin_closes =
        t.has("checkin_closes") ? t.optional_time("checkin_closes") : checkin.closes;
    venue.days.push_back(std::move(day));
    sources.push_back(source);
  }
  if (venue.days.empty()) vt.fail("venue " + q(venue.id) + " has no [[venues.days]] entry");
}

void read_venues(const ConfigTable& top, const Reporter& r, const CheckinDefaults& checkin,
                 ConfigDraft& draft) {
  Event& event = draft.event;
  UniqueIds venue_ids("venue");
  UniqueIds room_ids("room");
  for (const toml::value& entry : top.tables("venues")) {
    ConfigTable t(entry, "[[venues]]",
                  {"id", "name", "name_detail", "hall", "street", "postcode", "city", "entrance",
                   "help_desk", "help_desk_placeholder", "without_topics", "rooms", "days"},
                  r);
    if (event.venues.size() == kMaxVenues) t.fail("an event can have at most 255 venues");
    Venue venue;
    venue.id = checked_id(t, "id");
    venue_ids.add(t, "id", venue.id);
    venue.name = t.text("name");
    venue.name_detail = t.text_or("name_detail", "");
    venue.hall = t.text_or("hall", "");
    venue.street = t.text("street");
    venue.postcode = t.text("postcode");
    venue.city = t.text("city");
    venue.entrance = t.text_or("entrance", "");
    venue.help_desk = t.text("help_desk");
    venue.help_desk_placeholder = t.boolean_or("help_desk_placeholder", false);
    venue.without_topics = t.text_list("without_topics");
    for (const std::string& id : venue.without_topics) {
      if (find_topic(event, id) == nullptr) {
        t.fail("without_topics",
               "without_topics names " + q(id) + ", which is not defined in [[topics]]");
      }
    }
    std::vector<DaySource> day_sources;
    read_days(t, r, checkin, venue, day_sources);
    std::vector<int> room_lines;
    for (const toml::value& room_entry : t.tables("rooms")) {
      ConfigTable rt(room_entry, "[[venues.rooms]]",
                     {"id", "name", "capacity", "location", "topics", "rounds", "placeholder"}, r);
      venue.rooms.push_back(read_room(rt, event, venue, room_ids));
      room_lines.push_back(rt.line());
    }
    draft.venue_lines.push_back(t.line());
    draft.room_lines.push_back(std::move(room_lines));
    draft.day_sources.push_back(std::move(day_sources));
    event.venues.push_back(std::move(venue));
  }
}

}  // namespace

ConfigDraft read_config(const toml::value& root, const Reporter& r) {
  ConfigTable top(root, "the top level (outside any [section])",
                  {"event", "rounds", "topics", "agenda", "venues"}, r);
  if (!top.has("event")) r.fail(0, "the file has no [event] section");
  if (top.tables("agenda").empty()) r.fail(0, "the file has no [[agenda]] entries");
  if (top.tables("venues").empty()) r.fail(0, "the file has no [[venues]] entries");
  ConfigDraft draft;
  Event& event = draft.event;
  // Sections are read in dependency order, whatever their order in the file, so references
  // (a room's topics, an agenda item's round) can be checked as soon as they are read.
  const ConfigTable head(
      *top.find("event"), "[event]",
      {"id", "name", "short_name", "organiser", "timezone", "topic_label", "topic_short",
       "moderation", "website", "max_topics_per_participant", "registration_deadline",
       "retention_days", "checkin_opens", "checkin_closes"},
      r);
  const CheckinDefaults checkin = read_event(head, event);
  read_rounds(top, r, event);
  event.max_topics_per_participant =
      head.integer("max_topics_per_participant", 0, static_cast<int>(event.rounds.size()));
  read_topics(top, r, event);
  for (const toml::value& entry : top.tables("agenda")) {
    const ConfigTable t(
        entry, "[[agenda]]",
        {"start", "end", "title", "speaker", "round", "kind", "only_on", "speaker_on", "title_on"},
        r);
    draft.agenda.push_back(read_agenda_entry(t, event));
  }
  read_venues(top, r, checkin, draft);
  return draft;
}

}  // namespace einlass::core::config_detail
