#pragma once
// Which CSV column holds which registration field. Headers are matched in German and English,
// ignoring case, spaces, punctuation and umlaut spellings ("E-Mail", "email", "E-Mail-Adresse";
// "Veranstaltungsort", "Venue"); --map "Spalte=field" names any other column. Columns nobody
// asked for are ignored and listed once, so a typo in a header does not go unnoticed.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace einlass::sync::server::import {

struct ColumnMap {
  std::optional<size_t> id, first_name, last_name, email, organisation, venue, day;
  std::vector<size_t> topics;        // "Handlungsfeld 1", "Handlungsfeld 2" … in that order
  std::vector<std::string> ignored;  // headers of columns no field uses
};

// The columns' header texts, for messages and the rejects file.
struct UserMapping {
  std::string column;  // header text as in the file
  std::string field;  // id, first_name, last_name, email, organisation, venue, day, topic1…, ignore
};

class MappingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "Spalte=field" → UserMapping; throws MappingError naming the known fields.
UserMapping parse_user_mapping(std::string_view text);

// Header text → the key headers are compared by ("E-Mail-Adresse" → "emailadresse").
std::string header_key(std::string_view header);

// Throws MappingError when a needed column is missing (last name, e-mail), a field is held by
// two columns, or a --map names a column the file does not have.
ColumnMap map_columns(const std::vector<std::string>& headers,
                      const std::vector<UserMapping>& user_mappings, std::string_view topic_label,
                      std::string_view topic_short);

}  // namespace einlass::sync::server::import
