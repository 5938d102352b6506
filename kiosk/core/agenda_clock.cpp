#include "kiosk/core/agenda_clock.hpp"

#include <algorithm>
#include <stdexcept>

namespace einlass::core {

date::sys_seconds to_utc(const date::time_zone* zone, const Day& day, LocalTime time) {
  const date::local_seconds local =
      date::local_days{day.ymd} + std::chrono::minutes{time.minutes_since_midnight};
  // choose::earliest resolves a repeated hour to its first occurrence; for a skipped hour both
  // choices give the instant of the jump, i.e. the time moves forward.
  return zone->to_sys(local, date::choose::earliest);
}

LocalDateTime local_time_of(const date::time_zone* zone, std::chrono::system_clock::time_point t) {
  const date::local_seconds local = zone->to_local(date::floor<std::chrono::seconds>(t));
  const date::local_days midnight = date::floor<date::days>(local);
  const auto since_midnight = local - midnight;
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_midnight).count();
  LocalDateTime out;
  out.date = date::year_month_day{midnight};
  out.time = LocalTime{static_cast<int>(seconds / 60)};
  out.second = static_cast<int>(seconds % 60);
  return out;
}

AgendaClock::AgendaClock(const Event& event, std::size_t venue_index, std::size_t day_index)
    : zone_(date::locate_zone(event.timezone)),
      day_(event.venues.at(venue_index).days.at(day_index)) {
  for (const AgendaItem& item : day_.agenda) {
    starts_.push_back(to_utc(day_, item.start));
    ends_.push_back(to_utc(day_, item.end));
  }
  checkin_opens_ = to_utc(day_, day_.checkin_opens);
  checkin_closes_ = to_utc(day_, day_.checkin_closes);
}

date::sys_seconds AgendaClock::to_utc(const Day& day, LocalTime time) const {
  return einlass::core::to_utc(zone_, day, time);
}

LocalDateTime AgendaClock::local_time_of(std::chrono::system_clock::time_point t) const {
  return einlass::core::local_time_of(zone_, t);
}

AgendaNow AgendaClock::at(std::chrono::system_clock::time_point now) const {
  AgendaNow out;
  out.local = local_time_of(now);
  out.checkin_open = checkin_opens_ <= now && now < checkin_closes_;
  // The loader guarantees a non-empty agenda; an empty one (hand-built Day) is simply "over".
  if (day_.agenda.empty()) {
    out.phase = out.local.date == day_.ymd ? AgendaPhase::Finished : AgendaPhase::OtherDay;
    return out;
  }
  const auto first_start = starts_.front();
  const auto last_end = ends_.back();
  const std::chrono::duration<double> total = last_end - first_start;
  const std::chrono::duration<double> done = now - first_start;
  out.progress = total.count() > 0 ? std::clamp(done / total, 0.0, 1.0) : (now >= last_end);

  const auto announce = [&](std::size_t index) {
    out.next_item = index;
    out.seconds_until_next = date::ceil<std::chrono::seconds>(starts_[index] - now).count();
  };

  if (out.local.date != day_.ymd) {
    out.phase = AgendaPhase::OtherDay;
    if (now < first_start) announce(0);
    return out;
  }
  if (now < first_start) {
    out.phase =
        now < checkin_opens_ ? AgendaPhase::BeforeCheckin : AgendaPhase::CheckinOpenBeforeStart;
    announce(0);
    return out;
  }
  if (now >= last_end) {
    out.phase = AgendaPhase::Finished;
    return out;
  }
  for (std::size_t i = 0; i < starts_.size(); ++i) {
    if (starts_[i] <= now && now < ends_[i]) {
      out.phase = AgendaPhase::Running;
      out.current_item = i;
      out.running_round = day_.agenda[i].round;
      if (i + 1 < starts_.size()) announce(i + 1);
      return out;
    }
  }
  out.phase = AgendaPhase::Gap;
  const auto next = std::find_if(starts_.begin(), starts_.end(), [&](auto s) { return s > now; });
  if (next != starts_.end()) announce(static_cast<std::size_t>(next - starts_.begin()));
  return out;
}

}  // namespace einlass::core
