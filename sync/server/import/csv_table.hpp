#pragma once
// A CSV file as rows of fields, read with libcsv (RFC 4180: quoted fields with embedded
// separators, doubled quotes and line breaks; CRLF or LF). Each record keeps the physical line
// it starts on, so messages point where the organiser looks in an editor.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace einlass::sync::server::import {

struct CsvRecord {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  char separator = ';';
  std::vector<CsvRecord> records;  // the header is records[0]; blank lines are left out
};

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// ';', ',' or '\t': whichever occurs most often outside quotes in the first line (ties go to
// ';', what German Excel writes). Throws CsvError when the line holds none of them.
char detect_separator(std::string_view utf8_text);

// Throws CsvError (naming the line) for a quoted field that is never closed.
CsvTable read_csv(std::string_view utf8_text, char separator);

// One record as CSV text ending in CRLF (what Excel writes), quoting fields that need it.
std::string csv_line(const std::vector<std::string>& fields, char separator);

// "semicolon", "comma", "tab" — for messages.
std::string_view separator_name(char separator);

}  // namespace einlass::sync::server::import
