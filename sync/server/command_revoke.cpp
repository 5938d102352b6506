#include <iostream>

#include "sync/server/server_commands.hpp"

namespace einlass::sync::server {

int report_revocation(std::string_view what, const std::string& id, bool found,
                      std::string_view list_command) {
  if (!found) {
    std::cerr << "no " << what << " \"" << id << "\"; see einlass-server " << list_command << "\n";
    return kExitFailed;
  }
  std::cout << "revoked " << id << "\n";
  return kExitOk;
}

std::string_view revocation_state(const std::optional<int64_t>& revoked_ms) {
  return revoked_ms ? "REVOKED" : "active";
}

}  // namespace einlass::sync::server
