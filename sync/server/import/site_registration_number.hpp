#pragma once
// The registration site's own number for a person ("Anmelde-Nr.", e.g. RK19-10010), which the
// import keeps as the registration's identity "id:<number>" (import_identities). Organisers
// match attendance back to the site's list by it (certificates, travel refunds), so everything
// they get back names it next to Einlass's own "R…" id. People imported by e-mail address
// ("email:<address>"), added with roster-add, and walk-ins have none: "".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server::import {

// An SQL expression for the site number of the registration whose id is the SQL expression
// `registration_id`: '' when it has none. Uses the index on registration_id. Qualify a column
// ("registration_changes.registration_id", not "registration_id"): inside the subquery a bare
// name would mean import_identities' own column and match every row.
std::string site_registration_number_sql(std::string_view registration_id);

// "R1001" -> 1001; nullopt for walk-ins ("W…") and anything that is not a registration's id.
std::optional<uint32_t> registration_id_of_participant(std::string_view participant);

// Looks numbers up one by one with one prepared statement (for short lists: duplicates).
class SiteRegistrationNumbers {
 public:
  explicit SiteRegistrationNumbers(const store::Database& db);
  // "" for walk-ins and registrations without a site number.
  std::string of_participant(std::string_view participant);

 private:
  store::Statement lookup_;
};

}  // namespace einlass::sync::server::import
