#include "sync/server/import/site_registration_number.hpp"

#include <charconv>

namespace einlass::sync::server::import {

namespace {

// The prefix row_validation.cpp gives an identity taken from the site's id column.
constexpr std::string_view kSiteIdPrefix = "id:";

}  // namespace

std::string site_registration_number_sql(std::string_view registration_id) {
  return "COALESCE((SELECT substr(site.identity, " + std::to_string(kSiteIdPrefix.size() + 1) +
         ") FROM import_identities site WHERE site.registration_id = " +
         std::string(registration_id) + " AND substr(site.identity, 1, " +
         std::to_string(kSiteIdPrefix.size()) + ") = '" + std::string(kSiteIdPrefix) + "'), '')";
}

std::optional<uint32_t> registration_id_of_participant(std::string_view participant) {
  if (participant.size() < 2 || participant.front() != 'R') return std::nullopt;
  uint32_t id = 0;
  const char* end = participant.data() + participant.size();
  const auto [stop, error] = std::from_chars(participant.data() + 1, end, id);
  if (error != std::errc() || stop != end) return std::nullopt;
  // Exactly what participant_id_for_registration() writes ("R07" is nobody's id).
  if (participant.substr(1) != std::to_string(id)) return std::nullopt;
  return id;
}

SiteRegistrationNumbers::SiteRegistrationNumbers(const store::Database& db)
    : lookup_(db.prepare("SELECT " + site_registration_number_sql("?"))) {}

std::string SiteRegistrationNumbers::of_participant(std::string_view participant) {
  const auto id = registration_id_of_participant(participant);
  if (!id) return "";
  lookup_.reset();
  lookup_.bind(1, static_cast<int64_t>(*id));
  return lookup_.step() ? lookup_.text(0) : "";
}

}  // namespace einlass::sync::server::import
