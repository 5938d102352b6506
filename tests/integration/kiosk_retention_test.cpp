// The kiosk's side of the retention period: once the period has passed and every check-in has
// reached the server, the sync engine wipes the kiosk's personal data by itself (keeping
// anonymous counts); a kiosk whose check-ins have not reached the server never does, nor does
// `einlass-kiosk purge`, which also refuses before the period ends.
#include <gtest/gtest.h>

#include <date/date.h>

#include "kiosk/store/sync_state.hpp"
#include "sync/client/sync_engine.hpp"
#include "tests/integration/sync_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

// A sync pass as the engine runs it, with the kiosk's clock at now + `days_later`.
sync::client::SyncStatus sync_pass(const fs::path& store, int64_t days_later) {
  sync::client::SyncOptions o = test_sync_options(store);
  o.now_ms = [days_later] { return wall_now_ms() + days_later * kDayMs; };
  return sync::client::sync_once(o);
}

// `--now` for a time `days_later` days from now, in UTC ("2027-02-21T10:15Z").
std::string now_option(int64_t days_later) {
  const auto t = std::chrono::system_clock::now() + std::chrono::hours(24 * days_later);
  return date::format("%FT%H:%MZ", date::floor<std::chrono::minutes>(t));
}

ProgramRun kiosk_purge(SyncServerWorld& world, const fs::path& store,
                       std::vector<std::string> extra) {
  std::vector<std::string> words{EINLASS_KIOSK_BINARY, "purge", "--store", store.string()};
  words.insert(words.end(), extra.begin(), extra.end());
  return run_program(words, world.dir());
}

int64_t events_in(const fs::path& store) {
  return store::KioskStore(store).counts().events;
}

// A kiosk used `days_ago` days ago: its check-ins and its enrolment lie that far back, so its
// retention period is over on the real clock (a real purge goes by the clock alone).
void move_enrolment_back(TestKiosk& kiosk, int64_t days_ago) {
  kiosk.store()
      .db()
      .prepare("UPDATE sync_state SET value = ? WHERE key = 'enrolled_ms'")
      .bind(1, std::to_string(wall_now_ms() - days_ago * kDayMs))
      .run();
}
std::vector<int64_t> outbox_seqs(TestKiosk& kiosk) {
  std::vector<int64_t> seqs;
  store::Statement st =
      kiosk.store().db().prepare("SELECT event_seq FROM outbox ORDER BY event_seq");
  while (st.step())
    seqs.push_back(st.integer(0));
  return seqs;
}

TEST(KioskRetention, SyncedKioskWipesItselfOnceThePeriodHasPassed) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk kiosk(world, "kiosk-a");
  kiosk.check_in(1, 3);

  // Synced, but the period (90 days after the kiosk's last check-in) has not passed.
  EXPECT_TRUE(sync_pass(kiosk.store_file(), 0).online());
  EXPECT_EQ(kiosk.waiting(), 0);
  EXPECT_EQ(events_in(kiosk.store_file()), 3);
  EXPECT_TRUE(store::wipe_log(kiosk.store()).empty());

  const sync::client::SyncStatus later = sync_pass(kiosk.store_file(), 91);
  EXPECT_EQ(later.connection, sync::client::Connection::Revoked) << "the kiosk is out of service";
  const store::StoreCounts c = kiosk.store().counts();
  EXPECT_EQ(c.events, 0);
  EXPECT_EQ(c.roster, 0);
  const auto log = store::wipe_log(kiosk.store());
  ASSERT_EQ(log.size(), 1u);
  EXPECT_TRUE(log[0].reason.starts_with("retention period over")) << log[0].reason;
  EXPECT_EQ(json::parse(log[0].counts_json)["checked_in"], 3) << "anonymous counts are kept";
  EXPECT_TRUE(store::is_retired_after_retention(kiosk.store()))
      << "staff see \"retention period over\", not \"revoked by the organiser\"";
  EXPECT_EQ(world.server_events().size(), 3u) << "the server still has every check-in";
}

TEST(KioskRetention, KioskWithUnsyncedCheckinsDoesNotWipe) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk kiosk(world, "kiosk-a");
  world.server().kill_hard();  // the server is down from here on
  kiosk.check_in(1, 2);

  const sync::client::SyncStatus offline = sync_pass(kiosk.store_file(), 400);
  EXPECT_FALSE(offline.online());
  EXPECT_EQ(events_in(kiosk.store_file()), 2);
  EXPECT_EQ(kiosk.waiting(), 2);
  EXPECT_TRUE(store::wipe_log(kiosk.store()).empty());

  const ProgramRun refused =
      kiosk_purge(world, kiosk.store_file(), {"--dry-run", "--now", now_option(400)});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("2 check-ins have not reached the server yet"), std::string::npos)
      << refused.err;
  EXPECT_EQ(json::parse(refused.out)["result"], "refused");
  EXPECT_EQ(events_in(kiosk.store_file()), 2);

  // Back online: the check-ins go to the server first, then the kiosk wipes itself.
  world.server().start();
  EXPECT_EQ(sync_pass(kiosk.store_file(), 400).connection, sync::client::Connection::Revoked);
  EXPECT_EQ(world.server_events().size(), 2u);
  EXPECT_EQ(events_in(kiosk.store_file()), 0);
}

TEST(KioskRetention, PurgeCommandRefusesEarlyThenDeletes) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk kiosk(world, "kiosk-a");
  kiosk.check_in(1, 1);
  ASSERT_TRUE(sync_pass(kiosk.store_file(), 0).online());

  const ProgramRun early = kiosk_purge(world, kiosk.store_file(), {});
  EXPECT_EQ(early.exit_code, 1) << early.err;
  EXPECT_NE(early.err.find("personal data is kept until "), std::string::npos) << early.err;
  EXPECT_NE(early.err.find("nothing was deleted"), std::string::npos) << early.err;
  EXPECT_EQ(events_in(kiosk.store_file()), 1);

  const ProgramRun dry =
      kiosk_purge(world, kiosk.store_file(), {"--now", now_option(91), "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(json::parse(dry.out)["result"], "would delete");
  EXPECT_EQ(events_in(kiosk.store_file()), 1);

  // A pretended date never deletes: a real purge goes by the clock.
  const ProgramRun pretend = kiosk_purge(world, kiosk.store_file(), {"--now", now_option(91)});
  EXPECT_EQ(pretend.exit_code, 2) << pretend.out << pretend.err;
  EXPECT_NE(pretend.err.find("--now only works with --dry-run"), std::string::npos) << pretend.err;
  EXPECT_EQ(events_in(kiosk.store_file()), 1);
  EXPECT_TRUE(store::wipe_log(kiosk.store()).empty());

  // The same kiosk's data from 400 days ago: the period is over by the clock.
  TestKiosk old_kiosk(world, "kiosk-old", -400 * kDayMs);
  old_kiosk.check_in(1, 1);
  store::settle_outbox(old_kiosk.store(), outbox_seqs(old_kiosk), {});  // the server has it
  move_enrolment_back(old_kiosk, 400);
  const ProgramRun done = kiosk_purge(world, old_kiosk.store_file(), {});
  EXPECT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(json::parse(done.out)["result"], "deleted");
  EXPECT_EQ(events_in(old_kiosk.store_file()), 0);
  EXPECT_EQ(store::wipe_log(old_kiosk.store()).size(), 1u);
  EXPECT_TRUE(store::is_retired_after_retention(old_kiosk.store()));

  const ProgramRun again = kiosk_purge(world, old_kiosk.store_file(), {});
  EXPECT_EQ(json::parse(again.out)["result"], "nothing to delete");

  const ProgramRun bad = kiosk_purge(world, world.dir() / "nope.sqlite", {});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("no kiosk store at"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(world.dir() / "nope.sqlite"));
}

// Check-ins the server refused can never sync: after the period they do not block the wipe, and
// staff are told how many went instead of being sent to `sync --once` forever.
TEST(KioskRetention, RefusedCheckinsDoNotBlockThePurgeAfterThePeriod) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk kiosk(world, "kiosk-a", -400 * kDayMs);
  kiosk.check_in(1, 3);
  const std::vector<int64_t> seqs = outbox_seqs(kiosk);
  ASSERT_EQ(seqs.size(), 3u);
  // The server acknowledged two and refused one.
  store::settle_outbox(kiosk.store(), {seqs[0], seqs[1]},
                       {{seqs[2], "R3 is not registered at this venue"}});
  move_enrolment_back(kiosk, 400);

  const ProgramRun dry = kiosk_purge(world, kiosk.store_file(), {"--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(json::parse(dry.out)["result"], "would delete");
  EXPECT_EQ(json::parse(dry.out)["rejected_events"], 1);
  EXPECT_EQ(json::parse(dry.out)["unsynced_events"], 0);

  const ProgramRun done = kiosk_purge(world, kiosk.store_file(), {});
  EXPECT_EQ(done.exit_code, 0) << done.out << done.err;
  EXPECT_EQ(json::parse(done.out)["result"], "deleted");
  EXPECT_NE(done.err.find("1 check-ins the server refused (listed on the staff status screen) "
                          "can never be synced and are deleted with the rest"),
            std::string::npos)
      << done.err;
  EXPECT_EQ(done.err.find("sync --once"), std::string::npos) << done.err;
  EXPECT_EQ(events_in(kiosk.store_file()), 0);
  EXPECT_EQ(kiosk.store().counts().outbox_rejected, 0);
}

// The retention wipe checks the outbox again inside its own write transaction: a check-in
// recorded after the caller looked (the kiosk is in use) is never deleted unsent.
TEST(KioskRetention, RetentionWipeNeverDeletesAnUnsentCheckin) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk kiosk(world, "kiosk-a", -400 * kDayMs);
  kiosk.check_in(1, 2);
  EXPECT_EQ(kiosk.waiting(), 2);
  EXPECT_FALSE(store::wipe_after_retention_period(kiosk.store(), wall_now_ms(), "test"));
  EXPECT_EQ(events_in(kiosk.store_file()), 2);
  EXPECT_EQ(kiosk.waiting(), 2);
  EXPECT_TRUE(store::wipe_log(kiosk.store()).empty());
  EXPECT_FALSE(store::is_revoked(kiosk.store()));

  // A revocation still wipes everything: the organiser decided.
  store::wipe_personal_data(kiosk.store(), wall_now_ms(), "revoked by the organiser: test");
  EXPECT_EQ(events_in(kiosk.store_file()), 0);
  EXPECT_TRUE(store::is_revoked(kiosk.store()));
  EXPECT_FALSE(store::is_retired_after_retention(kiosk.store()));
}

}  // namespace
}  // namespace einlass::testing
