#pragma once
// The organiser's live agenda changes (kiosk/core/agenda_changes.hpp): checked against the
// configured day with every earlier change applied, so kiosks never receive an agenda that
// overlaps itself; then appended to the log kiosks pull from.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/agenda_changes.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/server/server_config.hpp"

namespace einlass::sync::server {

class AgendaChangeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Returns the stored change (with its id). Throws AgendaChangeError saying what is wrong;
// nothing is stored then.
core::AgendaChange add_agenda_change(store::Database& db, const ServerConfig& config,
                                     core::AgendaChange change, int64_t now_ms);

std::vector<core::AgendaChange> agenda_changes(const store::Database& db, const std::string& venue,
                                               int64_t since);
protocol::AgendaPage agenda_page(const store::Database& db, const std::string& venue,
                                 int64_t since);
int64_t agenda_head(const store::Database& db, const std::string& venue);

// The day as it now runs, for `agenda list`.
core::Day current_day(const store::Database& db, const ServerConfig& config,
                      const std::string& venue, const std::string& day);

}  // namespace einlass::sync::server
