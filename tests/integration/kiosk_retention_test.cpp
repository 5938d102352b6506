// The kiosk's side of the retention period: once the period has passed and every check-in has
// reached the server, the sync engine wipes the kiosk's personal data by itself (keeping
// anonymous counts); a kiosk whose check-ins have not reached the server never does, nor does
// `einlass-kiosk purge`, which also refuses before the period ends.
#include <gtest/gtest.h>

#include <date/date.h>

#include "kiosk/store/export_record.hpp"
#include "kiosk/store/retention_wipe.hpp"
#include "kiosk/store/sync_state.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/server/retention/purged_days.hpp"
#include "sync/server/retention/retention_purge.hpp"
#include "tests/integration/kiosk_fixture.hpp"
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

// A kiosk that was offline while the server purged pushes its outbox afterwards: the server
// refuses every event of the purged day with the reason staff see, stores nothing of it (no
// walk-in's name comes back, no count goes on top of the kept ones), a re-send is refused the
// same way, and the refused check-ins do not keep the kiosk from wiping itself later.
TEST(KioskRetention, LateCheckinsForAPurgedDayAreRefusedAndNothingIsStored) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk online(world, "kiosk-online");
  online.check_in(1, 3);
  ASSERT_TRUE(sync_pass(online.store_file(), 0).online());
  TestKiosk late(world, "kiosk-late");  // enrolled, then offline until after the purge
  late.check_in(4, 2);
  {
    store::Transaction tx(late.store().db());
    core::CheckinEvent walk_in;
    walk_in.kind = core::EventKind::WalkIn;
    walk_in.participant = "W-late-1";
    walk_in.venue = "magdeburg";
    walk_in.day = SyncServerWorld::kDay;
    walk_in.detail = json{{"first_name", "Ute"}, {"last_name", "Spätkommerin"}}.dump();
    late.store().append(tx, walk_in, late.now_ms());
    core::CheckinEvent entry = walk_in;
    entry.kind = core::EventKind::Entry;
    entry.detail.clear();
    late.store().append(tx, entry, late.now_ms());
    tx.commit();
  }
  ASSERT_EQ(late.waiting(), 4);

  // The 2019 event's retention period is long over on the real clock.
  const ProgramRun purge = world.server_cli({"purge"});
  ASSERT_NE(purge.out.find("events: 3 rows deleted"), std::string::npos) << purge.out << purge.err;
  const json kept = world.attendance().at("days");
  ASSERT_EQ(kept[0]["checked_in"], 3) << kept.dump();

  std::string expected_reason;
  {
    const store::Database server_db(world.db());
    const auto log = sync::server::purge_log(server_db);
    ASSERT_EQ(log.size(), 1u);
    expected_reason = "retention period over: the server deleted this day's personal data on " +
                      sync::server::purge_date_text(log[0].purged_ms, "Europe/Berlin") +
                      "; this check-in is not stored";
  }
  const auto server_rows = [&](const std::string& table) {
    return store::Database(world.db()).query_int("SELECT COUNT(*) FROM " + table);
  };

  ASSERT_TRUE(sync_pass(late.store_file(), 0).online());
  EXPECT_EQ(late.waiting(), 0) << "refused events are no longer sent";
  const auto refused = store::rejected_events(late.store());
  ASSERT_EQ(refused.size(), 4u) << "staff see every refused check-in";
  for (const store::RejectedEvent& r : refused)
    EXPECT_EQ(r.reason, expected_reason) << r.event.participant;
  EXPECT_EQ(server_rows("events"), 0) << "nothing of the late events is stored";
  EXPECT_EQ(server_rows("registrations"), 0);
  EXPECT_EQ(world.attendance().at("days"), kept) << "the kept counts are not added to";
  const fs::path wal = world.db().string() + "-wal";
  std::string server_file = read_file(world.db());
  if (fs::exists(wal)) server_file += read_file(wal);
  EXPECT_EQ(server_file.find("Spätkommerin"), std::string::npos) << "the walk-in's name came back";

  // An older kiosk that sends them again (as if never answered): refused again, still nothing.
  late.store().db().exec("UPDATE outbox SET rejected = 0");
  ASSERT_TRUE(sync_pass(late.store_file(), 0).online());
  EXPECT_EQ(store::rejected_events(late.store()).size(), 4u);
  EXPECT_EQ(server_rows("events"), 0);
  EXPECT_EQ(world.attendance().at("days"), kept);

  // After the kiosk's own period the refused check-ins do not hold its wipe back.
  EXPECT_EQ(sync_pass(late.store_file(), 91).connection, sync::client::Connection::Revoked);
  EXPECT_EQ(events_in(late.store_file()), 0);
  EXPECT_EQ(late.store().counts().outbox_rejected, 0);
  EXPECT_TRUE(store::is_retired_after_retention(late.store()));
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

// A kiosk never enrolled with a server (one laptop, a small event): its check-ins exist nowhere
// else, so purge refuses until `einlass-kiosk export` has written every one of them to a file,
// and again after a check-in made since. The check-ins below are made at the 2019 event's time
// (--now), so the retention period is over by the real clock.
TEST(KioskRetention, KioskWithoutServerPurgesOnlyWhatAnExportCovers) {
  KioskWorld world;
  const std::vector<Ticket> tickets = world.tickets(1, 3);
  const auto kiosk = [&](std::vector<std::string> words) { return world.run(words); };
  const auto with_store = [&](std::vector<std::string> words) {
    words.insert(words.begin() + 1, {"--store", world.store().string()});
    return kiosk(words);
  };
  for (const Ticket& t : {tickets[0], tickets[1]}) {
    std::vector<std::string> checkin = world.args("checkin");
    checkin.push_back(t.code);
    ASSERT_EQ(kiosk(checkin).exit_code, 0);
  }
  std::vector<std::string> walk_in = world.args("walk-in");
  walk_in.insert(walk_in.end(),
                 {"--first-name", "Günther", "--last-name", "Weiß", "--privacy-consent"});
  ASSERT_EQ(kiosk(walk_in).exit_code, 0);
  const std::string never_exported =
      "4 check-ins were never exported: run einlass-kiosk export --out FILE first";

  const std::string before = store_dump(world.store());
  const KioskRun dry = with_store({"purge", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 1) << dry.out << dry.err;
  EXPECT_NE(dry.err.find(never_exported), std::string::npos) << dry.err;
  ASSERT_EQ(dry.json_lines().size(), 1u);
  EXPECT_EQ(dry.json_lines()[0]["result"], "refused");
  EXPECT_EQ(dry.json_lines()[0]["unexported_events"], 4);
  EXPECT_EQ(dry.json_lines()[0]["period_over"], true);
  const KioskRun refused = with_store({"purge"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find(never_exported), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("Nothing was deleted"), std::string::npos) << refused.err;
  EXPECT_EQ(store_dump(world.store()), before) << "a refused purge changes nothing";

  const fs::path first_file = world.dir() / "anwesenheit-1.csv";
  ASSERT_EQ(with_store({"export", "--out", first_file.string()}).exit_code, 0);
  // Someone checked in after the export: that check-in is in no file yet.
  std::vector<std::string> late = world.args("checkin");
  late.push_back(tickets[2].code);
  ASSERT_EQ(kiosk(late).exit_code, 0);
  const KioskRun after_late = with_store({"purge"});
  EXPECT_EQ(after_late.exit_code, 1) << after_late.out << after_late.err;
  EXPECT_NE(after_late.err.find("1 check-ins were never exported: run einlass-kiosk export "
                                "--out FILE first"),
            std::string::npos)
      << after_late.err;
  EXPECT_EQ(events_in(world.store()), 5);

  const fs::path second_file = world.dir() / "anwesenheit-2.csv";
  ASSERT_EQ(with_store({"export", "--out", second_file.string()}).exit_code, 0);
  const KioskRun would = with_store({"purge", "--dry-run"});
  EXPECT_EQ(would.exit_code, 0) << would.out << would.err;
  EXPECT_EQ(would.json_lines().at(0)["result"], "would delete");
  EXPECT_EQ(events_in(world.store()), 5);

  const KioskRun done = with_store({"purge"});
  EXPECT_EQ(done.exit_code, 0) << done.out << done.err;
  EXPECT_EQ(done.json_lines().at(0)["result"], "deleted");
  EXPECT_NE(done.err.find(fs::absolute(second_file).string()), std::string::npos)
      << "staff are told where the list is now: " << done.err;
  store::KioskStore store(world.store());
  EXPECT_EQ(store.counts().events, 0);
  EXPECT_TRUE(store.search_roster("Weiß").empty()) << "the walk-in's name is deleted";
  EXPECT_TRUE(store::is_retired_after_retention(store));
  EXPECT_EQ(store::export_records(store).size(), 2u) << "the record of who exported stays";
  EXPECT_NE(read_file(second_file).find("Weiß"), std::string::npos)
      << "the organiser's file keeps the list";
}

// An enrolled kiosk keeps the server's rule: an export does not stand in for the server.
TEST(KioskRetention, EnrolledKioskStillWaitsForTheServerAfterAnExport) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk kiosk(world, "kiosk-a", -400 * kDayMs);
  kiosk.check_in(1, 2);
  move_enrolment_back(kiosk, 400);
  world.server().kill_hard();

  const ProgramRun exported = run_program(
      {EINLASS_KIOSK_BINARY, "export", "--store", kiosk.store_file().string(), "--event",
       app::default_event_file().string(), "--out", (world.dir() / "liste.csv").string()},
      world.dir());
  ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
  EXPECT_EQ(json::parse(exported.out)["rows"], 2);

  const ProgramRun refused = kiosk_purge(world, kiosk.store_file(), {"--dry-run"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("2 check-ins have not reached the server yet"), std::string::npos)
      << refused.err;
  EXPECT_EQ(refused.err.find("never exported"), std::string::npos) << refused.err;
  EXPECT_EQ(json::parse(refused.out)["enrolled"], true);
  EXPECT_EQ(events_in(kiosk.store_file()), 2);
}

// A kiosk used without a server first and enrolled LATER: check-ins from before its enrolment
// that the server refuses (another day, another event) were never on any server, so purge
// keeps them until an export covers them. Refused check-ins from after the enrolment still do
// not hold the purge back (RefusedCheckinsDoNotBlockThePurgeAfterThePeriod,
// LateCheckinsForAPurgedDayAreRefusedAndNothingIsStored).
TEST(KioskRetention, RefusedCheckinsFromBeforeTheEnrolmentNeedAnExport) {
  KioskWorld world;
  const std::vector<Ticket> tickets = world.tickets(1, 3);
  for (const Ticket& t : {tickets[0], tickets[1]}) {
    std::vector<std::string> checkin = world.args("checkin");
    checkin.push_back(t.code);
    ASSERT_EQ(world.run(checkin).exit_code, 0);
  }
  const auto refuse_outbox = [&] {
    store::KioskStore store(world.store());
    std::vector<std::pair<int64_t, std::string>> refused;
    store::Statement st = store.db().prepare("SELECT event_seq FROM outbox WHERE rejected = 0");
    while (st.step())
      refused.emplace_back(st.integer(0), "not a day of this server's event");
    store::settle_outbox(store, {}, refused);
  };
  {
    store::KioskStore store(world.store());
    store::save_enrolment(store,
                          {"https://einlass.example.org", "token", KioskWorld::kVenue, "", "",
                           wall_now_ms() - 400 * kDayMs},
                          {read_file(app::default_event_file()), {}, 1});
  }
  refuse_outbox();
  // One more check-in after the enrolment, refused too: it was meant for the server.
  std::vector<std::string> after = world.args("checkin");
  after.insert(after.end(), {"--event", app::default_event_file().string(), tickets[2].code});
  ASSERT_EQ(world.run(after).exit_code, 0);
  refuse_outbox();
  ASSERT_EQ(store::KioskStore(world.store()).counts().outbox_rejected, 3);

  const auto purge = [&](std::vector<std::string> extra) {
    std::vector<std::string> words{"purge", "--store", world.store().string(), "--event",
                                   app::default_event_file().string()};
    words.insert(words.end(), extra.begin(), extra.end());
    return world.run(words);
  };
  const std::string before = store_dump(world.store());
  const KioskRun refused = purge({});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("2 check-ins recorded before this kiosk was enrolled were refused "
                             "by the server and were never exported: run einlass-kiosk export "
                             "--out FILE first"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("Nothing was deleted"), std::string::npos) << refused.err;
  ASSERT_EQ(refused.json_lines().size(), 1u);
  EXPECT_EQ(refused.json_lines()[0]["result"], "refused");
  EXPECT_EQ(refused.json_lines()[0]["unexported_events"], 2) << "not the one after enrolment";
  EXPECT_EQ(store_dump(world.store()), before) << "a refused purge changes nothing";
  {
    // The sync engine's self-wipe keeps them too.
    store::KioskStore store(world.store());
    EXPECT_FALSE(store::wipe_after_retention(store, world.event(), wall_now_ms()));
  }
  EXPECT_EQ(store_dump(world.store()), before);

  const fs::path file = world.dir() / "vor-der-anmeldung.csv";
  const KioskRun exported = world.run({"export", "--store", world.store().string(), "--event",
                                       app::default_event_file().string(), "--out", file.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
  const KioskRun done = purge({});
  EXPECT_EQ(done.exit_code, 0) << done.out << done.err;
  EXPECT_EQ(done.json_lines().at(0)["result"], "deleted");
  EXPECT_EQ(events_in(world.store()), 0);
  EXPECT_NE(read_file(file).find(tickets[0].participant), std::string::npos)
      << "the file keeps what the server never had";
}

// A kiosk without a server that ran its own event file, purged without --event: the bundled
// event's retention period must not decide about check-ins it does not even know.
TEST(KioskRetention, PurgeRefusesAnEventThatDoesNotKnowTheStoresCheckins) {
  KioskWorld world;
  const fs::path own_event =
      fs::path(EINLASS_TEST_DATA) / "events/integrationskonferenz-magdeburg-2025.toml";
  const KioskRun walk_in =
      world.run({"walk-in", "--store", world.store().string(), "--event", own_event.string(),
                 "--venue", "altes-rathaus", "--now", "2025-11-28T09:40", "--first-name", "Käthe",
                 "--last-name", "Groß", "--privacy-consent"});
  ASSERT_EQ(walk_in.exit_code, 0) << walk_in.out << walk_in.err;
  const std::string before = store_dump(world.store());

  for (const bool dry_run : {true, false}) {
    std::vector<std::string> words{"purge", "--store", world.store().string()};
    if (dry_run) words.push_back("--dry-run");
    const KioskRun purge = world.run(words);
    EXPECT_EQ(purge.exit_code, 2) << purge.out << purge.err;
    EXPECT_NE(purge.err.find("does not know ("), std::string::npos) << purge.err;
    EXPECT_NE(purge.err.find("at venue \"altes-rathaus\" on 2025-11-28"), std::string::npos)
        << purge.err;
    EXPECT_NE(purge.err.find("give the event file the kiosk ran with (--event FILE). Nothing was "
                             "deleted."),
              std::string::npos)
        << purge.err;
    EXPECT_TRUE(purge.out.empty()) << purge.out;
  }
  EXPECT_EQ(store_dump(world.store()), before) << "nothing deleted, nothing changed";

  // With the event it ran with, purge judges by that event (its period is not over yet).
  const KioskRun right = world.run({"purge", "--dry-run", "--store", world.store().string(),
                                    "--event", own_event.string(), "--now", "2025-11-28T18:00"});
  EXPECT_EQ(right.exit_code, 1) << right.out << right.err;
  EXPECT_EQ(right.json_lines().at(0)["period_over"], false) << right.out;
}

}  // namespace
}  // namespace einlass::testing
