#pragma once
// What an event is: topics, rounds, venues with rooms and days, and each day's agenda. Plain
// data, filled by load_event_config() (event_config.hpp) and never changed afterwards; nothing
// here reads files or clocks. Everything a runtime relies on (unique ids, one room per topic and
// round, sorted agenda …) has been checked by the loader, so the lookups below may return
// "not found" only for ids that come from outside the config (a ticket, a roster row).
//
// Indices are part of the ticket format: a signed ticket names its venue and day by their
// position in the config (venue_index = position in `venues`, day_index = position in
// `Venue::days`) and its topics by `Topic::number`. Reordering venues or days, or renumbering
// topics, after tickets were issued makes those tickets point somewhere else.

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace einlass::core {

// A wall-clock time at the venue, in whole minutes (agendas are planned to the minute).
struct LocalTime {
  int minutes_since_midnight = 0;

  static constexpr LocalTime hm(int hours, int minutes) { return {hours * 60 + minutes}; }
  constexpr int hours() const { return minutes_since_midnight / 60; }
  constexpr int minutes() const { return minutes_since_midnight % 60; }
  auto operator<=>(const LocalTime&) const = default;
};

// "15:05" — the form printed on flyers and shown on the kiosk.
std::string format_hhmm(LocalTime time);

struct Topic {
  std::string id;    // "HF1"; referenced by rooms and by the roster
  int number = 0;    // 1..255, unique; what a ticket carries
  std::string name;  // "Integrationsmonitoring und Evaluation"
  // Rounds the topic is discussed in, ascending. The config may leave it out to mean every
  // round; the loader writes the full list, so code never has to know that convention.
  std::vector<int> rounds;
};

struct Round {
  int number = 0;    // 1..n in order; a ticket stores one topic per round at index number - 1
  std::string name;  // "Gesprächsrunde 1"
};

struct Room {
  std::string id;  // unique across the whole event, so check-ins name a room unambiguously
  std::string name;
  int capacity = 0;                 // seats, > 0
  std::string location;             // how to find it, e.g. "1. OG, links"
  std::vector<std::string> topics;  // topic ids discussed here
  std::vector<int> rounds;   // rounds the room is used in, ascending (resolved like Topic::rounds)
  bool placeholder = false;  // the organiser has not confirmed this room yet
};

struct AgendaItem {
  LocalTime start, end;  // start < end, same day
  std::string title;
  std::string speaker;  // may be empty
  int round = 0;        // 0 = not a discussion round
  std::string kind;     // "plenary", "round", "break" or "other"
};

struct Day {
  std::string date;  // ISO "2019-09-12"
  date::year_month_day ymd;
  // The event agenda as it runs on this date: items for other dates left out, per-date speakers
  // and titles applied. Sorted, non-overlapping; gaps are allowed and stay gaps.
  std::vector<AgendaItem> agenda;
  LocalTime checkin_opens, checkin_closes;
};

struct Venue {
  std::string id;
  std::string name;         // "Industrie- und Handelskammer Magdeburg"
  std::string name_detail;  // second line of the address block, e.g. "Hauptgeschäftsstelle"
  std::string hall;         // where the plenary is, e.g. "Aula (Großer Saal)"; may be empty
  std::string street, postcode, city;
  std::string entrance;                     // e.g. "Eingang Alter Markt"; may be empty
  std::string help_desk;                    // where participants find staff, shown on the kiosk
  bool help_desk_placeholder = false;       // the organiser has not confirmed help_desk
  std::vector<std::string> without_topics;  // topic ids this venue does not offer at all
  std::vector<Room> rooms;
  std::vector<Day> days;  // sorted by date
};

struct Event {
  std::string id, name, short_name, organiser;
  std::string timezone;                  // IANA name, e.g. "Europe/Berlin"; every venue uses it
  std::string topic_label, topic_short;  // "Handlungsfeld", "HF"
  std::string moderation;                // may be empty
  std::string website;                   // may be empty
  int max_topics_per_participant = 0;    // 0..number of rounds
  std::string registration_deadline;     // ISO date
  int retention_days = 0;  // personal data is deleted this many days after the last day
  std::vector<Topic> topics;
  std::vector<Round> rounds;  // at most four, numbered 1..n
  std::vector<Venue> venues;
};

std::optional<std::size_t> venue_index(const Event& event, std::string_view venue_id);
std::optional<std::size_t> day_index(const Venue& venue, std::string_view iso_date);
const Topic* find_topic(const Event& event, std::string_view topic_id);
const Topic* find_topic_by_number(const Event& event, int number);
const Round* find_round(const Event& event, int number);

// The room where `topic_id` is discussed in `round` at this venue, or nullptr when the venue
// does not offer the topic in that round.
const Room* room_for(const Venue& venue, int round, std::string_view topic_id);

// Rounds (ascending) in which the venue offers the topic.
std::vector<int> rounds_offering(const Event& event, const Venue& venue, std::string_view topic_id);

// The agenda item of a discussion round on this day (its start and end), or nullptr when the
// round does not take place that day.
const AgendaItem* agenda_item_for_round(const Day& day, int round);

}  // namespace einlass::core
