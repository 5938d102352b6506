#include "sync/server/import/import_source.hpp"

namespace einlass::sync::server::import {

std::optional<char> parse_separator(std::string_view text) {
  if (text == ";" || text == "semicolon") return ';';
  if (text == "," || text == "comma") return ',';
  if (text == "\t" || text == "tab" || text == "\\t") return '\t';
  return std::nullopt;
}

ImportSource read_import_source(std::string_view bytes, const SourceOptions& options,
                                const core::Event& event) {
  ImportSource source;
  source.encoding = options.encoding.value_or(detect_encoding(bytes));
  // A forced utf-8 on a file with a BOM still writes the rejects file with one.
  if (source.encoding == TextEncoding::Utf8 && detect_encoding(bytes) == TextEncoding::Utf8Bom)
    source.encoding = TextEncoding::Utf8Bom;
  const std::string text = decode_to_utf8(bytes, source.encoding);
  const char separator = options.separator.value_or(detect_separator(text));
  source.table = read_csv(text, separator);
  if (source.table.records.empty()) throw CsvError("the file is empty (no header line)");
  source.columns = map_columns(source.table.records.front().fields, options.mappings,
                               event.topic_label, event.topic_short);
  source.rows = validate_rows(source.table, source.columns, event);
  return source;
}

std::string rejects_csv(const ImportSource& source) {
  std::vector<std::string> header = source.table.records.front().fields;
  const size_t width = header.size();
  header.push_back("Importfehler");
  std::string text = csv_line(header, source.table.separator);
  for (const RejectedRow& row : source.rows.rejected) {
    std::vector<std::string> fields = row.fields;
    fields.resize(std::max(width, fields.size()));
    fields.push_back("line " + std::to_string(row.line) + ": " + row.reason);
    text += csv_line(fields, source.table.separator);
  }
  return encode_from_utf8(text, source.encoding);
}

}  // namespace einlass::sync::server::import
