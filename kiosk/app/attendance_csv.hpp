#pragma once
// The kiosk's attendance list as CSV for German Excel (opens by double-click: UTF-8 with BOM,
// ';', CRLF, German dates), with the columns of the server's `export --format csv-excel`, so an
// organiser reads both the same way; after an empty line, the counts per venue and day.
// Cells go through the shared cell_text (formula neutralisation, quoting, venue time).

#include <string>

#include "kiosk/core/event_model.hpp"
#include "kiosk/store/attendance_list.hpp"

namespace einlass::app {

std::string attendance_csv_excel(const store::KioskAttendance& list, const core::Event& event);

}  // namespace einlass::app
