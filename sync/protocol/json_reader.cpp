#include "sync/protocol/json_reader.hpp"

namespace einlass::sync::protocol {

namespace {
std::string type_name(const nlohmann::json& v) {
  return v.is_null() ? "null" : v.type_name();
}
}  // namespace

JsonReader::JsonReader(const nlohmann::json& value, std::string path, bool strict)
    : value_(value), path_(std::move(path)), strict_(strict) {
  if (!value_.is_object())
    throw ProtocolError((path_.empty() ? "the body" : path_) + " must be a JSON object, not " +
                        type_name(value_));
}

std::string JsonReader::field_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

bool JsonReader::has(std::string_view key) const {
  seen_.emplace(key);
  const auto it = value_.find(key);
  return it != value_.end() && !it->is_null();
}

const nlohmann::json& JsonReader::field(std::string_view key) const {
  seen_.emplace(key);
  const auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) throw ProtocolError(field_path(key) + " is missing");
  return *it;
}

std::string JsonReader::text(std::string_view key, std::size_t max_length) const {
  const nlohmann::json& v = field(key);
  if (!v.is_string())
    throw ProtocolError(field_path(key) + " must be a string, not " + type_name(v));
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() > max_length)
    throw ProtocolError(field_path(key) + " is longer than " + std::to_string(max_length) +
                        " bytes");
  return s;
}

std::optional<std::string> JsonReader::optional_text(std::string_view key,
                                                     std::size_t max_length) const {
  if (!has(key)) return std::nullopt;
  return text(key, max_length);
}

int64_t JsonReader::integer(std::string_view key, int64_t min, int64_t max) const {
  const nlohmann::json& v = field(key);
  if (!v.is_number_integer())
    throw ProtocolError(field_path(key) + " must be a whole number, not " + type_name(v));
  // Unsigned values above INT64_MAX would wrap; they are out of every range we accept.
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
    throw ProtocolError(field_path(key) + " is out of range");
  const int64_t n = v.get<int64_t>();
  if (n < min || n > max)
    throw ProtocolError(field_path(key) + " must be between " + std::to_string(min) + " and " +
                        std::to_string(max) + ", not " + std::to_string(n));
  return n;
}

std::optional<int64_t> JsonReader::optional_integer(std::string_view key, int64_t min,
                                                    int64_t max) const {
  if (!has(key)) return std::nullopt;
  return integer(key, min, max);
}

bool JsonReader::boolean(std::string_view key) const {
  const nlohmann::json& v = field(key);
  if (!v.is_boolean())
    throw ProtocolError(field_path(key) + " must be true or false, not " + type_name(v));
  return v.get<bool>();
}

std::optional<bool> JsonReader::optional_boolean(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return boolean(key);
}

std::vector<std::string> JsonReader::text_list(std::string_view key, std::size_t max_items,
                                               std::size_t max_length) const {
  const nlohmann::json& v = array(key, max_items);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string where = field_path(key) + "[" + std::to_string(i) + "]";
    if (!v[i].is_string()) throw ProtocolError(where + " must be a string, not " + type_name(v[i]));
    if (v[i].get_ref<const std::string&>().size() > max_length)
      throw ProtocolError(where + " is longer than " + std::to_string(max_length) + " bytes");
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

const nlohmann::json& JsonReader::array(std::string_view key, std::size_t max_items) const {
  const nlohmann::json& v = field(key);
  if (!v.is_array()) throw ProtocolError(field_path(key) + " must be a list, not " + type_name(v));
  if (v.size() > max_items)
    throw ProtocolError(field_path(key) + " has " + std::to_string(v.size()) +
                        " entries; at most " + std::to_string(max_items) + " are allowed");
  return v;
}

const nlohmann::json& JsonReader::object(std::string_view key) const {
  const nlohmann::json& v = field(key);
  if (!v.is_object())
    throw ProtocolError(field_path(key) + " must be an object, not " + type_name(v));
  return v;
}

void JsonReader::finish() const {
  if (!strict_) return;
  for (const auto& [key, _] : value_.items())
    if (!seen_.contains(key)) throw ProtocolError(field_path(key) + " is not a known field");
}

nlohmann::json parse_json_body(std::string_view body, std::string_view what) {
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte tells where; the library's full message is long and technical.
    throw ProtocolError(std::string(what) + " is not valid JSON (error at byte " +
                        std::to_string(e.byte) + ")");
  }
}

}  // namespace einlass::sync::protocol
