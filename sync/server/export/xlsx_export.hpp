#pragma once
// The attendance export as an Excel workbook (libxlsxwriter): an "Übersicht" sheet with the
// counts per venue and day and presence per round and room against capacity, then one sheet
// per venue listing its participants. Every text is written as a string cell, never as a
// formula, so a name from the public registration form cannot run in the organiser's Excel.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "kiosk/core/event_model.hpp"
#include "sync/server/export/attendance_report.hpp"

namespace einlass::sync::server {

// A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ and no apostrophe at
// either end ("Halle (Saale)" stays, "A/B" becomes "A-B").
std::string sheet_name_for(std::string_view wanted);

// Writes the workbook to `file`; returns the number of participant rows. Throws
// std::runtime_error with libxlsxwriter's reason when the file cannot be written.
int64_t write_attendance_xlsx(const std::filesystem::path& file, const AttendanceReport& report,
                              const core::Event& event);

}  // namespace einlass::sync::server
