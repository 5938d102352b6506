#include "kiosk/ui/text_format.hpp"

#include <sstream>

#include "kiosk/core/date_words.hpp"

namespace einlass::ui {

std::string time_text(const Ui& ui, core::LocalTime time) {
  return ui.tr("time.clock", {{"time", core::format_hhmm(time)}});
}

std::string time_range_text(const Ui& ui, core::LocalTime start, core::LocalTime end) {
  return ui.tr("time.range",
               {{"start", core::format_hhmm(start)}, {"end", core::format_hhmm(end)}});
}

std::string long_date_text(const Ui& ui, date::year_month_day day) {
  return core::long_date_text(
      [&ui](std::string_view key, core::FormatArgs args) { return ui.tr(key, args); }, day);
}

std::string date_text(const Ui& ui, const std::string& iso) {
  // Written out with the weekday: "Mittwoch, 18. September 2019" leaves no doubt which day.
  std::istringstream in(iso);
  date::year_month_day day{};
  in >> date::parse("%F", day);
  return in.fail() ? iso : long_date_text(ui, day);
}

bool countdown_shows_seconds(int64_t seconds) {
  return seconds > 0 && seconds <= 600;
}

std::string countdown_text(const Ui& ui, int64_t seconds) {
  if (seconds <= 0) return ui.tr("countdown.now");
  if (countdown_shows_seconds(seconds)) {
    // Minutes and seconds in words ("in 2 Min. 30 s"): "2:30" would read as a clock time.
    const int64_t m = seconds / 60, s = seconds % 60;
    if (m == 0) return ui.tr("countdown.only_seconds", {{"seconds", std::to_string(s)}});
    if (s == 0) return ui.tr("countdown.minutes", {{"minutes", std::to_string(m)}});
    return ui.tr("countdown.seconds",
                 {{"minutes", std::to_string(m)}, {"seconds", std::to_string(s)}});
  }
  const int64_t minutes = (seconds + 59) / 60;
  if (minutes < 60) return ui.tr("countdown.minutes", {{"minutes", std::to_string(minutes)}});
  return ui.tr("countdown.hours", {{"hours", std::to_string(minutes / 60)},
                                   {"minutes", std::to_string(minutes % 60)}});
}

std::string topic_text(const core::Event& event, int number, const std::string& name) {
  return event.topic_short + " " + std::to_string(number) + " · " + name;
}

}  // namespace einlass::ui
