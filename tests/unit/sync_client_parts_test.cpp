// The sync client's pure parts: backoff, enrolment links, server addresses; and the kiosk
// store's side of sync (outbox settling, roster pages, agenda log, the wipe).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/store/sync_state.hpp"
#include "sync/client/backoff.hpp"
#include "sync/client/enrolment.hpp"
#include "sync/client/retry_after.hpp"
#include "sync/client/server_url.hpp"

namespace einlass::sync::client {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST(SyncBackoff, GrowsExponentiallyUpToTheCapWithFullJitter) {
  Backoff b(100ms, 2000ms);
  EXPECT_EQ(b.ceiling(0), 0ms);
  EXPECT_EQ(b.ceiling(1), 100ms);
  EXPECT_EQ(b.ceiling(3), 400ms);
  EXPECT_EQ(b.ceiling(6), 2000ms);
  EXPECT_EQ(b.ceiling(100000), 2000ms) << "a day-long outage does not overflow";
  bool saw_small = false, saw_large = false;
  for (int i = 0; i < 200; ++i) {
    const auto d = b.next(5);
    EXPECT_LE(d, 1600ms);
    saw_small = saw_small || d < 400ms;
    saw_large = saw_large || d > 1200ms;
  }
  EXPECT_TRUE(saw_small && saw_large) << "spread over the whole range";
  EXPECT_GE(b.next(1, 3000ms), 3000ms) << "Retry-After wins";
}

TEST(SyncBackoff, RetryAfterIsObeyedForAtMostFiveMinutes) {
  EXPECT_EQ(parse_retry_after("120"), 120s);
  EXPECT_EQ(parse_retry_after(" 7\r\n"), 7s);
  EXPECT_EQ(parse_retry_after("0"), 0s);
  EXPECT_EQ(parse_retry_after("86400"), 300s) << "a broken server cannot stall a kiosk a day";
  EXPECT_EQ(parse_retry_after("99999999999999999999999999"), 300s) << "no overflow";
  EXPECT_EQ(kMaxRetryAfter, 5min);
  EXPECT_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT")) << "dates: own backoff";
  EXPECT_FALSE(parse_retry_after("-5"));
  EXPECT_FALSE(parse_retry_after("12abc"));
  EXPECT_FALSE(parse_retry_after(""));
  Backoff b(100ms, 2000ms);
  EXPECT_LE(b.next(1, *parse_retry_after("86400")), 5min);
}

TEST(SyncEnrolment, LinkFromTheQrCodeAndServerAddresses) {
  const auto link =
      parse_enrolment_link("einlass-enrol:https://einlass.example.org:8443#K7QM-3FHX");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->server_url, "https://einlass.example.org:8443");
  EXPECT_EQ(link->code, "K7QM-3FHX");
  EXPECT_EQ(format_enrolment_link(*link),
            "einlass-enrol:https://einlass.example.org:8443#K7QM-3FHX");
  EXPECT_FALSE(parse_enrolment_link("EL1ABCDEF"));
  EXPECT_FALSE(parse_enrolment_link("einlass-enrol:https://x#"));

  EXPECT_EQ(normalise_server_url("https://einlass.example.org/"), "https://einlass.example.org");
  EXPECT_EQ(normalise_server_url("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(normalise_server_url("http://[::1]:8080"), "http://[::1]:8080");
  EXPECT_THROW(normalise_server_url("http://einlass.example.org"), EnrolmentError)
      << "no clear text over venue Wi-Fi";
  EXPECT_THROW(normalise_server_url("http://127.0.0.1.evil.org"), EnrolmentError);
  EXPECT_THROW(normalise_server_url("ftp://x"), EnrolmentError);
  EXPECT_THROW(normalise_server_url("https://user@host"), EnrolmentError);
}

class SyncStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("einlass-syncstate-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  core::CheckinEvent entry(const std::string& participant) {
    core::CheckinEvent e;
    e.participant = participant;
    e.venue = "magdeburg";
    e.day = "2019-09-12";
    return e;
  }
  fs::path dir;
};

TEST_F(SyncStateTest, OutboxLeavesOnlyWhenAcknowledgedAndRejectedEventsStay) {
  store::KioskStore s(dir / "k.sqlite");
  for (int i = 0; i < 5; ++i)
    s.append(entry("R" + std::to_string(i)), 1'568'293'800'000 + i);
  auto batch = store::outbox_batch(s, 3);
  ASSERT_EQ(batch.size(), 3u);
  EXPECT_EQ(batch[0].event.participant, "R0") << "oldest first";
  store::note_attempt(s, {batch[0].seq}, "timeout");
  store::settle_outbox(s, {batch[0].seq, batch[2].seq}, {{batch[1].seq, "not a day of venue"}});
  EXPECT_EQ(s.counts().outbox_waiting, 2);
  EXPECT_EQ(s.counts().outbox_rejected, 1);
  EXPECT_EQ(s.counts().events, 5) << "nothing is deleted from the event log";
  const auto rejected = store::rejected_events(s);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].event.participant, "R1");
  EXPECT_EQ(rejected[0].reason, "not a day of venue");
  batch = store::outbox_batch(s, 10);
  ASSERT_EQ(batch.size(), 2u) << "refused events are not sent again";
  EXPECT_EQ(batch[0].event.participant, "R3");
}

TEST_F(SyncStateTest, RosterPagesRemoveMovedPeopleButNeverWalkIns) {
  store::KioskStore s(dir / "k.sqlite");
  core::RosterEntry r;
  r.participant_id = "R1";
  r.registration_id = 1;
  r.last_name = "Fischer";
  r.venue = "magdeburg";
  store::apply_roster_page(s, {r}, {}, 10);
  EXPECT_EQ(store::load_cursors(s).roster, 10);
  core::RosterEntry w = r;
  w.participant_id = "W1";
  w.registration_id = 0;
  w.walk_in = true;
  s.upsert_roster({w});
  store::apply_roster_page(s, {}, {"R1", "W1"}, 11);
  EXPECT_FALSE(s.roster_by_participant("R1"));
  EXPECT_TRUE(s.roster_by_participant("W1"));
}

TEST_F(SyncStateTest, RemoteWalkInsBecomeFindable) {
  store::KioskStore s(dir / "k.sqlite");
  core::CheckinEvent e = entry("W0190f5c2");
  e.uuid = "0190f5c2-7d3e-7a41-9c2b-3f4e5d6c7b8a";
  e.kind = core::EventKind::WalkIn;
  e.device = "kiosk-other";
  e.wall_ms = 1'568'293'800'000;
  e.hlc = {e.wall_ms, 0};
  e.detail = R"({"first_name":"Ömer","last_name":"Yıldız","organisation":"Verein"})";
  EXPECT_EQ(store::apply_remote_events(s, {e, e}, 7, e.wall_ms), 1u) << "merged once";
  EXPECT_EQ(store::load_cursors(s).events, 7);
  const auto found = s.search_roster("omer");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].walk_in);
  EXPECT_EQ(s.counts().outbox_waiting, 0) << "remote events are not sent back";
}

TEST_F(SyncStateTest, AgendaChangesAreStoredPerVenueAndDay) {
  store::KioskStore s(dir / "k.sqlite");
  core::AgendaChange c;
  c.id = 4;
  c.kind = core::AgendaChangeKind::ChangeItem;
  c.venue = "magdeburg";
  c.day = "2019-09-12";
  c.item = 1;
  c.start = core::LocalTime::hm(15, 40);
  c.title = "Runde 1";
  core::AgendaChange d = c;
  d.id = 5;
  d.day = "2019-09-13";
  store::apply_agenda_changes(s, {c, d}, 5);
  const auto stored = store::agenda_changes_for(s, "magdeburg", "2019-09-12");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].start, c.start);
  EXPECT_FALSE(stored[0].end);
  EXPECT_EQ(stored[0].title, c.title);
  EXPECT_EQ(store::load_cursors(s).agenda, 5);
}

TEST_F(SyncStateTest, EnrolmentAtAnotherVenueDropsTheOldVenuesRoster) {
  store::KioskStore s(dir / "k.sqlite");
  store::save_enrolment(s, {"https://a", "t1", "magdeburg", "", "", 1}, {"x", {}, 1});
  core::RosterEntry r;
  r.participant_id = "R1";
  r.registration_id = 1;
  r.venue = "magdeburg";
  store::apply_roster_page(s, {r}, {}, 3);
  store::save_enrolment(s, {"https://a", "t2", "magdeburg", "", "", 2}, {"x", {}, 1});
  EXPECT_TRUE(s.roster_by_participant("R1")) << "same venue: kept";
  store::save_enrolment(s, {"https://a", "t3", "dessau", "", "", 3}, {"x", {}, 1});
  EXPECT_FALSE(s.roster_by_participant("R1"));
  EXPECT_EQ(store::load_cursors(s).roster, 0);
  EXPECT_EQ(store::load_enrolment(s)->token, "t3");
}

// The key id from the server names a file: anything but a plain name is refused before a
// single file is written, so a server cannot choose a path on the kiosk.
TEST_F(SyncStateTest, AKeyIdThatIsNotAPlainNameIsRefusedAndNothingIsWritten) {
  const core::KeyFiles files = core::generate_key_pair(dir, "tickets");
  std::ifstream in(files.public_file);
  std::string good_line;
  std::getline(in, good_line);
  const fs::path conf = dir / "k-enrolled";
  protocol::KioskConfig config;
  config.venue = "magdeburg";
  config.event_config = "first";
  config.public_keys = {good_line};
  write_config_files(conf, config);
  const auto snapshot = [&] {
    std::string all;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      all += entry.path().string() + "\n";
      if (entry.is_regular_file()) {
        std::ifstream file(entry.path(), std::ios::binary);
        all += std::string(std::istreambuf_iterator<char>(file), {}) + "\n";
      }
    }
    return all;
  };
  const std::string before = snapshot();
  for (const std::string id : {"../../evil", "..", "a/b", "x.y", "%2e%2e", ""}) {
    SCOPED_TRACE(id);
    protocol::KioskConfig bad = config;
    bad.event_config = "second";
    bad.public_keys = {good_line, "einlass-ticket-public-key v1 " + id + " AAAA"};
    try {
      write_config_files(conf, bad);
      ADD_FAILURE() << "a key id that is not a plain name must be refused";
    } catch (const EnrolmentError& e) {
      EXPECT_NE(std::string(e.what()).find("key id"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("nothing was stored"), std::string::npos) << e.what();
    }
    EXPECT_EQ(snapshot(), before) << "no file was written, moved or removed";
    EXPECT_FALSE(fs::exists(dir.parent_path() / "evil.public"));
  }
}

}  // namespace
}  // namespace einlass::sync::client
