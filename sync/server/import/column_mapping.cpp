#include "sync/server/import/column_mapping.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "kiosk/core/search_fold.hpp"

namespace einlass::sync::server::import {

namespace {

constexpr std::string_view kFieldList =
    "id, first_name, last_name, email, organisation, venue, day, topic1, topic2 …, ignore";

// Header keys (see header_key) of the columns registration sites and Excel lists use.
struct Alias {
  std::string_view field;
  std::array<std::string_view, 10> keys;
};
constexpr std::array<Alias, 7> kAliases{{
    {"id",
     {"id", "anmeldenr", "anmeldenummer", "anmeldeid", "registrationid", "registrationno",
      "registrationnumber", "nr", "teilnehmernr", "buchungsnr"}},
    {"first_name", {"vorname", "firstname", "givenname", "first", "forename"}},
    {"last_name", {"nachname", "lastname", "surname", "familyname", "familienname", "name"}},
    {"email",
     {"email", "emailadresse", "mail", "emailaddress", "mailadresse", "eml", "emailaddresse"}},
    {"organisation",
     {"organisation", "organization", "institution", "organisationinstitution", "einrichtung",
      "organisationeinrichtung", "company", "verbandverein", "traeger", "dienststelle"}},
    {"venue",
     {"veranstaltungsort", "venue", "ort", "standort", "konferenzort", "location",
      "regionalkonferenz", "konferenz", "tagungsort"}},
    {"day", {"tag", "datum", "day", "date", "termin", "veranstaltungstag"}},
}};

// The column the rejects file adds; a fixed rejects file comes back with it.
constexpr std::string_view kRejectColumnKey = "importfehler";

std::optional<std::string> known_field(const std::string& key, std::string_view topic_label,
                                       std::string_view topic_short) {
  for (const Alias& alias : kAliases)
    for (std::string_view k : alias.keys)
      if (!k.empty() && header_key(k) == key) return std::string(alias.field);
  // "Handlungsfeld 1", "HF2", "Topic 1", "Thema 2", "Wahl 1" and the event's own label.
  const std::array<std::string, 7> prefixes{header_key(topic_label),
                                            header_key(topic_short),
                                            "handlungsfeld",
                                            "topic",
                                            "thema",
                                            "wahl",
                                            "hf"};
  for (const std::string& prefix : prefixes) {
    if (prefix.empty() || !key.starts_with(prefix) || key.size() == prefix.size()) continue;
    const std::string rest = key.substr(prefix.size());
    if (std::all_of(rest.begin(), rest.end(), [](char c) { return std::isdigit(c) != 0; }) &&
        rest.size() <= 2)
      return "topic" + rest;
  }
  if (key == kRejectColumnKey) return "ignore";
  return std::nullopt;
}

bool valid_field(std::string_view field) {
  if (field.starts_with("topic")) {
    const std::string_view n = field.substr(5);
    return !n.empty() && n.size() <= 2 &&
           std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(c) != 0; }) && n != "0";
  }
  for (const Alias& alias : kAliases)
    if (alias.field == field) return true;
  return field == "ignore";
}

}  // namespace

std::string header_key(std::string_view header) {
  std::string key;
  for (char c : core::fold_for_search(header))
    if (std::isalnum(static_cast<unsigned char>(c))) key.push_back(c);
  return key;
}

UserMapping parse_user_mapping(std::string_view text) {
  const size_t eq = text.rfind('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size())
    throw MappingError("--map \"" + std::string(text) +
                       "\": write it as \"Column header=field\", field one of " +
                       std::string(kFieldList));
  UserMapping m{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
  std::string field;
  for (char c : m.field)
    if (c != ' ') field.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (field == "organization") field = "organisation";
  if (field == "firstname") field = "first_name";
  if (field == "lastname") field = "last_name";
  if (!valid_field(field))
    throw MappingError("--map \"" + std::string(text) + "\": \"" + m.field +
                       "\" is not a field; use one of " + std::string(kFieldList));
  m.field = field;
  return m;
}

ColumnMap map_columns(const std::vector<std::string>& headers,
                      const std::vector<UserMapping>& user_mappings, std::string_view topic_label,
                      std::string_view topic_short) {
  std::vector<std::optional<std::string>> fields(headers.size());
  for (size_t i = 0; i < headers.size(); ++i)
    fields[i] = known_field(header_key(headers[i]), topic_label, topic_short);
  for (const UserMapping& m : user_mappings) {
    bool found = false;
    for (size_t i = 0; i < headers.size(); ++i) {
      if (header_key(headers[i]) != header_key(m.column)) continue;
      fields[i] = m.field;
      found = true;
    }
    if (!found) {
      std::string list;
      for (const std::string& h : headers)
        list += (list.empty() ? "\"" : ", \"") + h + "\"";
      throw MappingError("--map \"" + m.column + "=" + m.field + "\": the file has no column \"" +
                         m.column + "\" (its columns: " + list + ")");
    }
  }

  ColumnMap map;
  std::map<std::string, size_t> seen;
  std::map<int, size_t> topic_slots;
  for (size_t i = 0; i < headers.size(); ++i) {
    if (!fields[i]) {
      if (!headers[i].empty()) map.ignored.push_back(headers[i]);
      continue;
    }
    const std::string& field = *fields[i];
    if (field == "ignore") continue;
    if (const auto it = seen.find(field); it != seen.end())
      throw MappingError("columns \"" + headers[it->second] + "\" and \"" + headers[i] +
                         "\" both hold " + field + "; tell which one with --map \"" + headers[i] +
                         "=ignore\"");
    seen[field] = i;
    if (field.starts_with("topic")) {
      topic_slots[std::stoi(field.substr(5))] = i;
      continue;
    }
    std::optional<size_t>* slot = field == "id"             ? &map.id
                                  : field == "first_name"   ? &map.first_name
                                  : field == "last_name"    ? &map.last_name
                                  : field == "email"        ? &map.email
                                  : field == "organisation" ? &map.organisation
                                  : field == "venue"        ? &map.venue
                                                            : &map.day;
    *slot = i;
  }
  for (const auto& [slot, column] : topic_slots)
    map.topics.push_back(column);

  std::string columns;
  for (const std::string& h : headers)
    columns += (columns.empty() ? "\"" : ", \"") + h + "\"";
  if (!map.last_name)
    throw MappingError("no column for the last name (Nachname / Last name); the file's columns: " +
                       columns + ". Name it with --map \"Column=last_name\"");
  if (!map.email)
    throw MappingError("no column for the e-mail address (E-Mail / Email); the file's columns: " +
                       columns + ". Name it with --map \"Column=email\"");
  return map;
}

}  // namespace einlass::sync::server::import
