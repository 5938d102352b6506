#pragma once
// How values become cells in every export format: text from the public registration form is
// defused against formula injection, times are shown in the event's time zone. Shared by both
// ends: the server's attendance exports (sync/server/export) and a kiosk's own export
// (einlass-kiosk export), so an organiser gets the same cells from either. In namespace
// einlass::sync, so the server's code in einlass::sync::server finds the names unqualified.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace einlass::sync {

// For the CSV dialects only. A CSV cell that starts with = + - @ (or a tab / carriage return,
// which some spreadsheet programs skip before looking for those) is evaluated as a formula when
// the CSV is opened in a spreadsheet: a registrant named "=HYPERLINK(…)" could make the
// organiser's Excel fetch a URL. Such text gets a leading apostrophe, which makes it text.
// XLSX does not need it: worksheet_write_string stores a string cell, which is never a
// formula, and there the apostrophe would be shown as part of the name ("'-minus GmbH").
std::string neutralise_formula(std::string_view text);

// Wall time at the venue for a Unix time in ms.
struct LocalDateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int utc_offset_minutes = 0;
  double excel_serial = 0;  // days since 1899-12-30, what Excel stores for a date cell
};
LocalDateTime local_date_time(int64_t unix_ms, const std::string& timezone);

// "12.09.2019 15:07" (German Excel reads it as a date and time).
std::string german_date_time(const LocalDateTime& t);
// "2019-09-12T15:07:31+02:00" (ISO 8601 with the offset, for scripts).
std::string iso_date_time(const LocalDateTime& t);
// "12.09.2019" for an ISO date "2019-09-12" (unchanged when it is not one).
std::string german_date(std::string_view iso_date);

// 0.4 -> "40,0" (German) or "40.0"; one decimal, for percentages.
std::string percent_text(double fraction, char decimal_separator);

// CSV as German Excel opens it by double-click: UTF-8 with this BOM first (or umlauts turn
// into "Ã¼"), ';' between fields (',' is the decimal comma there), CRLF after each line.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
inline constexpr std::string_view kCrLf = "\r\n";

// One CSV field: neutralised (above), then quoted when it holds the separator, a quote or a
// line break (RFC 4180: quotes inside are doubled).
std::string csv_field(std::string_view text, char separator);
// The fields joined by `separator`, each through csv_field, ending with CRLF.
std::string csv_line(const std::vector<std::string>& fields, char separator);

}  // namespace einlass::sync
