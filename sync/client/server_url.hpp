#pragma once
// The server address a kiosk is given. HTTPS everywhere except on this machine: the token and
// participants' check-ins must not cross venue Wi-Fi in clear text.

#include <string>

namespace einlass::sync::client {

// "https://host[:port][/prefix]" without a trailing slash. Throws EnrolmentError for anything
// else, and for http:// to a host other than 127.0.0.1, ::1 or localhost.
std::string normalise_server_url(const std::string& url);

}  // namespace einlass::sync::client
