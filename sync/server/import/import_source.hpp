#pragma once
// A registration CSV from bytes to checked rows: encoding, separator, records, columns, rows.
// Everything the import knows about the file before it looks at the database.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/event_model.hpp"
#include "sync/server/import/column_mapping.hpp"
#include "sync/server/import/csv_table.hpp"
#include "sync/server/import/row_validation.hpp"
#include "sync/server/import/text_encoding.hpp"

namespace einlass::sync::server::import {

struct SourceOptions {
  std::optional<TextEncoding> encoding;  // detected when empty
  std::optional<char> separator;         // detected from the header line when empty
  std::vector<UserMapping> mappings;
};

struct ImportSource {
  TextEncoding encoding = TextEncoding::Utf8;
  CsvTable table;  // records[0] is the header
  ColumnMap columns;
  ValidatedRows rows;
};

// Throws CsvError or MappingError for a file that cannot be read as a registration list at all
// (no header, no e-mail column …); row problems are in rows.rejected.
ImportSource read_import_source(std::string_view bytes, const SourceOptions& options,
                                const core::Event& event);

// "--separator" values: ";", ",", "tab" (or a real tab), "semicolon", "comma"; nullopt if other.
std::optional<char> parse_separator(std::string_view text);

// The rejected rows with the file's columns plus "Importfehler" (the reason), in the file's
// encoding and separator, so it opens in Excel like the original; fixed, it imports as is.
std::string rejects_csv(const ImportSource& source);

}  // namespace einlass::sync::server::import
