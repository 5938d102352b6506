// What staff and participants notice of sync: the roster arrives (only the kiosk's venue,
// cancellations included), agenda changes show up within seconds, a person admitted at one
// kiosk is "already checked in" at the next one within 2 s, offline duplicates are kept and
// flagged, and a revoked kiosk wipes its personal data.
#include <gtest/gtest.h>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/agenda_changes.hpp"
#include "kiosk/core/event_config.hpp"
#include "kiosk/store/checkin_recorder.hpp"
#include "tests/integration/sync_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;

json registration(int id, const std::string& venue, const std::string& last_name,
                  bool cancelled = false) {
  return {{"id", id},
          {"first_name", "Anna"},
          {"last_name", last_name},
          {"organisation", "Stadt Halle"},
          {"email", "anna" + std::to_string(id) + "@example.org"},
          {"venue", venue},
          {"topics", {"HF1", "HF4"}},
          {"round_topics", {"HF1", "HF4"}},
          {"cancelled", cancelled}};
}

void roster_add(SyncServerWorld& world, const json& list) {
  const fs::path file = world.dir() / "roster.json";
  write_file_atomically(file, list.dump());
  world.server_cli({"roster-add", file.string()});
}

// The kiosk as the UI runs it, from the config files enrolment wrote.
struct Door {
  explicit Door(TestKiosk& kiosk) {
    app::KioskOptions options;
    const fs::path dir = sync::client::enrolled_config_dir(kiosk.store_file());
    options.event_file = (dir / "event.toml").string();
    options.public_keys = {(dir / "keys").string()};
    options.venue = "magdeburg";
    options.now = "2019-09-12T15:10";
    options.store_file = kiosk.store_file().string();
    setup = std::make_unique<app::KioskSetup>(app::make_kiosk_setup(options));
    recorder = std::make_unique<store::CheckinRecorder>(kiosk.store(), setup->setting());
  }
  core::Decision check_in(const std::string& participant) {
    return recorder->check_in_participant(participant, setup->clock.now());
  }
  std::unique_ptr<app::KioskSetup> setup;
  std::unique_ptr<store::CheckinRecorder> recorder;
};

TEST(SyncKiosk, RosterOfItsVenueArrivesWithChangesCancellationsAndMoves) {
  SyncServerWorld world;
  world.server().start();
  roster_add(world, {registration(1, "magdeburg", "Müller"),
                     registration(2, "magdeburg", "Özdemir"), registration(3, "dessau", "Schulz")});
  TestKiosk kiosk(world, "kiosk-a");
  kiosk.start();
  ASSERT_TRUE(wait_until([&] { return kiosk.store().counts().roster == 2; }));
  EXPECT_FALSE(kiosk.store().roster_by_participant("R3")) << "only its own venue's people";
  const auto r1 = kiosk.store().roster_by_participant("R1");
  ASSERT_TRUE(r1);
  EXPECT_EQ(r1->last_name, "Müller");
  EXPECT_EQ(r1->round_topics, (std::vector<std::string>{"HF1", "HF4"}));
  EXPECT_EQ(kiosk.store().search_roster("mull").size(), 1u);

  // R1 cancels, R2 moves to Dessau, R3 moves here.
  roster_add(world, {registration(1, "magdeburg", "Müller", true),
                     registration(2, "dessau", "Özdemir"), registration(3, "magdeburg", "Schulz")});
  ASSERT_TRUE(wait_until([&] {
    const auto r = kiosk.store().roster_by_participant("R1");
    return r && r->cancelled && !kiosk.store().roster_by_participant("R2") &&
           kiosk.store().roster_by_participant("R3");
  })) << "changes, cancellations and moves reach the kiosk";
}

// How fast it arrives is a figure of tests/bench/sync_bench (one poll interval), not a test:
// on a loaded machine under a sanitizer any bound here would be a coin toss.
TEST(SyncKiosk, AgendaDelayReachesTheKiosk) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk kiosk(world, "kiosk-a");
  kiosk.start();
  world.server_cli({"agenda", "delay", "--venue", "magdeburg", "--day", SyncServerWorld::kDay,
                    "--minutes", "15", "--from", "16:00"});
  ASSERT_TRUE(wait_until([&] {
    return !store::agenda_changes_for(kiosk.store(), "magdeburg", SyncServerWorld::kDay).empty();
  }));
  EXPECT_GT(kiosk.engine().status().remote_generation, 0u) << "the UI was told to redraw";

  const core::Event event = core::load_event_config(app::default_event_file());
  const core::Day& planned = event.venues[*core::venue_index(event, "magdeburg")].days[0];
  const core::Day shifted = core::apply_agenda_changes(
      planned, "magdeburg",
      store::agenda_changes_for(kiosk.store(), "magdeburg", SyncServerWorld::kDay));
  ASSERT_EQ(shifted.agenda.size(), planned.agenda.size());
  for (size_t i = 0; i < planned.agenda.size(); ++i) {
    const int start = planned.agenda[i].start.minutes_since_midnight;
    EXPECT_EQ(shifted.agenda[i].start.minutes_since_midnight, start >= 16 * 60 ? start + 15 : start)
        << planned.agenda[i].title;
  }
  // A change that would make items overlap is refused and never reaches kiosks.
  EXPECT_THROW(world.server_cli({"agenda", "change", "--venue", "magdeburg", "--day",
                                 SyncServerWorld::kDay, "--item", "2", "--start", "15:00"}),
               std::runtime_error);
}

TEST(SyncKiosk, SecondKioskSaysAlreadyCheckedInWithinTwoSeconds) {
  SyncServerWorld world;
  world.server().start();
  roster_add(world, json::array({registration(5, "magdeburg", "Weber")}));
  TestKiosk a(world, "kiosk-a"), b(world, "kiosk-b");
  a.start();
  b.start();
  ASSERT_TRUE(wait_until([&] {
    return a.store().roster_by_participant("R5") && b.store().roster_by_participant("R5");
  }));
  Door door_a(a), door_b(b);
  const core::Decision first = door_a.check_in("R5");
  ASSERT_TRUE(first.admitted());
  a.engine().nudge();
  const auto admitted_at = std::chrono::steady_clock::now();
  ASSERT_TRUE(wait_until([&] { return b.store().active_entry("R5").has_value(); },
                         std::chrono::seconds(10)));
  EXPECT_LT(std::chrono::steady_clock::now() - admitted_at, std::chrono::seconds(2));
  EXPECT_EQ(door_b.check_in("R5").kind, core::DecisionKind::AlreadyCheckedIn);
}

TEST(SyncKiosk, OfflineDuplicatesAreKeptCountedOnceAndFlagged) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk a(world, "kiosk-a"), b(world, "kiosk-b");
  world.server().kill_hard();  // the venue Wi-Fi is down
  std::set<std::string> made;
  for (const auto& e : a.check_in(1, 3))
    made.insert(e.uuid);  // R1 R2 R3
  for (const auto& e : b.check_in(3, 3))
    made.insert(e.uuid);  // R3 R4 R5: R3 twice
  a.start();
  b.start();
  ASSERT_TRUE(wait_until([&] {
    return !a.engine().status().online() && a.engine().status().consecutive_failures > 0;
  }));
  EXPECT_EQ(a.engine().status().events_waiting, 3);
  world.server().start();
  ASSERT_TRUE(wait_until([&] { return converged(world, {&a, &b}); }));
  expect_exact_union(world, {&a, &b}, made);
  const json days = world.attendance().at("days");
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0]["checked_in"], 5) << "R3 counts once";
  ASSERT_EQ(days[0]["duplicates"].size(), 1u) << "and is flagged for the organisers";
  EXPECT_EQ(days[0]["duplicates"][0]["participant"], "R3");
  EXPECT_EQ(days[0]["duplicates"][0]["devices"].size(), 2u);
  EXPECT_EQ(a.store().counts().checked_in, 5);
  EXPECT_EQ(b.store().counts().checked_in, 5);
}

TEST(SyncKiosk, RevokedKioskWipesItsPersonalData) {
  SyncServerWorld world;
  world.server().start();
  roster_add(world,
             {registration(1, "magdeburg", "Vogelsang"), registration(2, "magdeburg", "Kranich")});
  TestKiosk kiosk(world, "kiosk-a");
  kiosk.check_in(1, 2);
  kiosk.start();
  ASSERT_TRUE(
      wait_until([&] { return kiosk.store().counts().roster == 2 && kiosk.waiting() == 0; }));
  kiosk.stop();
  // One more while the kiosk is not syncing: it can no longer reach the server.
  kiosk.check_in(10, 1);

  world.server_cli({"devices", "--revoke", kiosk.store().device_id()});
  kiosk.start();
  ASSERT_TRUE(wait_until([&] { return kiosk.engine().status().revoked(); }));
  const store::StoreCounts after = kiosk.store().counts();
  EXPECT_EQ(after.roster, 0);
  EXPECT_EQ(after.events, 0);
  EXPECT_EQ(after.outbox_waiting, 0);
  EXPECT_FALSE(store::load_enrolment(kiosk.store())) << "the token is gone";
  const auto log = store::wipe_log(kiosk.store());
  ASSERT_EQ(log.size(), 1u);
  const json counts = json::parse(log[0].counts_json);
  EXPECT_EQ(counts["events"], 3) << "anonymous counts are kept";
  EXPECT_EQ(counts["checked_in"], 3);
  EXPECT_EQ(counts["unsent_events"], 1);
  kiosk.stop();
  // Not merely unlinked: the names are gone from the file and its journal.
  const std::string bytes =
      read_file(kiosk.store_file()) + read_file(kiosk.store_file().string() + "-wal");
  EXPECT_EQ(bytes.find("Vogelsang"), std::string::npos);
  EXPECT_EQ(bytes.find("Kranich"), std::string::npos);
  // The server keeps what it had; the revoked kiosk's events stay part of the union.
  EXPECT_EQ(world.server_events().size(), 2u);
}

}  // namespace
}  // namespace einlass::testing
