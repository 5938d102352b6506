#pragma once
// Venues, days and topics as people write them in a registration form: a venue by id, name or
// city ("magdeburg", "IHK Magdeburg", "Halle (Saale)", "Dessau"); a topic by number ("4",
// "HF 4", "Handlungsfeld 4", "HF 4 – Bildung und Sprachförderung"), id or name; a day as
// "2019-09-12", "12.09.2019" or "12.9.". Case, spacing, punctuation and umlaut spellings do
// not matter.

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/event_model.hpp"

namespace einlass::sync::server::import {

// The venue's id, or nullopt.
std::optional<std::string> find_venue(const core::Event& event, std::string_view text);
// The topic's id, or nullopt.
std::optional<std::string> find_topic_id(const core::Event& event, std::string_view text);
// The ISO date of one of the venue's days, or nullopt.
std::optional<std::string> find_day(const core::Venue& venue, std::string_view text);

// "magdeburg (Magdeburg), dessau (Dessau-Roßlau) …" — for "unknown venue" messages.
std::string known_venues(const core::Event& event);

}  // namespace einlass::sync::server::import
