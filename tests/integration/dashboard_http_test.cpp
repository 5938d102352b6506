// The dashboard over HTTP on a real einlass-server: nothing readable without a login, login
// and throttling, CSRF on every POST, agenda changes that reach a kiosk, logout, downloads,
// and what kiosks report about themselves (outbox, clock skew).

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "kiosk/store/sync_state.hpp"
#include "sync/server/dashboard/organiser_accounts.hpp"
#include "sync/server/export/attendance_export.hpp"
#include "sync/server/retention/purged_days.hpp"
#include "sync/server/retention/retention_purge.hpp"
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

// Registrations for Magdeburg through the organiser's roster command.
void register_at_magdeburg(SyncServerWorld& world, int count) {
  json list = json::array();
  for (int id = 1; id <= count; ++id)
    list.push_back({{"id", id},
                    {"first_name", "Anna"},
                    {"last_name", "Nummer" + std::to_string(id)},
                    {"organisation", "Stadt Magdeburg"},
                    {"email", "anna" + std::to_string(id) + "@example.org"},
                    {"venue", "magdeburg"},
                    {"topics", {"HF1", "HF4"}},
                    {"round_topics", {"HF1", "HF4"}},
                    {"cancelled", false}});
  const fs::path file = world.dir() / "roster.json";
  write_file_atomically(file, list.dump());
  ASSERT_EQ(world.server_cli({"roster-add", file.string()}).exit_code, 0);
}

const json& room_of(const json& data, int round, const std::string& room) {
  for (const json& r : data.at("rooms"))
    if (r.at("round") == round && r.at("room") == room) return r;
  throw std::runtime_error("no room " + room + " in round " + std::to_string(round));
}

// After the retention purge the live tables are empty; the dashboard shows the counts the purge
// kept (the same the exports and `attendance` show), says when the day was anonymised, and has
// no arrival series left to draw.
TEST_F(DashboardWorld, APurgedDayShowsTheKeptCountsAndWhenItWasAnonymised) {
  register_at_magdeburg(world_, 4);
  TestKiosk kiosk(world_, "eingang");
  kiosk.check_in(1, 3);
  {
    store::Transaction tx(kiosk.store().db());
    core::CheckinEvent walk_in;
    walk_in.kind = core::EventKind::WalkIn;
    walk_in.participant = "W-spontan-1";
    walk_in.venue = "magdeburg";
    walk_in.day = SyncServerWorld::kDay;
    walk_in.detail = json{{"first_name", "Ute"}, {"last_name", "Spontan"}}.dump();
    kiosk.store().append(tx, walk_in, kiosk.now_ms());
    core::CheckinEvent entry = walk_in;
    entry.kind = core::EventKind::Entry;
    entry.detail.clear();
    kiosk.store().append(tx, entry, kiosk.now_ms());
    core::CheckinEvent door;
    door.kind = core::EventKind::RoomEntry;
    door.participant = "R1";
    door.venue = "magdeburg";
    door.day = SyncServerWorld::kDay;
    door.round = 1;
    door.room = "mag-hf1";
    kiosk.store().append(tx, door, kiosk.now_ms());
    tx.commit();
  }
  kiosk.start();
  ASSERT_TRUE(wait_until([&] { return kiosk.waiting() == 0; }));
  kiosk.stop();

  DashboardClient browser(world_.server().url());
  ASSERT_EQ(browser.login(kOrganiserName, kOrganiserPassword)->status, 303);
  json live;
  ASSERT_TRUE(wait_until([&] {
    live = browser.data();
    return live.at("checked_in") == 4 && live.at("walk_ins") == 1;
  })) << live.dump();
  EXPECT_EQ(live.at("registered"), 4);
  EXPECT_TRUE(live.at("anonymised").is_null());
  EXPECT_FALSE(live.at("arrivals").empty());
  EXPECT_EQ(room_of(live, 1, "mag-hf1").at("placed"), 3);
  EXPECT_EQ(room_of(live, 1, "mag-hf1").at("at_door"), 1);

  const ProgramRun purge = world_.server_cli({"purge"});
  ASSERT_NE(purge.out.find("registrations: 4 rows deleted"), std::string::npos)
      << purge.out << purge.err;
  std::string purged_on;
  {
    auto db = sync::server::open_server_db(world_.db());
    ASSERT_EQ(db->query_int("SELECT COUNT(*) FROM events"), 0) << "the live tables are empty";
    const auto log = sync::server::purge_log(*db);
    ASSERT_EQ(log.size(), 1u);
    purged_on = sync::server::purge_date_text(log[0].purged_ms, "Europe/Berlin");
  }

  json kept;
  ASSERT_TRUE(wait_until([&] {
    kept = browser.data();
    return !kept.at("anonymised").is_null();
  })) << kept.dump();
  EXPECT_EQ(kept.at("anonymised").at("purged_on"), purged_on);
  EXPECT_EQ(kept.at("registered"), 4) << "not 0: the kept count";
  EXPECT_EQ(kept.at("checked_in"), 4);
  EXPECT_EQ(kept.at("walk_ins"), 1);
  EXPECT_TRUE(kept.at("arrivals").empty()) << "arrival times went with the purge";
  EXPECT_EQ(room_of(kept, 1, "mag-hf1").at("at_door"), 1) << "presence at the door is kept";
  // The same figures `attendance` and the exports give.
  const json attendance = world_.attendance();
  int magdeburg_days = 0;
  for (const json& day : attendance.at("days")) {
    if (day.at("venue") != "magdeburg") continue;
    ++magdeburg_days;
    EXPECT_EQ(day.at("checked_in"), kept.at("checked_in"));
    EXPECT_EQ(day.at("walk_ins"), kept.at("walk_ins"));
  }
  EXPECT_EQ(magdeburg_days, 1) << attendance.dump();

  // Another venue's day was purged too (every day's personal data went), with nobody counted.
  auto dessau = browser.get("/dashboard/api/data?venue=dessau&day=2019-09-18");
  ASSERT_TRUE(dessau);
  ASSERT_EQ(dessau->status, 200) << dessau->body;
  const json other = json::parse(dessau->body);
  EXPECT_FALSE(other.at("anonymised").is_null()) << dessau->body;
  EXPECT_EQ(other.at("checked_in"), 0);
}

// Logins through one address, each naming another "client" in X-Forwarded-For.
httplib::Result login_forwarded(const std::string& url, const std::string& forwarded_for,
                                const std::string& password) {
  httplib::Client http(url);
  http.set_read_timeout(30);
  return http.Post("/dashboard/login", {{"X-Forwarded-For", forwarded_for}},
                   httplib::Params{{"name", kOrganiserName}, {"password", password}});
}

TEST_F(DashboardWorld, AForwardedForHeaderFromAnUntrustedAddressIsIgnoredByTheThrottle) {
  const std::string url = world_.server().url();
  for (int i = 1; i < sync::server::kFreeLoginAttempts; ++i)
    EXPECT_EQ(login_forwarded(url, "203.0.113." + std::to_string(i), "falsch!!!!!")->status, 401);
  EXPECT_EQ(login_forwarded(url, "203.0.113.99", "falsch!!!!!")->status, 429)
      << "a made-up address per guess does not reset the count";
  auto locked = login_forwarded(url, "198.51.100.7", kOrganiserPassword);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429) << "the guesser cannot claim to be someone else";
}

TEST(DashboardBehindATlsProxy, ATrustedProxysForwardedClientsAreThrottledSeparately) {
  SyncServerWorld world;
  world.server_cli({"organiser", "add", kOrganiserName}, std::string(kOrganiserPassword) + "\n");
  const fs::path config = world.dir() / "server.toml";
  write_file_atomically(config, "trusted_proxies = [\"127.0.0.1\"]\n");
  world.server().set_extra_args({"--config", config.string(), "--insecure-http"});
  world.server().start();
  const std::string url = world.server().url();

  // nginx appends the address it saw; what the client wrote before it is never believed.
  const auto guesser = [](int i) { return "10.0.0." + std::to_string(i) + ", 203.0.113.5"; };
  for (int i = 1; i < sync::server::kFreeLoginAttempts; ++i)
    EXPECT_EQ(login_forwarded(url, guesser(i), "falsch!!!!!")->status, 401);
  EXPECT_EQ(login_forwarded(url, guesser(99), "falsch!!!!!")->status, 429);
  EXPECT_EQ(login_forwarded(url, guesser(100), kOrganiserPassword)->status, 429)
      << "the guesser stays locked";

  auto organiser = login_forwarded(url, "198.51.100.7", kOrganiserPassword);
  ASSERT_TRUE(organiser);
  EXPECT_EQ(organiser->status, 303) << "another client behind the same proxy is not locked out";
  EXPECT_NE(organiser->get_header_value("Set-Cookie").find("einlass_session="), std::string::npos);
}

// The server's journal (its stderr) comes to contain `text`: spdlog writes it while or after
// answering, so the test waits for it (the limit only matters when the test fails).
bool server_log_shows(const fs::path& err, const std::string& text) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_file(err).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// An IPv6 client may use any address of its /64: a new address per guess earns no fresh
// attempts; another /64 is another client. A proxy that sends no usable address is named once
// in the journal, so the organiser can fix its configuration.
TEST(DashboardBehindATlsProxy, AnIPv6GuesserRotatingInsideItsSlash64StaysLocked) {
  SyncServerWorld world;
  world.server_cli({"organiser", "add", kOrganiserName}, std::string(kOrganiserPassword) + "\n");
  const fs::path config = world.dir() / "server.toml";
  write_file_atomically(config, "trusted_proxies = [\"127.0.0.1\"]\n");
  world.server().set_extra_args({"--config", config.string(), "--insecure-http"});
  world.server().start();
  const std::string url = world.server().url();

  const auto guesser = [](int i) { return "[2001:db8:1:2::" + std::to_string(i) + "]:443"; };
  for (int i = 1; i < sync::server::kFreeLoginAttempts; ++i)
    EXPECT_EQ(login_forwarded(url, guesser(i), "falsch!!!!!")->status, 401);
  EXPECT_EQ(login_forwarded(url, guesser(99), "falsch!!!!!")->status, 429);
  EXPECT_EQ(login_forwarded(url, "2001:db8:1:2:abcd::1", kOrganiserPassword)->status, 429)
      << "the same /64, written without brackets";
  EXPECT_EQ(login_forwarded(url, "2001:db8:1:3::1", kOrganiserPassword)->status, 303)
      << "the neighbouring /64 is another client";

  EXPECT_EQ(login_forwarded(url, "unknown", "falsch!!!!!")->status, 401);
  EXPECT_TRUE(server_log_shows(world.dir() / "server.err",
                               "the trusted proxy 127.0.0.1 sends no usable X-Forwarded-For "
                               "address (last entry: \"unknown\")"));
}

}  // namespace
}  // namespace einlass::testing
