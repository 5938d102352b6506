#pragma once
// Events for tests: the bundled 2019 file, and a tiny one whose room capacities a test sets.

#include <string>

#include "kiosk/core/event_config.hpp"

namespace einlass::testing {

inline std::string assets_dir() {
  return std::string(EINLASS_TEST_DATA) + "/../../assets";
}

inline core::Event bundled_event() {
  return core::load_event_config(assets_dir() + "/events/regionalkonferenzen-2019.toml");
}

// One venue "v", two rounds (15:00–16:00, 16:30–17:30) on 2026-05-04, check-in 14:00–18:00,
// topics A, B, C each in its own room with the given capacity (same in both rounds).
inline core::Event tiny_event(int cap_a, int cap_b, int cap_c) {
  auto room = [](const char* topic, int cap) {
    return std::string("[[venues.rooms]]\nid = \"room-") + topic + "\"\nname = \"Raum " + topic +
           "\"\ncapacity = " + std::to_string(cap) + "\nlocation = \"EG\"\ntopics = [\"" + topic +
           "\"]\n";
  };
  const std::string toml = R"(
[event]
id = "tiny"
name = "Kleine Konferenz"
short_name = "Klein"
organiser = "Test"
timezone = "Europe/Berlin"
topic_label = "Thema"
topic_short = "T"
max_topics_per_participant = 2
registration_deadline = 2026-04-01
retention_days = 30
checkin_opens = 14:00:00
checkin_closes = 18:00:00

[[rounds]]
number = 1
name = "Runde 1"
[[rounds]]
number = 2
name = "Runde 2"

[[topics]]
id = "A"
number = 1
name = "Alpha"
[[topics]]
id = "B"
number = 2
name = "Beta"
[[topics]]
id = "C"
number = 3
name = "Gamma"

[[agenda]]
start = 15:00:00
end = 16:00:00
title = "Runde 1"
round = 1
[[agenda]]
start = 16:30:00
end = 17:30:00
title = "Runde 2"
round = 2

[[venues]]
id = "v"
name = "Haus"
street = "Weg 1"
postcode = "39104"
city = "Magdeburg"
help_desk = "Foyer"
[[venues.days]]
date = 2026-05-04
)" + room("A", cap_a) + room("B", cap_b) +
                           room("C", cap_c);
  return core::parse_event_config(toml, "tiny.toml");
}

}  // namespace einlass::testing
