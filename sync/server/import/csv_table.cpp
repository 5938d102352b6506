#include "sync/server/import/csv_table.hpp"

#include <csv.h>

#include <array>
#include <memory>

namespace einlass::sync::server::import {

namespace {

struct ReadState {
  CsvTable* table;
  std::vector<std::string> fields;
  int record_start = 1;
  bool record_ended = false;  // during the current physical line
};

void on_field(void* data, size_t size, void* raw) {
  auto* state = static_cast<ReadState*>(raw);
  state->fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? size : 0);
}

void on_record(int, void* raw) {
  auto* state = static_cast<ReadState*>(raw);
  state->record_ended = true;
  bool blank = true;
  for (const std::string& f : state->fields)
    if (f.find_first_not_of(" \t") != std::string::npos) blank = false;
  if (!blank) state->table->records.push_back({state->record_start, std::move(state->fields)});
  state->fields.clear();
}

// libcsv trims blanks around unquoted fields; a tab may be the separator, so only spaces.
int is_space(unsigned char c) {
  return c == ' ' ? 1 : 0;
}

}  // namespace

std::string_view separator_name(char separator) {
  switch (separator) {
    case ';':
      return "semicolon";
    case ',':
      return "comma";
    case '\t':
      return "tab";
  }
  return "separator";
}

char detect_separator(std::string_view text) {
  std::array<std::pair<char, int>, 3> counts{{{';', 0}, {',', 0}, {'\t', 0}}};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    if (quoted) continue;
    for (auto& [sep, n] : counts)
      if (c == sep) ++n;
  }
  auto best = counts[0];
  for (const auto& candidate : counts)
    if (candidate.second > best.second) best = candidate;
  if (best.second == 0)
    throw CsvError(
        "the first line has no semicolon, comma or tab between column names; is this a CSV "
        "file with a header line? (--separator sets the separator)");
  return best.first;
}

CsvTable read_csv(std::string_view text, char separator) {
  CsvTable table;
  table.separator = separator;
  csv_parser parser{};
  if (csv_init(&parser, CSV_APPEND_NULL) != 0) throw CsvError("cannot set up the CSV reader");
  const std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
  csv_set_delim(&parser, static_cast<unsigned char>(separator));
  csv_set_space_func(&parser, is_space);
  ReadState state{&table, {}, 1, false};
  // Fed one physical line at a time: a record that ends within line N makes line N + 1 the
  // start of the next one (blank lines in between are skipped by moving the start along).
  int line = 1;
  bool at_boundary = true;
  for (size_t pos = 0; pos < text.size(); ++line) {
    // A line ends in LF, CRLF or a lone CR (old Mac files), as editors count lines; libcsv
    // ends a record at each of them too.
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) {
      end = text.size();
    } else {
      end += text.compare(end, 2, "\r\n") == 0 ? 2 : 1;
    }
    const std::string_view physical = text.substr(pos, end - pos);
    if (at_boundary) state.record_start = line;
    state.record_ended = false;
    if (csv_parse(&parser, physical.data(), physical.size(), on_field, on_record, &state) !=
        physical.size())
      throw CsvError("line " + std::to_string(line) + ": " + csv_strerror(csv_error(&parser)));
    const bool blank = physical.find_first_not_of(" \t\r\n") == std::string_view::npos;
    at_boundary = state.record_ended || (at_boundary && blank);
    pos = end;
  }
  // libcsv reports an unclosed quote only in strict mode, which also refuses the stray quotes
  // hand-edited files have ("Verein "Brücke" e.V."); its public state tells it instead.
  constexpr int kFieldBegun = 2;  // libcsv's FIELD_BEGUN
  if ((parser.pstate == kFieldBegun && parser.quoted != 0) ||
      csv_fini(&parser, on_field, on_record, &state) != 0)
    throw CsvError("line " + std::to_string(state.record_start) +
                   ": a quoted field (starting with \") is never closed; the file ends inside it");
  return table;
}

std::string csv_line(const std::vector<std::string>& fields, char separator) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(separator);
    const std::string& f = fields[i];
    // Leading or trailing spaces too: readers (libcsv among them) trim unquoted fields.
    const bool needs_quotes =
        f.find_first_of(std::string("\"\r\n") + separator) != std::string::npos ||
        (!f.empty() && (f.front() == ' ' || f.back() == ' '));
    if (!needs_quotes) {
      out += f;
      continue;
    }
    out.push_back('"');
    for (char c : f) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out += "\r\n";
  return out;
}

}  // namespace einlass::sync::server::import
