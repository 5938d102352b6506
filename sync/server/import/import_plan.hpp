#pragma once
// What an import changes, worked out before anything is written (so --dry-run prints exactly
// what a real run stores), and then stored in one transaction with a change record per field.
//
// Identity: a row is the same person as before when its identity ("id:<registration id>" when
// the file has an id column, else "email:<normalised e-mail>") was imported before. Without an
// id column one e-mail address is one person, wherever they registered: a person who switches
// venue on the registration site keeps their registration and gets a re-issued ticket, instead
// of ending up with two tickets. Two people sharing an address need an id column.
//
// A change of venue, day or topics re-issues the ticket (serial + 1: kiosks refuse the old code
// as "replaced") and clears the room placement so tickets are placed again; a change of name,
// organisation or e-mail keeps the ticket. People missing from the file are cancelled only on
// request, and only at the venues the file lists, so a file with one venue's people does not
// cancel the other venues'.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/import/row_validation.hpp"
#include "sync/server/registrations.hpp"

namespace einlass::sync::server::import {

struct FieldChange {
  std::string field, before, after;
};

struct PlannedChange {
  enum class Kind { Added, Changed, Cancelled } kind = Kind::Added;
  int line = 0;  // 0 for a cancellation
  std::string identity;
  Registration after;
  std::vector<FieldChange> fields;
  bool reissued = false;
};

struct ImportCounts {
  int added = 0, changed = 0, unchanged = 0, cancelled = 0, reissued = 0, rejected = 0;
};

struct ImportPlan {
  std::vector<PlannedChange> changes;
  ImportCounts counts;
};

struct ImportOptions {
  bool cancel_missing = false;
};

// Reads the database, writes nothing. Throws std::runtime_error when a ticket cannot be
// re-issued any more (serial 255).
ImportPlan plan_import(const store::Database& db, const std::vector<ImportRow>& rows,
                       const ImportOptions& options);

// Stores the plan in one transaction; returns the import run's id.
int64_t apply_import(store::Database& db, const ImportPlan& plan, const std::string& file_name,
                     int64_t now_ms);

}  // namespace einlass::sync::server::import
