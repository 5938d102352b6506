#pragma once
// Times, dates and countdowns in the current language's words ("15:45 Uhr", "Donnerstag,
// 12. September 2019", "in 25 Min."), built from the string tables.

#include <cstdint>
#include <string>

#include <date/date.h>

#include "kiosk/core/event_model.hpp"
#include "kiosk/ui/ui_frame.hpp"

namespace einlass::ui {

std::string time_text(const Ui& ui, core::LocalTime time);
std::string time_range_text(const Ui& ui, core::LocalTime start, core::LocalTime end);
std::string long_date_text(const Ui& ui, date::year_month_day day);
std::string date_text(const Ui& ui, const std::string& iso_date);  // as long_date_text()
// Minutes while more than ten are left ("in 25 Min.", "in 1 Std. 5 Min."), then minutes and
// seconds in words ("in 4 Min. 59 s", never "4:59", which reads as a clock time): the
// countdown ticks only when the start is near.
std::string countdown_text(const Ui& ui, int64_t seconds);
// True when countdown_text() shows seconds for this many seconds left.
bool countdown_shows_seconds(int64_t seconds);
// "HF 3 · Beratung"
std::string topic_text(const core::Event& event, int number, const std::string& name);

}  // namespace einlass::ui
