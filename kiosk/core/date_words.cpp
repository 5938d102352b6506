#include "kiosk/core/date_words.hpp"

namespace einlass::core {

std::string long_date_text(const TextLookup& text, date::year_month_day day) {
  // Literal keys (not built from numbers), so the string-table test sees them used.
  static constexpr const char* kWeekdays[] = {"date.sunday",    "date.monday",   "date.tuesday",
                                              "date.wednesday", "date.thursday", "date.friday",
                                              "date.saturday"};
  static constexpr const char* kMonths[] = {"date.january", "date.february", "date.march",
                                            "date.april",   "date.may",      "date.june",
                                            "date.july",    "date.august",   "date.september",
                                            "date.october", "date.november", "date.december"};
  const date::weekday weekday{date::sys_days(day)};
  const unsigned month = static_cast<unsigned>(day.month());
  return text("date.long", {{"weekday", text(kWeekdays[weekday.c_encoding()], {})},
                            {"day", std::to_string(static_cast<unsigned>(day.day()))},
                            {"month", text(kMonths[month - 1], {})},
                            {"year", std::to_string(static_cast<int>(day.year()))}});
}

}  // namespace einlass::core
