#include "sync/client/server_url.hpp"

#include "sync/client/enrolment.hpp"

namespace einlass::sync::client {

std::string normalise_server_url(const std::string& url) {
  std::string base = url;
  while (!base.empty() && base.back() == '/')
    base.pop_back();
  const bool https = base.starts_with("https://");
  const bool http = base.starts_with("http://");
  if (!https && !http)
    throw EnrolmentError("the server address must start with https:// (got \"" + url + "\")");
  const std::string rest = base.substr(https ? 8 : 7);
  const std::string host_port = rest.substr(0, rest.find('/'));
  if (host_port.empty()) throw EnrolmentError("the server address has no host: \"" + url + "\"");
  if (host_port.find_first_of("@ ") != std::string::npos)
    throw EnrolmentError("the server address must not contain a user name or spaces");
  if (http) {
    std::string host = host_port;
    if (host.starts_with("[")) {
      host = host.substr(0, host.find(']') + 1);
    } else {
      host = host.substr(0, host.find(':'));
    }
    if (host != "127.0.0.1" && host != "localhost" && host != "[::1]")
      throw EnrolmentError("plain http:// is only allowed to this machine; use https:// for " +
                           host);
  }
  return base;
}

}  // namespace einlass::sync::client
