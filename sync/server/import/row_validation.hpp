#pragma once
// Turns the CSV's data rows into registrations, checking each against the event before
// anything is stored: every problem of a row is reported with the line the row starts on.

#include <string>
#include <vector>

#include "kiosk/core/event_model.hpp"
#include "sync/server/import/column_mapping.hpp"
#include "sync/server/import/csv_table.hpp"
#include "sync/server/registrations.hpp"

namespace einlass::sync::server::import {

// A row that passed: who it is (its identity for re-imports) and what it says.
struct ImportRow {
  int line = 0;
  std::string identity;       // "id:<Anmelde-Nr>" or "email:<normalised e-mail>"
  Registration registration;  // id 0: the import assigns or finds it
};

struct RejectedRow {
  int line = 0;
  std::vector<std::string> fields;  // as in the file
  std::string reason;
};

struct ValidatedRows {
  std::vector<ImportRow> rows;
  std::vector<RejectedRow> rejected;
};

// Lower case, trimmed: "Anna.Becker@Example.DE " → "anna.becker@example.de".
std::string normalise_email(std::string_view email);
bool is_plausible_email(std::string_view email);

// Rows after the header (table.records[1…]). Throws MappingError when the event has more than
// one venue and the file has no venue column.
ValidatedRows validate_rows(const CsvTable& table, const ColumnMap& map, const core::Event& event);

}  // namespace einlass::sync::server::import
