// Which address the dashboard's login throttle counts a browser by, behind a reverse proxy and
// without one: X-Forwarded-For is believed only from a listed proxy, and only its last entry.
#include <gtest/gtest.h>

#include "sync/server/dashboard/forwarded_client.hpp"

namespace {

using einlass::sync::server::canonical_ip;
using einlass::sync::server::forwarded_entry_ip;
using einlass::sync::server::throttle_address;

httplib::Request request_from(const std::string& peer, std::vector<std::string> forwarded) {
  httplib::Request req;
  req.remote_addr = peer;
  for (std::string& line : forwarded)
    req.headers.emplace("X-Forwarded-For", std::move(line));
  return req;
}

const std::vector<std::string> kProxy{"127.0.0.1"};

TEST(ForwardedClient, WithoutATrustedProxyTheHeaderIsIgnored) {
  EXPECT_EQ(throttle_address(request_from("192.0.2.10", {"198.51.100.7"}), {}), "192.0.2.10");
  EXPECT_EQ(throttle_address(request_from("192.0.2.10", {"198.51.100.7"}), kProxy), "192.0.2.10")
      << "a client that is not the proxy cannot name another address";
}

TEST(ForwardedClient, FromTheProxyTheAddressItAppendedCounts) {
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {"198.51.100.7"}), kProxy), "198.51.100.7");
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {"10.9.9.9, 203.0.113.5"}), kProxy),
            "203.0.113.5")
      << "what the client wrote before the proxy's entry is not believed";
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {"10.9.9.9", "203.0.113.5"}), kProxy),
            "203.0.113.5")
      << "several header lines are one list";
  EXPECT_EQ(throttle_address(request_from("::ffff:127.0.0.1", {"2001:DB8::7"}), kProxy),
            "2001:db8::/64")
      << "a dual-stack socket's spelling of the proxy is the same proxy";
}

TEST(ForwardedClient, NothingUsableFromTheProxyCountsTheProxy) {
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {}), kProxy), "127.0.0.1");
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {"198.51.100.7, unknown"}), kProxy),
            "127.0.0.1");
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {"198.51.100.7, "}), kProxy), "127.0.0.1")
      << "never an earlier entry the client may have written";
}

// An IPv6 client can pick any address in its /64: it is counted as one, so rotating addresses
// earns no fresh guesses (directly and behind the proxy); IPv4 clients stay one address each.
TEST(ForwardedClient, AnIPv6ClientIsCountedByItsSlash64) {
  const std::string one = throttle_address(request_from("2001:db8:1:2::a", {}), {});
  EXPECT_EQ(one, "2001:db8:1:2::/64");
  EXPECT_EQ(throttle_address(request_from("2001:db8:1:2:ffff:1:2:3", {}), {}), one)
      << "another address in the same /64";
  EXPECT_NE(throttle_address(request_from("2001:db8:1:3::a", {}), {}), one)
      << "the neighbouring /64 is another client";
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {"2001:db8:1:2::beef"}), kProxy), one);
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {"[2001:db8:1:2::1]:443"}), kProxy), one);
  EXPECT_EQ(throttle_address(request_from("192.0.2.10", {}), {}), "192.0.2.10");
  EXPECT_NE(throttle_address(request_from("192.0.2.11", {}), {}), "192.0.2.10");
}

// Proxies write the client's port, or IPv6 in brackets: the address is what counts.
TEST(ForwardedClient, BracketsAndPortsFromTheProxyAreStripped) {
  EXPECT_EQ(forwarded_entry_ip("1.2.3.4:5678"), "1.2.3.4");
  EXPECT_EQ(forwarded_entry_ip(" [2001:DB8::1] "), "2001:db8::1");
  EXPECT_EQ(forwarded_entry_ip("[2001:db8::1]:443"), "2001:db8::1");
  EXPECT_EQ(forwarded_entry_ip("2001:db8::1"), "2001:db8::1") << "bare IPv6 is not a port";
  EXPECT_EQ(forwarded_entry_ip("[::ffff:10.0.0.1]"), "10.0.0.1");
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {"10.9.9.9, 1.2.3.4:5678"}), kProxy),
            "1.2.3.4");
  for (const char* bad : {"", "unknown", "[1.2.3.4]", "[2001:db8::1", "[2001:db8::1]x",
                          "[2001:db8::1]:", "1.2.3.4:port", "1.2.3.4:123456", "_hidden:80"})
    EXPECT_FALSE(forwarded_entry_ip(bad)) << bad;
  EXPECT_EQ(throttle_address(request_from("127.0.0.1", {"[2001:db8::1]:https"}), kProxy),
            "127.0.0.1")
      << "still not an address: the proxy counts";
}

TEST(ForwardedClient, AddressesHaveOneSpelling) {
  EXPECT_EQ(canonical_ip(" 10.0.0.1 "), "10.0.0.1");
  EXPECT_EQ(canonical_ip("::FFFF:10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(canonical_ip("2001:db8:0:0:0:0:0:1"), "2001:db8::1");
  for (const char* bad : {"", "nginx", "10.0.0.0/8", "10.0.0", "1.2.3.4:80"})
    EXPECT_FALSE(canonical_ip(bad)) << bad;
}

}  // namespace
