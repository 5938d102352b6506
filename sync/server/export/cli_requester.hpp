#pragma once
// Who runs an organiser command from the shell, for the export and purge logs: "cli:<user>".

#include <string>

namespace einlass::sync::server {

std::string cli_requester();

}  // namespace einlass::sync::server
