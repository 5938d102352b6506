#include "sync/server/retention/ticket_folders.hpp"

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "sync/server/mail/ticket_issuing.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFoldersKey = "ticket_folders";  // one absolute path per line

bool may_exist(const fs::path& file) {
  std::error_code ec;
  // Unreadable state (a folder without permission) counts as present: the purge then tries,
  // fails and names the file instead of silently skipping it.
  return fs::symlink_status(file, ec).type() != fs::file_type::not_found;
}

// In order, each once.
class FileList {
 public:
  void add(const fs::path& file) {
    const std::string text = file.lexically_normal().string();
    if (seen_.insert(text).second && may_exist(file)) files_.push_back(text);
  }
  std::vector<std::string> take() && { return std::move(files_); }

 private:
  std::set<std::string> seen_;
  std::vector<std::string> files_;
};

// The names ticket_file() gives: R<registration>-<serial>.eml / .png.
bool is_ticket_file_name(const std::string& name) {
  static const std::regex pattern(R"(R\d+-\d+\.(eml|png))");
  return std::regex_match(name, pattern);
}

// Every ticket file in `folder`, also those no outbox row names: a `tickets` run killed before
// it committed its rows, or a purge killed between its DELETE and the file deletion, leaves
// them behind, and they still name a participant.
void add_ticket_files_in(const fs::path& folder, FileList& files) {
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) return;  // a folder gone since (or never created) holds nothing to delete
  for (const fs::directory_entry& entry : it)
    if (is_ticket_file_name(entry.path().filename().string())) files.add(entry.path());
}

}  // namespace

void remember_ticket_folder(store::Database& db, const fs::path& out_dir) {
  const fs::path folder = fs::absolute(out_dir).lexically_normal();
  for (const fs::path& known : ticket_folders(db))
    if (known == folder) return;
  const std::string before = kMeta.get(db, kFoldersKey).value_or("");
  kMeta.put(db, kFoldersKey, before + folder.string() + "\n");
}

std::vector<fs::path> ticket_folders(const store::Database& db) {
  std::vector<fs::path> out;
  std::istringstream lines(kMeta.get(db, kFoldersKey).value_or(""));
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) out.emplace_back(line);
  return out;
}

std::vector<std::string> existing_ticket_files(const store::Database& db) {
  struct Ticket {
    uint32_t registration_id;
    int serial;
  };
  std::vector<Ticket> tickets;
  std::vector<fs::path> folders = ticket_folders(db);
  FileList files;
  store::Statement st =
      db.prepare("SELECT registration_id, ticket_serial, eml_file FROM mail_outbox ORDER BY rowid");
  while (st.step()) {
    tickets.push_back({static_cast<uint32_t>(st.integer(0)), static_cast<int>(st.integer(1))});
    const std::string eml = st.text(2);
    if (eml.empty()) continue;
    files.add(eml);
    // The QR code image is written beside the e-mail under the same name (ticket_file()).
    files.add(fs::path(eml).replace_extension(".png"));
    const fs::path folder = fs::path(eml).parent_path();
    if (std::find(folders.begin(), folders.end(), folder) == folders.end())
      folders.push_back(folder);
  }
  for (const fs::path& folder : folders) {
    add_ticket_files_in(folder, files);
    // Also by the rows' names: a folder that cannot be listed may still hold them.
    for (const Ticket& t : tickets)
      for (const char* extension : {"png", "eml"})
        files.add(mail::ticket_file(folder, t.registration_id, t.serial, extension));
  }
  return std::move(files).take();
}

}  // namespace einlass::sync::server
