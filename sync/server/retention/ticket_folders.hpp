#pragma once
// Where `tickets` wrote its files (QR PNGs and .eml per ticket, named by ticket_file()), so a
// retention purge finds every one of them: a ticket without a usable e-mail address has only
// its printable PNG, and no outbox row names that file.

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

// Remembers `out_dir` (made absolute: a later purge may run in another folder). Called by
// `tickets` before it writes anything; remembering a folder twice keeps one entry.
void remember_ticket_folder(store::Database& db, const std::filesystem::path& out_dir);

// Every folder remembered, in the order first used.
std::vector<std::filesystem::path> ticket_folders(const store::Database& db);

// The ticket files that exist: every R<id>-<serial>.eml / .png in each remembered folder and
// each folder an .eml is in (also files no row names: a killed `tickets` run or purge leaves
// them), plus, from the mail outbox's rows (every state, superseded ones too), each row's .eml
// and its R<id>-<serial>.png / .eml in those folders (a folder that cannot be listed). A path
// whose state cannot be read is listed too, so the purge names it when it cannot delete it.
std::vector<std::string> existing_ticket_files(const store::Database& db);

}  // namespace einlass::sync::server
