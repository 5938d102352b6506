#include <iostream>
#include <memory>

#include "sync/server/attendance.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

CommandRunner add_attendance_command(CLI::App& app) {
  auto db_file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "attendance", "people checked in per venue and day, with duplicates to look at");
  add_db_option(*cmd, *db_file);
  cmd->add_flag("--json", *json, "print JSON");
  return [db_file, json]() -> int {
    const auto db = open_server_db(server_db_path(*db_file));
    const auto days = attendance(*db);
    if (*json) {
      std::cout << attendance_to_json(days).dump() << std::endl;
      return kExitOk;
    }
    for (const DayAttendance& d : days) {
      std::cout << d.venue << " " << d.day << ": " << d.checked_in << " checked in, " << d.walk_ins
                << " walk-ins";
      if (!d.duplicates.empty())
        std::cout << ", " << d.duplicates.size()
                  << " admitted more than once (counted once; check the devices)";
      std::cout << "\n";
      for (const DuplicateEntry& dup : d.duplicates) {
        std::cout << "  " << dup.participant;
        if (!dup.registration_number.empty())
          std::cout << " (Anmelde-Nr. " << dup.registration_number << ")";
        std::cout << " at";
        for (const auto& device : dup.devices)
          std::cout << " " << device;
        std::cout << "\n";
      }
    }
    return kExitOk;
  };
}

}  // namespace einlass::sync::server
