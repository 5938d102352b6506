#pragma once
// A date in words ("Donnerstag, 12. September 2019", "Thursday, 12 September 2019") from the
// language files' date.* texts — one function for the kiosk's screens and the ticket e-mail, so
// a date reads the same on both.

#include <functional>
#include <string>
#include <string_view>

#include <date/date.h>

#include "kiosk/core/string_tables.hpp"

namespace einlass::core {

// Looks up a text by key in one language and fills its placeholders (the kiosk's Ui::tr, the
// e-mail's MailLanguage::text).
using TextLookup = std::function<std::string(std::string_view key, FormatArgs args)>;

std::string long_date_text(const TextLookup& text, date::year_month_day day);

}  // namespace einlass::core
