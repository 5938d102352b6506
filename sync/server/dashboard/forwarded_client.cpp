#include "sync/server/dashboard/forwarded_client.hpp"

#include <arpa/inet.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cstring>

namespace einlass::sync::server {

namespace {

std::string_view trimmed(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && blank(text.back()))
    text.remove_suffix(1);
  return text;
}

// ":443": a port after an address in X-Forwarded-For (some proxies append the client's port).
bool is_port_suffix(std::string_view text) {
  if (text.size() < 2 || text.size() > 6 || text.front() != ':') return false;
  return std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An IPv6 client usually holds a whole /64 (one per household or server) and can pick any
// address in it, so counting single addresses would hand a guesser fresh attempts at will.
std::string throttle_key(const std::string& address) {
  in6_addr v6{};
  if (::inet_pton(AF_INET6, address.c_str(), &v6) != 1) return address;  // IPv4: as it is
  std::memset(v6.s6_addr + 8, 0, 8);
  char out[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET6, &v6, out, sizeof out);
  return std::string(out) + "/64";
}

// Said once per process: every login through that proxy would say it again.
void warn_unusable_forwarded_for(const std::string& proxy, std::string_view entry) {
  static std::atomic<bool> warned{false};
  if (warned.exchange(true)) return;
  spdlog::warn(
      "the trusted proxy {} sends no usable X-Forwarded-For address (last entry: \"{}\"); "
      "logins through it count as one client for the login throttle. Make it send the "
      "client's address (nginx: proxy_set_header X-Forwarded-For "
      "$proxy_add_x_forwarded_for;)",
      proxy, entry);
}

}  // namespace

std::optional<std::string> forwarded_entry_ip(std::string_view entry) {
  std::string_view text = trimmed(entry);
  if (!text.empty() && text.front() == '[') {  // "[2001:db8::1]" or "[2001:db8::1]:443"
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view after = text.substr(close + 1);
    if (!after.empty() && !is_port_suffix(after)) return std::nullopt;
    text = text.substr(1, close - 1);
    if (text.find(':') == std::string_view::npos) return std::nullopt;  // brackets are IPv6's
  } else if (const size_t colon = text.find(':');
             colon != std::string_view::npos &&
             text.find(':', colon + 1) == std::string_view::npos) {
    // One colon only: IPv4 with a port ("192.0.2.1:5678"); IPv6 has at least two.
    if (!is_port_suffix(text.substr(colon))) return std::nullopt;
    text = text.substr(0, colon);
  }
  return canonical_ip(text);
}

std::optional<std::string> canonical_ip(std::string_view text) {
  const std::string address(trimmed(text));
  if (address.empty() || address.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  in_addr v4{};
  char out[INET6_ADDRSTRLEN] = {};
  if (::inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    ::inet_ntop(AF_INET, &v4, out, sizeof out);
    return std::string(out);
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, address.c_str(), &v6) != 1) return std::nullopt;
  // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d: the same client as a.b.c.d.
  static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(v6.s6_addr, kMappedPrefix, sizeof kMappedPrefix) == 0) {
    std::memcpy(&v4, v6.s6_addr + 12, sizeof v4);
    ::inet_ntop(AF_INET, &v4, out, sizeof out);
    return std::string(out);
  }
  ::inet_ntop(AF_INET6, &v6, out, sizeof out);
  return std::string(out);
}

std::string throttle_address(const httplib::Request& req,
                             const std::vector<std::string>& trusted_proxies) {
  const std::string peer = canonical_ip(req.remote_addr).value_or(req.remote_addr);
  if (std::find(trusted_proxies.begin(), trusted_proxies.end(), peer) == trusted_proxies.end())
    return throttle_key(peer);
  // Several X-Forwarded-For lines count as one list in order; the proxy appended the last
  // entry. Anything odd there (empty, not an address) falls back to the proxy's own address
  // rather than to an earlier entry, which the client may have written.
  std::string_view last;
  const auto [first, end] = req.headers.equal_range("X-Forwarded-For");
  for (auto it = first; it != end; ++it) {
    last = it->second;
    if (const size_t comma = last.rfind(','); comma != std::string_view::npos)
      last.remove_prefix(comma + 1);
  }
  if (const std::optional<std::string> client = forwarded_entry_ip(last))
    return throttle_key(*client);
  // A trusted proxy that sent no usable address: count the proxy, as without the setting.
  warn_unusable_forwarded_for(peer, trimmed(last));
  return throttle_key(peer);
}

}  // namespace einlass::sync::server
