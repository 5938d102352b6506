#pragma once
// The subcommands of einlass-server. Each registers itself on the CLI11 app and returns the
// function that runs it, which returns the exit code: 0 done, 1 refused or failed, 2 usage or
// configuration error. Commands other than `serve` work directly on the database file, so the
// organiser can use them while the server runs (SQLite WAL allows it).

#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace einlass::sync::server {

using CommandRunner = std::function<int()>;

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// --db FILE; default $EINLASS_SERVER_DB, else the `database` of /etc/einlass/server.toml when
// that file exists (the Debian package's server), else ./einlass-server.sqlite
inline constexpr const char* kSystemServerConfig = "/etc/einlass/server.toml";
void add_db_option(CLI::App& command, std::string& file);
std::filesystem::path server_db_path(
    const std::string& option, const std::filesystem::path& system_config = kSystemServerConfig);

// `devices --revoke ID` and `organiser-token --revoke NAME` answer alike: "revoked ID", or
// (`found` false) an error pointing to `list_command`, which lists what exists. Returns the
// exit code.
int report_revocation(std::string_view what, const std::string& id, bool found,
                      std::string_view list_command);
// "active" or "REVOKED", for the lists.
std::string_view revocation_state(const std::optional<int64_t>& revoked_ms);

CommandRunner add_init_command(CLI::App& app);
CommandRunner add_serve_command(CLI::App& app);
CommandRunner add_enrol_command(CLI::App& app);
CommandRunner add_devices_command(CLI::App& app);
CommandRunner add_agenda_command(CLI::App& app);
CommandRunner add_keys_command(CLI::App& app);
CommandRunner add_roster_add_command(CLI::App& app);
CommandRunner add_attendance_command(CLI::App& app);
CommandRunner add_organiser_token_command(CLI::App& app);
CommandRunner add_tickets_command(CLI::App& app);
CommandRunner add_export_command(CLI::App& app);
CommandRunner add_purge_command(CLI::App& app);
CommandRunner add_import_command(CLI::App& app);
CommandRunner add_demo_registrations_command(CLI::App& app);
// Schema upgrade of an existing database (the Debian package's postinst runs it).
CommandRunner add_migrate_command(CLI::App& app);
CommandRunner add_organiser_command(CLI::App& app);  // dashboard accounts

}  // namespace einlass::sync::server
