#include "kiosk/core/event_model.hpp"

#include <algorithm>

namespace einlass::core {

std::string format_hhmm(LocalTime time) {
  const auto two_digits = [](int value) { return (value < 10 ? "0" : "") + std::to_string(value); };
  return two_digits(time.hours()) + ":" + two_digits(time.minutes());
}

std::optional<std::size_t> venue_index(const Event& event, std::string_view venue_id) {
  for (std::size_t i = 0; i < event.venues.size(); ++i) {
    if (event.venues[i].id == venue_id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> day_index(const Venue& venue, std::string_view iso_date) {
  for (std::size_t i = 0; i < venue.days.size(); ++i) {
    if (venue.days[i].date == iso_date) return i;
  }
  return std::nullopt;
}

const Topic* find_topic(const Event& event, std::string_view topic_id) {
  for (const Topic& topic : event.topics) {
    if (topic.id == topic_id) return &topic;
  }
  return nullptr;
}

const Topic* find_topic_by_number(const Event& event, int number) {
  for (const Topic& topic : event.topics) {
    if (topic.number == number) return &topic;
  }
  return nullptr;
}

const Round* find_round(const Event& event, int number) {
  for (const Round& round : event.rounds) {
    if (round.number == number) return &round;
  }
  return nullptr;
}

namespace {

bool contains(const std::vector<int>& values, int value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

const Room* room_for(const Venue& venue, int round, std::string_view topic_id) {
  for (const Room& room : venue.rooms) {
    if (!contains(room.rounds, round)) continue;
    for (const std::string& topic : room.topics) {
      if (topic == topic_id) return &room;
    }
  }
  return nullptr;
}

std::vector<int> rounds_offering(const Event& event, const Venue& venue,
                                 std::string_view topic_id) {
  std::vector<int> out;
  for (const Round& round : event.rounds) {
    if (room_for(venue, round.number, topic_id) != nullptr) out.push_back(round.number);
  }
  return out;
}

const AgendaItem* agenda_item_for_round(const Day& day, int round) {
  for (const AgendaItem& item : day.agenda) {
    if (item.round == round && round != 0) return &item;
  }
  return nullptr;
}

}  // namespace einlass::core
