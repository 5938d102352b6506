#pragma once
// The headless subcommands of einlass-kiosk. Each registers itself on the CLI11 app and returns
// the function that runs it; the function returns the process exit code:
// 0 success / admitted, 1 refused or nothing found, 2 usage or configuration error.

#include <CLI/CLI.hpp>

#include <functional>

#include "kiosk/app/kiosk_setup.hpp"

namespace einlass::app {

using CommandRunner = std::function<int()>;

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

// --event, --store, --public-key, --venue, --day, --room, --now
void add_kiosk_options(CLI::App& command, KioskOptions& options);

CommandRunner add_checkin_command(CLI::App& app);
CommandRunner add_walk_in_command(CLI::App& app);
CommandRunner add_status_command(CLI::App& app);
CommandRunner add_decode_command(CLI::App& app);
CommandRunner add_demo_command(CLI::App& app);
CommandRunner add_keygen_command(CLI::App& app);
CommandRunner add_enroll_command(CLI::App& app);
CommandRunner add_sync_command(CLI::App& app);
CommandRunner add_purge_command(CLI::App& app);
CommandRunner add_export_command(CLI::App& app);

}  // namespace einlass::app
