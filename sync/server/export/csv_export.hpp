#pragma once
// The participant lists as one CSV table, in two dialects: what German Excel opens correctly by
// double-click (UTF-8 with BOM so umlauts survive, ';' because ',' is the decimal comma there,
// CRLF, German dates) and plain RFC 4180 for scripts (UTF-8, ',', ISO 8601 times, stable
// English column names).

#include <ostream>

#include "kiosk/core/event_model.hpp"
#include "sync/server/export/attendance_report.hpp"

namespace einlass::sync::server {

enum class CsvDialect { excel_german, rfc4180 };

// Writes the header and one line per participant row; returns the number of data rows.
int64_t write_attendance_csv(std::ostream& out, const AttendanceReport& report,
                             const core::Event& event, CsvDialect dialect);

}  // namespace einlass::sync::server
