#include "sync/server/export/cli_requester.hpp"

#include <pwd.h>
#include <unistd.h>

namespace einlass::sync::server {

std::string cli_requester() {
  // The account's name from the system, not $USER, which anyone can set to anything.
  if (const passwd* account = ::getpwuid(::geteuid()); account && account->pw_name)
    return std::string("cli:") + account->pw_name;
  return "cli:uid " + std::to_string(::geteuid());
}

}  // namespace einlass::sync::server
