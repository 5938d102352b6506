#pragma once
// The address the login throttle counts a browser by. Behind a reverse proxy (nginx terminating
// TLS) every connection comes from the proxy, so all organisers would share one count. Only
// when the connection comes from a proxy the organiser listed (server.toml `trusted_proxies`)
// is the last X-Forwarded-For address taken instead: that is the one the proxy itself appended,
// while anything before it came from the client and may be made up. From any other address the
// header is ignored, so nobody can talk their way out of the throttle.

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace einlass::sync::server {

// One spelling per address ("::ffff:127.0.0.1" and "127.0.0.1" are the same client; IPv6 in
// its compressed form), or nullopt when the text is not an IPv4 or IPv6 address.
std::optional<std::string> canonical_ip(std::string_view text);

// One X-Forwarded-For entry's address in canonical_ip's spelling, without the brackets and
// port some proxies add ("[2001:db8::1]:443", "192.0.2.1:5678"); nullopt if it is none.
std::optional<std::string> forwarded_entry_ip(std::string_view entry);

// What the login throttle counts by: the client's address, an IPv6 client by its /64 prefix
// ("2001:db8:1:2::/64"), since it can rotate addresses inside it. `trusted_proxies` in
// canonical form (as read_serve_config stores them).
std::string throttle_address(const httplib::Request& req,
                             const std::vector<std::string>& trusted_proxies);

}  // namespace einlass::sync::server
