// What organisers notice of the server: their tokens can be listed and revoked, every answer
// carries the server's time and the feeds' heads, the request log holds no IP addresses,
// attendance flags a duplicate only on its own day, and the kiosk's client reads no answer of
// unbounded size.
#include <gtest/gtest.h>

#include <sstream>

#include "kiosk/core/uuid.hpp"
#include "tests/integration/sync_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;
using sync::client::HttpResponse;

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// A server with three check-ins of kiosk-a already pushed; the kiosk's token in `token`.
class SyncOrganiser : public ::testing::Test {
 protected:
  void SetUp() override {
    world.server().start();
    TestKiosk kiosk(world, "kiosk-a");
    token = store::load_enrolment(kiosk.store())->token;
    kiosk.check_in(1, 3);
    kiosk.start();
    ASSERT_TRUE(wait_until([&] { return kiosk.waiting() == 0; }));
    kiosk.stop();
  }

  // The answer's server time is the server's clock now (same machine), within a minute.
  static void expect_envelope(const json& answer, int64_t events_head) {
    SCOPED_TRACE(answer.dump().substr(0, 200));
    ASSERT_TRUE(answer.contains("server_time_ms"));
    EXPECT_NEAR(static_cast<double>(answer["server_time_ms"].get<int64_t>()),
                static_cast<double>(wall_now_ms()), 60'000.0);
    ASSERT_TRUE(answer.contains("heads"));
    EXPECT_EQ(answer["heads"]["events"], events_head);
    EXPECT_GE(answer["heads"]["config"].get<int64_t>(), 1);
  }

  SyncServerWorld world;
  std::string token;
};

TEST_F(SyncOrganiser, RevokedOrganiserTokenGets401AndTokensCanBeListed) {
  const std::string buero = first_line(world.server_cli({"organiser-token", "buero"}).out);
  EXPECT_EQ(world.get("/api/v1/admin/devices", buero).status, 200);
  const std::string list = world.server_cli({"organiser-token", "--list"}).out;
  EXPECT_NE(list.find("buero  active"), std::string::npos) << list;
  EXPECT_NE(list.find("tests  active"), std::string::npos) << list;
  EXPECT_EQ(list.find(buero), std::string::npos) << "a token is shown only when it is made";

  EXPECT_EQ(world.server_cli({"organiser-token", "--revoke", "buero"}).out, "revoked buero\n");
  const HttpResponse refused = world.get("/api/v1/admin/devices", buero);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(json::parse(refused.body).value("error", ""), "unauthorized");
  EXPECT_EQ(world.get("/api/v1/admin/devices").status, 200) << "other organisers go on";
  const std::string listed = world.server_cli({"organiser-token", "--list", "--json"}).out;
  EXPECT_NE(listed.find(R"({"created_ms")"), std::string::npos) << listed;
  std::istringstream lines(listed);
  int revoked = 0;
  for (std::string line; std::getline(lines, line);) {
    const json j = json::parse(line);
    revoked += j["revoked"].get<bool>();
    EXPECT_EQ(j["revoked"].get<bool>(), j["name"] == "buero") << line;
  }
  EXPECT_EQ(revoked, 1);

  // Bad input: a clear message, and the tokens are as they were.
  const std::vector<std::string> base{EINLASS_SERVER_BINARY, "organiser-token", "--db",
                                      world.db().string()};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> words = base;
    words.insert(words.end(), extra.begin(), extra.end());
    return run_program(words, world.dir());
  };
  const ProgramRun unknown = with({"--revoke", "nobody"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no organiser token \"nobody\""), std::string::npos) << unknown.err;
  const ProgramRun nothing = with({});
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.err.find("--list"), std::string::npos) << nothing.err;
  EXPECT_EQ(with({"someone", "--revoke", "tests"}).exit_code, 2);
  EXPECT_EQ(world.server_cli({"organiser-token", "--list", "--json"}).out, listed);
  EXPECT_EQ(world.get("/api/v1/admin/devices").status, 200);
}

TEST_F(SyncOrganiser, EveryAnswerCarriesTheServerTimeAndTheHeads) {
  const HttpResponse events = world.get("/api/v1/admin/events?since=0");
  ASSERT_TRUE(events.ok()) << events.body;
  const json page = json::parse(events.body);
  ASSERT_EQ(page["events"].size(), 3u);
  const int64_t head = page["cursor"].get<int64_t>();
  EXPECT_GT(head, 0);
  expect_envelope(page, head);

  const HttpResponse changed = world.post(
      "/api/v1/admin/agenda",
      R"({"kind":"delay","venue":"magdeburg","day":"2019-09-12","from":"16:00","minutes":10})",
      world.organiser_token());
  ASSERT_EQ(changed.status, 200) << changed.body;
  const json change = json::parse(changed.body);
  expect_envelope(change, head);
  EXPECT_EQ(change["heads"]["agenda"], change["change"]["id"]);

  for (const char* path : {"/api/v1/admin/attendance", "/api/v1/admin/devices"}) {
    const HttpResponse r = world.get(path);
    ASSERT_TRUE(r.ok()) << path << ": " << r.body;
    expect_envelope(json::parse(r.body), head);
  }
  // The kiosk's own answers: its venue's heads.
  const HttpResponse agenda = world.get("/api/v1/agenda?since=0", token);
  ASSERT_TRUE(agenda.ok()) << agenda.body;
  expect_envelope(json::parse(agenda.body), head);
  EXPECT_EQ(json::parse(agenda.body)["heads"]["agenda"], change["change"]["id"]);
}

TEST_F(SyncOrganiser, TheRequestLogHoldsNoIpAddressesAndNoQueries) {
  ASSERT_TRUE(world.get("/api/v1/admin/events?since=0&limit=5").ok());
  ASSERT_TRUE(world.get("/api/v1/roster?since=0", token).ok());
  const fs::path log = world.dir() / "server.err";
  // cpp-httplib logs a request after its answer is sent, each on its connection's thread: the
  // client can see both answers before either line is written, in either order.
  ASSERT_TRUE(wait_until([&] {
    const std::string text = read_file(log);
    return text.find("GET /api/v1/roster 200") != std::string::npos &&
           text.find("GET /api/v1/admin/events 200") != std::string::npos;
  })) << read_file(log);
  std::istringstream lines(read_file(log));
  int requests = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("/api/v1/") == std::string::npos) continue;
    ++requests;
    EXPECT_EQ(line.find("127.0.0.1"), std::string::npos) << "an IP address is logged: " << line;
    EXPECT_EQ(line.find("since="), std::string::npos) << "a query string is logged: " << line;
  }
  EXPECT_GE(requests, 2);
}

TEST_F(SyncOrganiser, TheKioskClientReadsNoAnswerLongerThanItsLimit) {
  sync::client::HttpClient http({}, {});
  const std::string url = world.server().url() + "/api/v1/admin/events?since=0";
  http.set_max_body_bytes(200);
  const HttpResponse cut = http.get(url, world.organiser_token());
  EXPECT_FALSE(cut.ok());
  EXPECT_NE(cut.transport_error.find("larger than 200 bytes"), std::string::npos)
      << cut.transport_error;
  EXPECT_TRUE(cut.body.empty()) << "nothing of a cut answer is taken for data";
  http.set_max_body_bytes(1 << 20);
  EXPECT_TRUE(http.get(url, world.organiser_token()).ok()) << "the same handle works again";
}

// Two days at one venue: a person admitted twice on the first day is a duplicate there, not on
// the second day, where they were admitted once.
TEST(SyncAttendance, ADuplicateIsFlaggedOnlyOnItsOwnDay) {
  SyncServerWorld world;
  world.server_cli(
      {"init", "--event", (fs::path(EINLASS_TEST_DATA) / "events" / "buko-2020.toml").string()});
  world.server().start();
  const json request{{"code", world.enrolment_code("haendelhalle")}, {"device_id", "kiosk-hh"}};
  const HttpResponse enrolled = world.post("/api/v1/enrol", request.dump(), "");
  ASSERT_EQ(enrolled.status, 200) << enrolled.body;
  const std::string token = json::parse(enrolled.body).at("token").get<std::string>();

  std::vector<core::CheckinEvent> events;
  auto entry = [&](const std::string& participant, const std::string& day) {
    core::CheckinEvent e;
    e.uuid = core::new_uuid_v7(wall_now_ms());
    e.participant = participant;
    e.venue = "haendelhalle";
    e.day = day;
    e.device = "kiosk-hh";
    e.wall_ms = e.hlc.wall_ms = wall_now_ms();
    e.hlc.counter = static_cast<uint32_t>(events.size());
    events.push_back(e);
  };
  entry("R1", "2020-09-21");
  entry("R1", "2020-09-21");  // e.g. at two kiosks while offline
  entry("R2", "2020-09-21");
  entry("R1", "2020-09-22");
  entry("R2", "2020-09-22");
  const HttpResponse pushed =
      world.post("/api/v1/events", sync::protocol::push_request_json(events).dump(), token);
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  // Keep the parsed answer: a range-for over a member of a temporary reads freed memory.
  const json answer = json::parse(pushed.body);
  for (const json& result : answer.at("results"))
    ASSERT_EQ(result["status"], "stored") << result.dump();

  const json days = world.attendance().at("days");
  ASSERT_EQ(days.size(), 2u) << days.dump();
  EXPECT_EQ(days[0]["day"], "2020-09-21");
  EXPECT_EQ(days[0]["checked_in"], 2);
  ASSERT_EQ(days[0]["duplicates"].size(), 1u) << days.dump();
  EXPECT_EQ(days[0]["duplicates"][0]["participant"], "R1");
  EXPECT_EQ(days[0]["duplicates"][0]["events"].size(), 2u);
  EXPECT_EQ(days[1]["day"], "2020-09-22");
  EXPECT_EQ(days[1]["checked_in"], 2);
  EXPECT_TRUE(days[1]["duplicates"].empty()) << "R1 came once that day: " << days.dump();
}

}  // namespace
}  // namespace einlass::testing
