#include "sync/server/import/event_lookup.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "sync/server/import/column_mapping.hpp"

namespace einlass::sync::server::import {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(c); });
}

// The number after a topic prefix ("hf4", "handlungsfeld4bildung…" → 4), or the whole key when
// it is a number.
std::optional<int> topic_number(const core::Event& event, const std::string& key) {
  if (all_digits(key) && key.size() <= 3) return std::stoi(key);
  for (const std::string& prefix :
       {header_key(event.topic_label), header_key(event.topic_short), std::string("handlungsfeld"),
        std::string("topic"), std::string("hf"), std::string("thema")}) {
    if (prefix.empty() || !key.starts_with(prefix)) continue;
    size_t end = prefix.size();
    while (end < key.size() && std::isdigit(static_cast<unsigned char>(key[end])) != 0)
      ++end;
    if (end == prefix.size() || end - prefix.size() > 3) continue;
    return std::stoi(key.substr(prefix.size(), end - prefix.size()));
  }
  // "4 Bildung und Sprachförderung": the number leads.
  size_t digits = 0;
  while (digits < key.size() && std::isdigit(static_cast<unsigned char>(key[digits])) != 0)
    ++digits;
  if (digits > 0 && digits <= 3) return std::stoi(key.substr(0, digits));
  return std::nullopt;
}

}  // namespace

std::optional<std::string> find_venue(const core::Event& event, std::string_view text) {
  const std::string key = header_key(text);
  if (key.empty()) return std::nullopt;
  for (const core::Venue& v : event.venues)
    for (const std::string& name : {v.id, v.name, v.city, v.name + v.city, v.city + v.name})
      if (header_key(name) == key) return v.id;
  // "Dessau" for "Dessau-Roßlau", "Halle" for "Halle/Saale": a unique prefix of a city.
  std::vector<std::string> prefixed;
  if (key.size() >= 4)
    for (const core::Venue& v : event.venues)
      if (header_key(v.city).starts_with(key)) prefixed.push_back(v.id);
  if (prefixed.size() == 1) return prefixed.front();
  return std::nullopt;
}

std::optional<std::string> find_topic_id(const core::Event& event, std::string_view text) {
  const std::string key = header_key(text);
  if (key.empty()) return std::nullopt;
  for (const core::Topic& t : event.topics)
    if (header_key(t.id) == key || header_key(t.name) == key) return t.id;
  if (const auto number = topic_number(event, key))
    if (const core::Topic* t = core::find_topic_by_number(event, *number)) return t->id;
  return std::nullopt;
}

std::optional<std::string> find_day(const core::Venue& venue, std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ' ') s.push_back(c);
  for (const core::Day& d : venue.days) {
    if (s == d.date) return d.date;
    // German forms: 12.09.2019, 12.9.2019, 12.09.19, 12.09. and 12.9.
    const unsigned day = static_cast<unsigned>(d.ymd.day());
    const unsigned month = static_cast<unsigned>(d.ymd.month());
    const int year = static_cast<int>(d.ymd.year());
    for (const std::string& dd : {std::to_string(day), (day < 10 ? "0" : "") + std::to_string(day)})
      for (const std::string& mm :
           {std::to_string(month), (month < 10 ? "0" : "") + std::to_string(month)})
        for (const std::string& yy :
             {std::to_string(year), std::to_string(year % 100), std::string()})
          if (s == dd + "." + mm + "." + yy) return d.date;
  }
  return std::nullopt;
}

std::string known_venues(const core::Event& event) {
  std::string out;
  for (const core::Venue& v : event.venues)
    out += (out.empty() ? "" : ", ") + v.id + " (" + v.city + ")";
  return out;
}

}  // namespace einlass::sync::server::import
