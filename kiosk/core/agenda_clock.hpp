#pragma once
// Where one venue's day stands at a given instant: which agenda item runs, what comes next and
// when, whether check-in is open. Pure: the caller passes the instant (the kiosk its clock, tests
// a fixed one), so every answer can be tested without waiting.
//
// Agenda times are wall-clock times at the venue (Event::timezone). They are turned into UTC
// instants once, in the constructor, and all comparisons happen in UTC, so a day that crosses a
// daylight-saving change is measured in real seconds. Local times that do not exist (the hour
// skipped in spring, e.g. 02:30 on 2026-03-29 in Europe/Berlin) move forward to the instant the
// clocks jump (03:00 CEST); local times that occur twice (the hour repeated in autumn, e.g. 02:30
// on 2026-10-25) mean the earlier instant (02:30 CEST). Both keep the agenda's order intact.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <date/tz.h>

#include "kiosk/core/event_model.hpp"

namespace einlass::core {

enum class AgendaPhase {
  BeforeCheckin,           // the day has come, check-in has not opened yet
  CheckinOpenBeforeStart,  // check-in is open, the first item has not started
  Running,                 // an agenda item is on
  Gap,                     // between two items (e.g. 15:30–15:35 in the 2019 agenda)
  Finished,                // the last item has ended
  OtherDay,                // the venue's local date is not this day
};

struct LocalDateTime {
  date::year_month_day date;
  LocalTime time;  // hours and minutes
  int second = 0;
};

struct AgendaNow {
  AgendaPhase phase = AgendaPhase::OtherDay;
  std::optional<std::size_t> current_item;  // index into Day::agenda while Running
  std::optional<std::size_t> next_item;     // the next item to start, if any (also on an
                                            // earlier day: the day's first item)
  std::int64_t seconds_until_next = 0;      // rounded up; 0 when there is no next item
  int running_round = 0;                    // round number while a round runs, else 0
  double progress = 0;        // 0 at the first item's start … 1 at the last item's end, real time
  bool checkin_open = false;  // checkin_opens <= now < checkin_closes on this day
  LocalDateTime local;        // `now` at the venue
};

// Free helpers for any zone (see the header comment for gaps and repeated hours).
date::sys_seconds to_utc(const date::time_zone* zone, const Day& day, LocalTime time);
LocalDateTime local_time_of(const date::time_zone* zone, std::chrono::system_clock::time_point t);

class AgendaClock {
 public:
  // Throws std::out_of_range for indices outside the event, std::runtime_error for a zone the
  // tz database does not know (impossible for a loaded Event: the loader checks it).
  AgendaClock(const Event& event, std::size_t venue_index, std::size_t day_index);

  AgendaNow at(std::chrono::system_clock::time_point now) const;

  date::sys_seconds to_utc(const Day& day, LocalTime time) const;
  LocalDateTime local_time_of(std::chrono::system_clock::time_point t) const;

  const Day& day() const { return day_; }
  const date::time_zone* zone() const { return zone_; }
  date::sys_seconds item_start(std::size_t index) const { return starts_.at(index); }
  date::sys_seconds item_end(std::size_t index) const { return ends_.at(index); }

 private:
  const date::time_zone* zone_;
  Day day_;  // a copy: the clock stays valid when the Event it came from goes away
  std::vector<date::sys_seconds> starts_, ends_;
  date::sys_seconds checkin_opens_, checkin_closes_;
};

}  // namespace einlass::core
