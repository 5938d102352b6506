#include "sync/server/import/row_validation.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "kiosk/core/search_fold.hpp"
#include "sync/protocol/limits.hpp"
#include "sync/server/import/event_lookup.hpp"

namespace einlass::sync::server::import {

namespace {

// Trimmed, inner runs of blanks and line breaks collapsed to one space.
std::string clean(std::string_view text) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out.push_back(' ');
    blank = false;
    out.push_back(c);
  }
  return out;
}

std::string field_at(const CsvRecord& record, const std::optional<size_t>& column) {
  if (!column || *column >= record.fields.size()) return "";
  return clean(record.fields[*column]);
}

std::string topic_list(const std::vector<std::string>& topics) {
  std::string out;
  for (const std::string& t : topics)
    out += (out.empty() ? "" : ", ") + t;
  return out;
}

class RowChecker {
 public:
  RowChecker(const ColumnMap& map, const core::Event& event, size_t header_size)
      : map_(map), event_(event), header_size_(header_size) {}

  // The registration, or the reasons it cannot be stored.
  std::vector<std::string> check(const CsvRecord& record, ImportRow& row) {
    std::vector<std::string> reasons;
    const auto extra =
        std::find_if(record.fields.begin() + std::min(header_size_, record.fields.size()),
                     record.fields.end(), [](const std::string& f) { return !clean(f).empty(); });
    if (extra != record.fields.end())
      reasons.push_back(std::to_string(record.fields.size()) + " values, but the header has " +
                        std::to_string(header_size_) +
                        " columns (a separator inside a value? put that value in quotes)");
    Registration& r = row.registration;
    r.first_name = field_at(record, map_.first_name);
    r.last_name = field_at(record, map_.last_name);
    r.organisation = field_at(record, map_.organisation);
    const std::string email = field_at(record, map_.email);
    r.email = normalise_email(email);
    for (const std::string* text : {&r.first_name, &r.last_name, &r.organisation, &r.email})
      if (text->size() > protocol::kMaxTextLength)
        reasons.push_back("a value is longer than " + std::to_string(protocol::kMaxTextLength) +
                          " characters");
    if (r.last_name.empty()) reasons.push_back("missing name (last name is empty)");
    if (r.email.empty()) {
      reasons.push_back("missing e-mail address (the ticket is sent there)");
    } else if (!is_plausible_email(r.email)) {
      reasons.push_back("invalid e-mail address \"" + email + "\"");
    }
    check_venue_and_day(record, r, reasons);
    check_topics(record, r, reasons);

    if (map_.id) {
      const std::string id = field_at(record, map_.id);
      if (id.empty()) reasons.push_back("missing registration id");
      row.identity = "id:" + id;
    } else {
      row.identity = "email:" + r.email;
    }
    check_duplicates(record.line, row, reasons);
    return reasons;
  }

 private:
  void check_venue_and_day(const CsvRecord& record, Registration& r,
                           std::vector<std::string>& reasons) {
    const std::string venue_text = field_at(record, map_.venue);
    if (!map_.venue && event_.venues.size() == 1) {
      r.venue = event_.venues.front().id;
    } else if (venue_text.empty()) {
      reasons.push_back("missing venue; known venues: " + known_venues(event_));
      return;
    } else if (const auto venue = cached_venue(venue_text)) {
      r.venue = *venue;
    } else {
      reasons.push_back("unknown venue \"" + venue_text +
                        "\"; known venues: " + known_venues(event_));
      return;
    }
    const core::Venue& venue = event_.venues[*core::venue_index(event_, r.venue)];
    const std::string day_text = field_at(record, map_.day);
    if (day_text.empty()) return;
    if (const auto day = find_day(venue, day_text)) {
      r.day = *day;
      return;
    }
    std::string days;
    for (const core::Day& d : venue.days)
      days += (days.empty() ? "" : ", ") + d.date;
    reasons.push_back("unknown day \"" + day_text + "\" for " + venue.city + " (its days: " + days +
                      ")");
  }

  void check_topics(const CsvRecord& record, Registration& r, std::vector<std::string>& reasons) {
    const std::string& label = event_.topic_label;
    for (size_t column : map_.topics) {
      const std::string text = field_at(record, column);
      if (text.empty() || text == "-" || text == "–") continue;
      const auto topic = cached_topic(text);
      if (!topic) {
        reasons.push_back("unknown " + label + " \"" + text + "\" (known: " + event_.topic_short +
                          " 1–" + std::to_string(event_.topics.size()) + " or their names)");
        continue;
      }
      if (std::find(r.topics.begin(), r.topics.end(), *topic) != r.topics.end()) {
        reasons.push_back("the same " + label + " (" + *topic + ") chosen twice");
        continue;
      }
      r.topics.push_back(*topic);
    }
    const auto max = static_cast<size_t>(event_.max_topics_per_participant);
    if (r.topics.size() > max)
      reasons.push_back(std::to_string(r.topics.size()) + " " + label + " choices (" +
                        topic_list(r.topics) + "), at most " + std::to_string(max) + " per person");
    if (r.venue.empty()) return;
    const core::Venue& venue = event_.venues[*core::venue_index(event_, r.venue)];
    for (const std::string& topic : r.topics)
      if (core::rounds_offering(event_, venue, topic).empty())
        reasons.push_back(topic + " is not offered in " + venue.city);
  }

  void check_duplicates(int line, const ImportRow& row, std::vector<std::string>& reasons) {
    if (row.identity == "id:") return;
    if (const auto [it, fresh] = by_identity_.try_emplace(row.identity, line); !fresh) {
      reasons.push_back(std::string("duplicate person: same ") +
                        (map_.id ? "registration id" : "e-mail address") + " as line " +
                        std::to_string(it->second));
      return;
    }
    // With an id column, one address may serve two people (info@verein.de); the same name at
    // the same address twice is still one person registered twice.
    if (!map_.id || row.registration.email.empty()) return;
    const Registration& r = row.registration;
    const std::string person =
        r.email + "\n" + core::fold_for_search(r.first_name + " " + r.last_name);
    if (const auto [it, fresh] = by_person_.try_emplace(person, line); !fresh)
      reasons.push_back("duplicate person: same name and e-mail address as line " +
                        std::to_string(it->second));
  }

  // A list repeats a handful of venue and topic spellings thousands of times; each is
  // folded and compared once.
  std::optional<std::string> cached_venue(const std::string& text) {
    const auto [it, fresh] = venue_cache_.try_emplace(text);
    if (fresh) it->second = find_venue(event_, text);
    return it->second;
  }
  std::optional<std::string> cached_topic(const std::string& text) {
    const auto [it, fresh] = topic_cache_.try_emplace(text);
    if (fresh) it->second = find_topic_id(event_, text);
    return it->second;
  }

  std::unordered_map<std::string, std::optional<std::string>> venue_cache_, topic_cache_;
  const ColumnMap& map_;
  const core::Event& event_;
  size_t header_size_;
  std::unordered_map<std::string, int> by_identity_, by_person_;
};

}  // namespace

std::string normalise_email(std::string_view email) {
  std::string out = clean(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_plausible_email(std::string_view email) {
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return false;
  for (char c : local)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 &&
        std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) == std::string_view::npos &&
        static_cast<unsigned char>(c) < 0x80)
      return false;
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 3 > domain.size() ||
      domain.find("..") != std::string_view::npos || domain.front() == '-')
    return false;
  for (char c : domain)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '.' &&
        static_cast<unsigned char>(c) < 0x80)
      return false;
  return true;
}

ValidatedRows validate_rows(const CsvTable& table, const ColumnMap& map, const core::Event& event) {
  if (!map.venue && event.venues.size() > 1)
    throw MappingError("no column for the venue (Veranstaltungsort / Venue); the event has " +
                       std::to_string(event.venues.size()) + " venues: " + known_venues(event) +
                       ". Name the column with --map \"Column=venue\"");
  ValidatedRows out;
  const size_t header_size = table.records.empty() ? 0 : table.records.front().fields.size();
  RowChecker checker(map, event, header_size);
  for (size_t i = 1; i < table.records.size(); ++i) {
    const CsvRecord& record = table.records[i];
    ImportRow row;
    row.line = record.line;
    std::vector<std::string> reasons = checker.check(record, row);
    if (reasons.empty()) {
      out.rows.push_back(std::move(row));
      continue;
    }
    std::string reason;
    for (const std::string& r : reasons)
      reason += (reason.empty() ? "" : "; ") + r;
    out.rejected.push_back({record.line, record.fields, reason});
  }
  return out;
}

}  // namespace einlass::sync::server::import
