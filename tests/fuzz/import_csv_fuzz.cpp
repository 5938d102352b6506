// The registration CSV reader on arbitrary bytes (a file organisers got from anywhere): decoding
// always gives valid UTF-8, reading either succeeds or throws CsvError, records start on
// increasing lines within the file, and what csv_line writes reads back as the same fields
// (the rejects file must import again).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sync/server/import/csv_table.hpp"
#include "sync/server/import/text_encoding.hpp"

using namespace einlass::sync::server::import;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::string text = decode_to_utf8(bytes, detect_encoding(bytes));
  if (!is_valid_utf8(text)) std::abort();
  if (!is_valid_utf8(decode_to_utf8(bytes, TextEncoding::Windows1252))) std::abort();
  char separator = ';';
  try {
    separator = detect_separator(text);
  } catch (const CsvError&) {
  }
  CsvTable table;
  try {
    table = read_csv(text, separator);
  } catch (const CsvError&) {
    return 0;
  }
  // Lines end in LF, CRLF or a lone CR.
  int lines = 1;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      ++lines;
  int previous = 0;
  std::string written;
  for (const CsvRecord& r : table.records) {
    if (r.line <= previous || r.line > lines) std::abort();
    previous = r.line;
    written += csv_line(r.fields, separator);
  }
  const CsvTable again = read_csv(written, separator);
  if (again.records.size() != table.records.size()) std::abort();
  for (size_t i = 0; i < again.records.size(); ++i)
    if (again.records[i].fields != table.records[i].fields) std::abort();
  return 0;
}
