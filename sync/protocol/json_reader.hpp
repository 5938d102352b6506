#pragma once
// Reads one JSON object field by field with the checks every message needs: present or not,
// right type, within bounds. Each failure is a ProtocolError naming the field's path. In strict
// mode (the server reading a request) unknown fields are an error too — a misspelt field must
// not be silently ignored; the kiosk reads answers leniently so a newer server can add fields.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/protocol/protocol_error.hpp"

namespace einlass::sync::protocol {

class JsonReader {
 public:
  // Throws when `value` is not an object.
  JsonReader(const nlohmann::json& value, std::string path, bool strict);

  bool has(std::string_view key) const;
  std::string text(std::string_view key, std::size_t max_length) const;
  std::optional<std::string> optional_text(std::string_view key, std::size_t max_length) const;
  int64_t integer(std::string_view key, int64_t min, int64_t max) const;
  std::optional<int64_t> optional_integer(std::string_view key, int64_t min, int64_t max) const;
  bool boolean(std::string_view key) const;
  std::optional<bool> optional_boolean(std::string_view key) const;
  std::vector<std::string> text_list(std::string_view key, std::size_t max_items,
                                     std::size_t max_length) const;
  const nlohmann::json& array(std::string_view key, std::size_t max_items) const;
  const nlohmann::json& object(std::string_view key) const;

  std::string field_path(std::string_view key) const;
  // Strict mode: throws for a field none of the calls above asked for.
  void finish() const;

 private:
  const nlohmann::json& field(std::string_view key) const;

  const nlohmann::json& value_;
  std::string path_;
  bool strict_;
  mutable std::set<std::string, std::less<>> seen_;
};

// Parses a request or answer body; throws ProtocolError("<what>: not valid JSON …").
nlohmann::json parse_json_body(std::string_view body, std::string_view what);

}  // namespace einlass::sync::protocol
