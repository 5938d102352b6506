// The dashboard over HTTP on a real einlass-server: nothing readable without a login, login
// and throttling, CSRF on every POST, agenda changes that reach a kiosk, logout, downloads,
// and what kiosks report about themselves (outbox, clock skew).

#include <gtest/gtest.h>

#include "kiosk/store/sync_state.hpp"
#include "sync/server/dashboard/organiser_accounts.hpp"
#include "sync/server/export/attendance_export.hpp"
#include "sync/server/server_db.hpp"
#include "tests/integration/dashboard_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;

int64_t agenda_changes_stored(SyncServerWorld& world) {
  auto db = sync::server::open_server_db(world.db());
  return db->query_int("SELECT COUNT(*) FROM agenda_changes");
}

TEST_F(DashboardWorld, NothingButTheLoginPageIsReadableWithoutALogin) {
  DashboardClient anonymous(world_.server().url());
  auto page = anonymous.get("/dashboard/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 303);
  EXPECT_EQ(page->get_header_value("Location"), "/dashboard/login");
  for (const char* path :
       {"/dashboard/api/data", "/dashboard/api/data?venue=magdeburg", "/dashboard/api/session",
        "/dashboard/assets/dashboard.js", "/dashboard/assets/dashboard.html"}) {
    auto res = anonymous.get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << path;
    EXPECT_EQ(res->body.find("checked_in"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("csrf"), std::string::npos) << path;
  }
  for (const char* path : {"/dashboard/api/agenda", "/dashboard/api/export", "/dashboard/logout"}) {
    auto res = anonymous.post_json(path, json::object());
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << path;
  }
  // A made-up cookie is no login either.
  anonymous.set_cookie("einlass_session=eks_made-up-token");
  EXPECT_EQ(anonymous.get("/dashboard/api/data")->status, 401);
  // What the login page needs is public, and holds no data.
  EXPECT_EQ(anonymous.get("/dashboard/login")->status, 200);
  EXPECT_EQ(anonymous.get("/dashboard/assets/style.css")->status, 200);
  EXPECT_EQ(anonymous.get("/dashboard/assets/nothing.js")->status, 404);
  // The kiosks' API is untouched: still bearer tokens.
  EXPECT_EQ(world_.get("/api/v1/admin/devices").status, 200);
}

TEST_F(DashboardWorld, AWrongPasswordIsRefusedAndTheRightOneGivesAStrictHttpOnlyCookie) {
  DashboardClient browser(world_.server().url());
  auto wrong = browser.login(kOrganiserName, "Schöne Grüße aus Dessau");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_TRUE(wrong->get_header_value("Set-Cookie").empty());
  EXPECT_NE(wrong->body.find("Name oder Passwort ist falsch"), std::string::npos);
  auto empty = browser.login("", "");
  EXPECT_EQ(empty->status, 400);

  auto right = browser.login(kOrganiserName, kOrganiserPassword);
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 303);
  const std::string cookie = right->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/dashboard"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP on loopback: no Secure";
  EXPECT_FALSE(browser.csrf().empty());
  auto page = browser.get("/dashboard/");
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("dashboard.js"), std::string::npos);
  EXPECT_EQ(browser.get("/dashboard/assets/dashboard.js")->status, 200);
  const json data = browser.data();
  EXPECT_EQ(data.at("venue"), "magdeburg");
  EXPECT_EQ(data.at("checked_in"), 0);
}

TEST_F(DashboardWorld, GuessingPasswordsLocksTheAccountForAWhile) {
  DashboardClient guesser(world_.server().url());
  for (int i = 1; i < sync::server::kFreeLoginAttempts; ++i)
    EXPECT_EQ(guesser.login(kOrganiserName, "Versuch " + std::to_string(i) + "!!!")->status, 401);
  // The wrong password that uses up the free attempts says so.
  EXPECT_EQ(guesser.login(kOrganiserName, "noch ein Versuch!!!")->status, 429);
  auto locked = guesser.login(kOrganiserName, kOrganiserPassword);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429) << "the right password waits out the lockout too";
  EXPECT_FALSE(locked->get_header_value("Retry-After").empty());
  EXPECT_NE(locked->body.find("Zu viele falsche Versuche"), std::string::npos);
  EXPECT_TRUE(guesser.cookie().empty());
}

TEST_F(DashboardWorld, AgendaChangesNeedTheCsrfTokenAndReachTheKiosk) {
  TestKiosk kiosk(world_, "eingang");
  kiosk.start();
  DashboardClient browser(world_.server().url());
  ASSERT_EQ(browser.login(kOrganiserName, kOrganiserPassword)->status, 303);
  const json delay{{"kind", "delay"},
                   {"venue", "magdeburg"},
                   {"day", "2019-09-12"},
                   {"minutes", 15},
                   {"from", "16:45"}};

  auto no_token = browser.post_json("/dashboard/api/agenda", delay, /*with_csrf=*/false);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_NE(no_token->body.find("security token"), std::string::npos);
  httplib::Client other_site(world_.server().url());
  auto headers = browser.headers();
  headers.emplace("Origin", "https://evil.example");
  auto cross = other_site.Post("/dashboard/api/agenda", headers, delay.dump(), "application/json");
  EXPECT_EQ(cross->status, 403);
  EXPECT_EQ(agenda_changes_stored(world_), 0) << "refused requests change nothing";

  // Bad input: a clear reason, nothing stored.
  json unknown = delay;
  unknown["kind"] = "hurry";
  EXPECT_EQ(browser.post_json("/dashboard/api/agenda", unknown)->status, 400);
  json huge = delay;
  huge["minutes"] = 5000;
  auto too_far = browser.post_json("/dashboard/api/agenda", huge);
  EXPECT_EQ(too_far->status, 400);
  EXPECT_NE(too_far->body.find("minutes"), std::string::npos);
  auto overlap = browser.post_json("/dashboard/api/agenda", {{"kind", "item"},
                                                             {"venue", "magdeburg"},
                                                             {"day", "2019-09-12"},
                                                             {"item", 0},
                                                             {"minutes", 120}});
  EXPECT_EQ(overlap->status, 422);
  EXPECT_NE(overlap->body.find("refused"), std::string::npos) << overlap->body;
  EXPECT_EQ(agenda_changes_stored(world_), 0);

  auto ok = browser.post_json("/dashboard/api/agenda", delay);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(agenda_changes_stored(world_), 1);
  EXPECT_TRUE(wait_until([&] { return store::load_cursors(kiosk.store()).agenda >= 1; }))
      << "the kiosk pulls the change through the agenda feed";
  const json data = browser.data();
  ASSERT_EQ(data.at("agenda_changes").size(), 1u);
  bool moved = false;
  for (const auto& item : data.at("agenda"))
    moved = moved || item.at("start") == "17:15";
  EXPECT_TRUE(moved) << data.at("agenda").dump();
}

TEST_F(DashboardWorld, ALoginFromAnotherSiteIsRefusedButOneThroughAHostRewritingProxyWorks) {
  httplib::Client http(world_.server().url());
  const httplib::Params form{{"name", kOrganiserName}, {"password", kOrganiserPassword}};
  auto forced = http.Post("/dashboard/login", {{"Origin", "https://evil.example"}}, form);
  ASSERT_TRUE(forced);
  EXPECT_EQ(forced->status, 403) << "login CSRF: another site cannot log the browser in";
  EXPECT_TRUE(forced->get_header_value("Set-Cookie").empty());

  // nginx with `proxy_set_header Host 127.0.0.1:PORT` but the browser's name forwarded.
  const httplib::Headers proxied{{"Origin", "https://einlass.example"},
                                 {"X-Forwarded-Host", "einlass.example"}};
  auto login = http.Post("/dashboard/login", proxied, form);
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 303);
  const std::string cookie = login->get_header_value("Set-Cookie");
  DashboardClient browser(world_.server().url());
  browser.set_cookie(cookie.substr(0, cookie.find(';')));
  const std::string csrf =
      json::parse(browser.get("/dashboard/api/session")->body).at("csrf_token").get<std::string>();
  httplib::Headers logout_headers = proxied;
  logout_headers.emplace("Cookie", browser.cookie());
  logout_headers.emplace("X-CSRF-Token", csrf);
  httplib::Headers other = logout_headers;
  other.erase("X-Forwarded-Host");
  other.emplace("X-Forwarded-Host", "evil.example");
  EXPECT_EQ(http.Post("/dashboard/logout", other, "{}", "application/json")->status, 403);
  EXPECT_EQ(http.Post("/dashboard/logout", logout_headers, "{}", "application/json")->status, 200);
  EXPECT_EQ(browser.get("/dashboard/api/data")->status, 401) << "the logout went through";
}

TEST(DashboardBehindATlsProxy, TheSessionCookieIsSecureWithInsecureHttp) {
  // --insecure-http means a TLS proxy answers the browser: the cookie must never go out in
  // clear text, though the server itself speaks plain HTTP.
  SyncServerWorld world;
  world.server_cli({"organiser", "add", kOrganiserName}, std::string(kOrganiserPassword) + "\n");
  world.server().set_extra_args({"--insecure-http"});
  world.server().start();
  DashboardClient browser(world.server().url());
  auto login = browser.login(kOrganiserName, kOrganiserPassword);
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 303);
  EXPECT_NE(login->get_header_value("Set-Cookie").find("; Secure"), std::string::npos)
      << login->get_header_value("Set-Cookie");
}

TEST_F(DashboardWorld, LogoutNeedsTheTokenAndEndsTheSession) {
  DashboardClient browser(world_.server().url());
  ASSERT_EQ(browser.login(kOrganiserName, kOrganiserPassword)->status, 303);
  EXPECT_EQ(browser.post_json("/dashboard/logout", json::object(), false)->status, 403);
  EXPECT_EQ(browser.get("/dashboard/api/data")->status, 200) << "a refused logout logs nobody out";
  auto out = browser.post_json("/dashboard/logout", json::object());
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(browser.get("/dashboard/api/data")->status, 401) << "the old cookie is dead";
  EXPECT_EQ(browser.get("/dashboard/")->status, 303);
}

TEST_F(DashboardWorld, DownloadsAreLoggedUnderTheAccountAndNeedTheToken) {
  DashboardClient browser(world_.server().url());
  ASSERT_EQ(browser.login(kOrganiserName, kOrganiserPassword)->status, 303);
  auto refused = browser.post_form("/dashboard/api/export", {{"format", "csv"}});
  EXPECT_EQ(refused->status, 403);
  auto bad =
      browser.post_form("/dashboard/api/export", {{"format", "pdf"}, {"csrf", browser.csrf()}});
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("xlsx, csv-excel or csv"), std::string::npos);
  {
    auto db = sync::server::open_server_db(world_.db());
    EXPECT_TRUE(sync::server::export_log(*db).empty()) << "refused downloads are not logged";
  }
  auto csv = browser.post_form(
      "/dashboard/api/export",
      {{"format", "csv-excel"}, {"venue", "magdeburg"}, {"csrf", browser.csrf()}});
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_TRUE(csv->body.starts_with("\xEF\xBB\xBF")) << "Excel's CSV starts with a BOM";
  auto db = sync::server::open_server_db(world_.db());
  const auto log = sync::server::export_log(*db);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].requested_by, kOrganiserName);
  EXPECT_EQ(log[0].venue, "magdeburg");
}

TEST_F(DashboardWorld, KiosksReportTheirOutboxAndClockSkewWithEachRequest) {
  TestKiosk fast(world_, "uhr-vor", /*clock_offset_ms=*/90'000);
  fast.check_in(1001, 3);
  fast.start();
  ASSERT_TRUE(wait_until([&] { return fast.waiting() == 0; }));
  DashboardClient browser(world_.server().url());
  ASSERT_EQ(browser.login(kOrganiserName, kOrganiserPassword)->status, 303);
  json kiosk;
  ASSERT_TRUE(wait_until([&] {
    const json data = browser.data();
    if (data.at("kiosks").size() != 1) return false;
    kiosk = data.at("kiosks")[0];
    return data.at("checked_in") == 3 && kiosk.at("outbox") == 0;
  })) << kiosk.dump();
  EXPECT_EQ(kiosk.at("label"), "uhr-vor");
  EXPECT_NEAR(kiosk.at("clock_skew_ms").get<double>(), 90'000, 3'000);
  EXPECT_FALSE(kiosk.at("revoked").get<bool>());
  EXPECT_LE(kiosk.at("last_seen_ago_s").get<int64_t>(), 5);

  // A kiosk that is behind with an outbox: the headers an older kiosk does not send.
  fast.stop();
  const std::string token = [&] {
    auto enrolment = store::load_enrolment(fast.store());
    return enrolment->token;
  }();
  sync::client::HttpClient http({}, {});
  http.set_extra_headers(
      {"X-Einlass-Outbox: 42", "X-Einlass-Clock-Ms: " + std::to_string(wall_now_ms() - 30'000)});
  EXPECT_EQ(http.get(world_.server().url() + "/api/v1/agenda", token).status, 200);
  http.set_extra_headers({"X-Einlass-Outbox: lots", "X-Einlass-Clock-Ms: soon"});
  EXPECT_EQ(http.get(world_.server().url() + "/api/v1/agenda", token).status, 200)
      << "a garbled report never fails the request";
  const json after = browser.data().at("kiosks")[0];
  EXPECT_EQ(after.at("outbox"), 42);
  EXPECT_NEAR(after.at("clock_skew_ms").get<double>(), -30'000, 3'000);

  // The report only feeds the dashboard: when it cannot be stored the kiosk syncs on.
  {
    auto db = sync::server::open_server_db(world_.db());
    db->exec("DROP TABLE device_sync_status");
  }
  http.set_extra_headers({"X-Einlass-Outbox: 7"});
  EXPECT_EQ(http.get(world_.server().url() + "/api/v1/agenda", token).status, 200)
      << "a failed report write never fails the kiosk's request";
  {
    auto db = sync::server::open_server_db(world_.db());
    db->exec(
        "CREATE TABLE device_sync_status (device_id TEXT PRIMARY KEY, outbox INTEGER NOT NULL, "
        "clock_skew_ms INTEGER NOT NULL, reported_ms INTEGER NOT NULL)");
  }

  world_.server_cli({"devices", "--revoke", fast.store().device_id()});
  EXPECT_TRUE(browser.data().at("kiosks")[0].at("revoked").get<bool>());
}

}  // namespace
}  // namespace einlass::testing
