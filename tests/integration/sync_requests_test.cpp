// Every endpoint against malformed, oversized, unauthenticated and forged requests: each gets a
// JSON error with a reason, and the server's database is exactly as it was.
#include <gtest/gtest.h>

#include <curl/curl.h>

#include <tuple>

#include "kiosk/core/uuid.hpp"
#include "sync/protocol/wire_event.hpp"
#include "tests/integration/sync_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;
using sync::client::HttpResponse;

// Everything the server stores, as text (devices without last_seen, which a valid request may
// update once a minute).
std::string database_digest(const fs::path& db_file) {
  store::Database db(db_file);
  std::string digest;
  for (const char* query :
       {"SELECT * FROM events ORDER BY seq", "SELECT * FROM registrations ORDER BY id",
        "SELECT * FROM roster_departures ORDER BY rowid",
        "SELECT * FROM agenda_changes ORDER BY id",
        "SELECT * FROM enrolment_codes ORDER BY code_hash", "SELECT * FROM meta ORDER BY key",
        "SELECT * FROM organiser_tokens ORDER BY name", "SELECT * FROM ticket_keys ORDER BY key_id",
        "SELECT device_id, venue, label, token_hash, enrolled_ms, revoked_ms FROM devices ORDER "
        "BY device_id"}) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db.handle(), query, -1, &st, nullptr);
    digest += std::string(query) + "\n";
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const auto* text = sqlite3_column_text(st, c);
        digest += text ? reinterpret_cast<const char*>(text) : "NULL";
        digest += '|';
      }
      digest += '\n';
    }
    sqlite3_finalize(st);
  }
  return digest;
}

class SyncRequests : public ::testing::Test {
 protected:
  void SetUp() override {
    world.server().start();
    kiosk = std::make_unique<TestKiosk>(world, "kiosk-a");
    token = store::load_enrolment(kiosk->store())->token;
    kiosk->check_in(1, 3);
    kiosk->start();
    ASSERT_TRUE(wait_until([&] { return kiosk->waiting() == 0; }));
    kiosk->stop();
  }

  HttpResponse send(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& bearer, const std::string& content_type) {
    // curl by hand: the kiosk's client always sends well-formed requests.
    CURL* curl = curl_easy_init();
    HttpResponse response;
    const std::string url = world.server().url() + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_slist* headers = nullptr;
    const std::string auth = "Authorization: Bearer " + bearer;
    if (!bearer.empty()) headers = curl_slist_append(headers, auth.c_str());
    const std::string type = "Content-Type: " + content_type;
    if (!content_type.empty()) headers = curl_slist_append(headers, type.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (!body.empty() || method == "POST") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_easy_setopt(
        curl, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t n, void* out) {
          static_cast<std::string*>(out)->append(data, size * n);
          return size * n;
        });
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return response;
  }

  // The request is refused with `status` and a JSON error with a reason; nothing changed.
  void expect_refused(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& bearer, long status,
                      const std::string& content_type = "application/json") {
    const std::string before = database_digest(world.db());
    const HttpResponse r = send(method, path, body, bearer, content_type);
    SCOPED_TRACE(method + " " + path + " " + body.substr(0, 80));
    EXPECT_EQ(r.status, status) << r.body;
    const auto j = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << "the error is JSON: " << r.body;
    EXPECT_TRUE(j.contains("error")) << r.body;
    EXPECT_FALSE(j.value("reason", "").empty()) << "the error says why: " << r.body;
    EXPECT_FALSE(j.contains("events") || j.contains("entries") || j.contains("config") ||
                 j.contains("token"))
        << "a refused request gets no data";
    EXPECT_EQ(database_digest(world.db()), before) << "a refused request changes nothing";
  }

  std::string good_event_json(const std::string& venue = "magdeburg") {
    core::CheckinEvent e;
    e.uuid = core::new_uuid_v7(wall_now_ms());
    e.participant = "R77";
    e.venue = venue;
    e.day = "2019-09-12";
    e.device = kiosk->store().device_id();
    e.wall_ms = e.hlc.wall_ms = wall_now_ms();
    return sync::protocol::event_to_json(e).dump();
  }

  SyncServerWorld world;
  std::unique_ptr<TestKiosk> kiosk;
  std::string token;
};

TEST_F(SyncRequests, KioskEndpointsRefuseMissingForgedAndRevokedTokens) {
  const std::string forged = "ekd_" + std::string(43, 'A');
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/events"},
                                                        {"POST", "/api/v1/events"},
                                                        {"GET", "/api/v1/roster"},
                                                        {"GET", "/api/v1/agenda"},
                                                        {"GET", "/api/v1/config"},
                                                        {"GET", "/api/v1/admin/attendance"},
                                                        {"GET", "/api/v1/admin/events"},
                                                        {"GET", "/api/v1/admin/devices"},
                                                        {"POST", "/api/v1/admin/agenda"}}) {
    const std::string body = method == "POST" ? R"({"events":[]})" : "";
    expect_refused(method, path, body, "", 401);
    expect_refused(method, path, body, forged, 401);
    expect_refused(method, path, body, std::string(5000, 'x'), 401);
    if (path.find("/admin/") != std::string::npos)
      expect_refused(method, path, body, token, 401);  // a kiosk is not an organiser
  }
  world.server_cli({"devices", "--revoke", kiosk->store().device_id()});
  const HttpResponse r = send("GET", "/api/v1/events", "", token, "");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(json::parse(r.body).value("error", ""), "device_revoked");
  expect_refused("POST", "/api/v1/events", "{\"events\":[" + good_event_json() + "]}", token, 401);
}

TEST_F(SyncRequests, EveryEndpointRefusesOversizedBodies) {
  const std::string huge(2 << 20, 'x');
  for (const auto& [method, path, bearer] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"POST", "/api/v1/enrol", ""},
           {"POST", "/api/v1/events", token},
           {"GET", "/api/v1/events", token},
           {"GET", "/api/v1/roster", token},
           {"GET", "/api/v1/agenda", token},
           {"GET", "/api/v1/config", token},
           {"GET", "/api/v1/admin/attendance", world.organiser_token()},
           {"GET", "/api/v1/admin/events", world.organiser_token()},
           {"GET", "/api/v1/admin/devices", world.organiser_token()},
           {"POST", "/api/v1/admin/agenda", world.organiser_token()}})
    expect_refused(method, path, huge, bearer, 413);
}

TEST_F(SyncRequests, PushRefusesMalformedAndOversizedBodies) {
  const std::string p = "/api/v1/events";
  expect_refused("POST", p, "not json", token, 400);
  expect_refused("POST", p, "[1,2]", token, 400);
  expect_refused("POST", p, "{}", token, 400);
  expect_refused("POST", p, R"({"events": 5})", token, 400);
  expect_refused("POST", p, R"({"events": [], "extra": 1})", token, 400);
  expect_refused("POST", p, "{\"events\":[" + good_event_json() + "]}", token, 415, "text/plain");
  std::string many = "{\"events\":[";
  for (int i = 0; i < 1001; ++i)
    many += std::string(i ? "," : "") + "{}";
  expect_refused("POST", p, many + "]}", token, 400);
  expect_refused("POST", p, "{\"events\":[\"" + std::string(2 << 20, 'x') + "\"]}", token, 413);
  expect_refused("POST", p + "?since=1", R"({"events":[]})", token, 400);
}

TEST_F(SyncRequests, PushRefusesBadEventsOneByOneAndStoresTheGoodOnes) {
  json bad_kind = json::parse(good_event_json());
  bad_kind["kind"] = "teleport";
  json other_venue = json::parse(good_event_json("dessau"));
  json other_device = json::parse(good_event_json());
  other_device["device"] = "kiosk-someone-else";
  json bad_day = json::parse(good_event_json());
  bad_day["day"] = "2019-09-13";
  json unknown_field = json::parse(good_event_json());
  unknown_field["colour"] = "blue";
  json bad_uuid = json::parse(good_event_json());
  bad_uuid["uuid"] = "not-a-uuid";
  const json good = json::parse(good_event_json());
  const json body{{"events",
                   {bad_kind, other_venue, good, other_device, bad_day, unknown_field, bad_uuid,
                    json("just text")}}};
  const auto before = world.server_events().size();
  const HttpResponse r = send("POST", "/api/v1/events", body.dump(), token, "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto answer = json::parse(r.body);
  ASSERT_EQ(answer["results"].size(), 8u);
  for (size_t i = 0; i < 8; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(answer["results"][i]["status"], i == 2 ? "stored" : "rejected");
    if (i != 2) {
      EXPECT_FALSE(answer["results"][i].value("reason", "").empty());
    }
  }
  EXPECT_EQ(world.server_events().size(), before + 1) << "only the good event was stored";
  // Sent again: acknowledged, not stored twice.
  const HttpResponse again =
      send("POST", "/api/v1/events", json{{"events", {good}}}.dump(), token, "application/json");
  EXPECT_EQ(json::parse(again.body)["results"][0]["status"], "duplicate");
  json changed = good;
  changed["participant"] = "R78";
  const HttpResponse reused =
      send("POST", "/api/v1/events", json{{"events", {changed}}}.dump(), token, "application/json");
  EXPECT_EQ(json::parse(reused.body)["results"][0]["status"], "rejected")
      << "a uuid cannot be reused for another event";
  EXPECT_EQ(world.server_events().size(), before + 1);
}

TEST_F(SyncRequests, PullsRefuseBadQueries) {
  for (const std::string path : {"/api/v1/events", "/api/v1/roster"}) {
    for (const std::string query : {"?since=abc", "?since=-1", "?limit=0", "?limit=100000",
                                    "?since=1&colour=blue", "?since=", "?limit=1e3"})
      expect_refused("GET", path + query, "", token, 400);
  }
  expect_refused("GET", "/api/v1/agenda?since=x", "", token, 400);
  expect_refused("GET", "/api/v1/agenda?limit=5", "", token, 400);
  expect_refused("GET", "/api/v1/config?x=1", "", token, 400);
  expect_refused("GET", "/api/v1/admin/events?since=no", "", world.organiser_token(), 400);
  expect_refused("DELETE", "/api/v1/events", "", token, 405);
  expect_refused("GET", "/api/v1/enrol", "", "", 405);
  expect_refused("GET", "/api/v2/events", "", token, 404);
}

TEST_F(SyncRequests, EnrolmentRefusesBadCodesAndBodies) {
  const std::string p = "/api/v1/enrol";
  expect_refused("POST", p, "garbage", "", 400);
  expect_refused("POST", p, R"({"code": 5, "device_id": "kiosk-x"})", "", 400);
  expect_refused("POST", p, R"({"device_id": "kiosk-x"})", "", 400);
  expect_refused("POST", p, R"({"code": "AAAA-BBBB-CCCC", "device_id": "kiosk-x", "x": 1})", "",
                 400);
  expect_refused("POST", p, R"({"code": "AAAA-BBBB-CCCC", "device_id": "../etc"})", "", 400);
  expect_refused("POST", p, R"({"code": "AAAA-BBBB-CCCC", "device_id": "kiosk-x"})", "", 403);
  expect_refused("POST", p, "{\"code\":\"" + std::string(2 << 20, 'A') + "\"}", "", 413);
  // A real code works once; the second kiosk with the same code is refused.
  const std::string code = world.enrolment_code("magdeburg");
  const json first{{"code", code}, {"device_id", "kiosk-first"}};
  EXPECT_EQ(send("POST", p, first.dump(), "", "application/json").status, 200);
  expect_refused("POST", p, json{{"code", code}, {"device_id", "kiosk-second"}}.dump(), "", 403);
}

// A valid code must not let anyone take over a kiosk in service: its token would be replaced
// and it could be moved to another venue. Only a revoked device id may be enrolled again.
TEST_F(SyncRequests, EnrolmentCannotTakeOverAnActiveKiosk) {
  const std::string p = "/api/v1/enrol";
  const std::string id = kiosk->store().device_id();
  const std::string code = world.enrolment_code("dessau");
  const json takeover{{"code", code}, {"device_id", id}, {"label", "not the real kiosk"}};
  expect_refused("POST", p, takeover.dump(), "", 409);
  const HttpResponse refused = send("POST", p, takeover.dump(), "", "application/json");
  const json error = json::parse(refused.body);
  EXPECT_EQ(error.value("error", ""), "device_already_enrolled");
  EXPECT_NE(error.value("reason", "").find("revoke"), std::string::npos) << refused.body;
  const HttpResponse config = send("GET", "/api/v1/config", "", token, "");
  ASSERT_EQ(config.status, 200) << "the real kiosk keeps its token: " << config.body;
  EXPECT_EQ(json::parse(config.body)["config"]["venue"], "magdeburg") << "and its venue";
  EXPECT_EQ(send("POST", p, json{{"code", code}, {"device_id", "kiosk-new"}}.dump(), "",
                 "application/json")
                .status,
            200)
      << "the refused code was not used up";

  world.server_cli({"devices", "--revoke", id});
  const json again{{"code", world.enrolment_code("dessau")}, {"device_id", id}};
  const HttpResponse back = send("POST", p, again.dump(), "", "application/json");
  ASSERT_EQ(back.status, 200) << "a revoked kiosk comes back with a fresh code: " << back.body;
  const std::string fresh = json::parse(back.body).at("token").get<std::string>();
  const HttpResponse moved = send("GET", "/api/v1/config", "", fresh, "");
  EXPECT_EQ(json::parse(moved.body)["config"]["venue"], "dessau");
  EXPECT_EQ(send("GET", "/api/v1/config", "", token, "").status, 401) << "the old token is dead";
}

TEST_F(SyncRequests, AgendaChangesAreCheckedBeforeTheyAreStored) {
  const std::string p = "/api/v1/admin/agenda";
  const std::string t = world.organiser_token();
  expect_refused("POST", p, "{", t, 400);
  expect_refused("POST", p, R"({"kind":"teleport","venue":"magdeburg","day":"2019-09-12"})", t,
                 400);
  expect_refused(
      "POST", p,
      R"({"kind":"delay","venue":"atlantis","day":"2019-09-12","from":"16:00","minutes":5})", t,
      422);
  expect_refused(
      "POST", p,
      R"({"kind":"delay","venue":"magdeburg","day":"2019-09-12","from":"25:00","minutes":5})", t,
      400);
  expect_refused(
      "POST", p,
      R"({"kind":"change_item","venue":"magdeburg","day":"2019-09-12","item":99,"title":"x"})", t,
      422);
  // Item 2 moved onto item 1: the agenda would overlap.
  expect_refused(
      "POST", p,
      R"({"kind":"change_item","venue":"magdeburg","day":"2019-09-12","item":1,"start":"15:00"})",
      t, 422);
  expect_refused(
      "POST", p,
      R"({"id":3,"kind":"delay","venue":"magdeburg","day":"2019-09-12","from":"16:00","minutes":5})",
      t, 400);
  const HttpResponse ok =
      send("POST", p,
           R"({"kind":"delay","venue":"magdeburg","day":"2019-09-12","from":"16:00","minutes":10})",
           t, "application/json");
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST(SyncServer, StopsGracefullyOnSigterm) {
  SyncServerWorld world;
  world.server().start();
  EXPECT_EQ(world.get("/api/v1/health").status, 200);
  EXPECT_EQ(world.server().stop(), 0);
}

}  // namespace
}  // namespace einlass::testing
