#pragma once
// A real einlass-server with an organiser account, and an HTTP client that logs in to the
// dashboard like a browser does (form POST, session cookie, CSRF token from /api/session).

#include <gtest/gtest.h>
#include <httplib.h>

#include <string>

#include "tests/integration/sync_fixture.hpp"

namespace einlass::testing {

inline constexpr const char* kOrganiserName = "buero";
inline constexpr const char* kOrganiserPassword = "Schöne Grüße aus Magdeburg";

class DashboardClient {
 public:
  explicit DashboardClient(const std::string& url) : http_(url) {
    http_.set_connection_timeout(5);
    http_.set_read_timeout(30);
  }

  // Form login; returns the answer (303 with a cookie on success).
  httplib::Result login(const std::string& name, const std::string& password) {
    httplib::Params form{{"name", name}, {"password", password}};
    auto res = http_.Post("/dashboard/login", form);
    if (res && res->status == 303) {
      const std::string cookie = res->get_header_value("Set-Cookie");
      cookie_ = cookie.substr(0, cookie.find(';'));
      auto session = get("/dashboard/api/session");
      if (session && session->status == 200)
        csrf_ = nlohmann::json::parse(session->body).at("csrf_token").get<std::string>();
    }
    return res;
  }

  httplib::Headers headers(bool with_csrf = true) const {
    httplib::Headers h;
    if (!cookie_.empty()) h.emplace("Cookie", cookie_);
    if (with_csrf && !csrf_.empty()) h.emplace("X-CSRF-Token", csrf_);
    return h;
  }
  httplib::Result get(const std::string& path) { return http_.Get(path.c_str(), headers()); }
  httplib::Result post_json(const std::string& path, const nlohmann::json& body,
                            bool with_csrf = true) {
    return http_.Post(path.c_str(), headers(with_csrf), body.dump(), "application/json");
  }
  httplib::Result post_form(const std::string& path, const httplib::Params& form,
                            bool with_csrf_header = false) {
    return http_.Post(path.c_str(), headers(with_csrf_header), form);
  }
  nlohmann::json data(const std::string& venue = "magdeburg") {
    auto res = get("/dashboard/api/data?venue=" + venue + "&day=2019-09-12");
    if (!res || res->status != 200)
      throw std::runtime_error("dashboard data: " + (res ? res->body : std::string("no answer")));
    return nlohmann::json::parse(res->body);
  }

  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }
  void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }

 private:
  httplib::Client http_;
  std::string cookie_, csrf_;
};

class DashboardWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    world_.server_cli({"organiser", "add", kOrganiserName}, std::string(kOrganiserPassword) + "\n");
    world_.server().start();
  }
  SyncServerWorld world_;
};

}  // namespace einlass::testing
