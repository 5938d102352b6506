// An enrolled kiosk's headless commands run on what the server handed out — the event, the
// ticket keys and the venue — without --event/--public-key/--venue, as the window does; a
// --venue (or kiosk.conf) naming another venue than the enrolled one is refused, window and
// headless alike; a broken enrolled event file is named with what to do. Nothing is stored
// when a command refuses to start.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/core/event_config.hpp"
#include "kiosk/core/roster_entry.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_issue.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "tests/integration/kiosk_fixture.hpp"
#include "tests/integration/sync_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;

constexpr const char* kDessauDay = "2019-09-18T15:10";     // check-in open at the Bauhaus
constexpr const char* kMagdeburgDay = "2019-09-12T15:10";  // another venue's day

// A kiosk enrolled with a real server for Dessau (the bundled event), with a staff PIN.
class EnrolledKiosk : public ::testing::Test {
 protected:
  EnrolledKiosk() {
    world_.server().start();
    store_ = world_.enrol_kiosk("dessau-kiosk", "dessau");
    EXPECT_EQ(kiosk({"set-pin", "--store", store_.string()}, "4711\n").exit_code, 0);
  }

  ProgramRun kiosk(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), EINLASS_KIOSK_BINARY);
    return run_program(args, world_.dir(), input);
  }
  // `einlass-kiosk COMMAND --store <the enrolled store> ARGS…`: no event, keys or venue given.
  ProgramRun on_store(const std::string& command, std::vector<std::string> args = {}) {
    args.insert(args.begin(), {command, "--store", store_.string()});
    return kiosk(args);
  }

  // A ticket the organiser's server key signed for a Dessau registration.
  std::string dessau_ticket(uint32_t registration) const {
    const core::Event event = core::load_event_config(app::default_event_file());
    const core::SecretKey key = core::load_secret_key(world_.secret_key());
    const core::TicketRequest request{
        registration, 0, *core::venue_index(event, "dessau"), 0, {"HF2", "HF5"}, 1'560'000'000};
    return core::encode_ticket(core::ticket_payload_for(event, request), key);
  }

  fs::path enrolled_event_file() const {
    return sync::client::enrolled_config_dir(store_) / "event.toml";
  }
  int64_t stored_events() const { return store::KioskStore(store_).counts().events; }

  SyncServerWorld world_;
  fs::path store_;
};

TEST_F(EnrolledKiosk, CommandsUseTheEnrolledEventKeysAndVenueWithoutOptions) {
  // On Magdeburg's day a kiosk without an enrolment would pick Magdeburg by the date.
  const ProgramRun status = on_store("status", {"--now", kMagdeburgDay});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const json s = json::parse(status.out);
  EXPECT_EQ(s["venue"], "dessau") << "the venue it is enrolled for";
  EXPECT_EQ(s["event"], "regionalkonferenzen-2019");
  EXPECT_EQ(s["trusted_keys"], 1) << "the key the server handed out";

  const std::string ticket = dessau_ticket(41);
  const ProgramRun admitted = on_store("checkin", {"--now", kDessauDay, ticket});
  ASSERT_EQ(admitted.exit_code, 0) << admitted.out << admitted.err;
  EXPECT_EQ(json::parse(admitted.out)["decision"], "admitted");
  EXPECT_EQ(json::parse(admitted.out)["participant"], core::participant_id_for_registration(41));

  const ProgramRun walk_in =
      on_store("walk-in", {"--now", kDessauDay, "--first-name", "Jörg", "--last-name", "Weiß",
                           "--topic", "HF3", "--privacy-consent"});
  ASSERT_EQ(walk_in.exit_code, 0) << walk_in.out << walk_in.err;
  EXPECT_EQ(json::parse(walk_in.out)["decision"], "admitted");
  EXPECT_GT(stored_events(), 1) << "the walk-in is stored beside the ticket's entry";

  // The headless help says where the defaults come from.
  const ProgramRun help = kiosk({"checkin", "--help"});
  EXPECT_NE(help.out.find("received at enrolment"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("the venue the kiosk is enrolled"), std::string::npos) << help.out;
}

TEST_F(EnrolledKiosk, AnotherVenueIsRefusedHeadlessAndInTheWindowAndNothingIsStored) {
  const std::string ticket = dessau_ticket(42);
  const std::string before = store_dump(store_);
  const auto expect_refusal = [&](const ProgramRun& run, const std::string& given) {
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_NE(run.err.find("enrolled for the venue dessau"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("--venue " + given), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("kiosk.conf"), std::string::npos) << "says where to fix it";
    EXPECT_NE(run.err.find("einlass-server enrol --venue " + given), std::string::npos)
        << "or how to enrol for the other venue: " << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  };
  expect_refusal(on_store("checkin", {"--venue", "magdeburg", "--now", kDessauDay, ticket}),
                 "magdeburg");
  expect_refusal(on_store("walk-in", {"--venue", "magdeburg", "--now", kDessauDay, "--first-name",
                                      "A", "--last-name", "B", "--privacy-consent"}),
                 "magdeburg");
  expect_refusal(on_store("status", {"--venue", "halle"}), "halle");
  // A venue the event does not know is refused the same way (and named).
  expect_refusal(on_store("checkin", {"--venue", "leipzig", "--now", kDessauDay, ticket}),
                 "leipzig");
  // The window (as the kiosk session starts it with kiosk.conf's options) refuses before it
  // opens: no display is needed to see that.
  expect_refusal(on_store("run", {"--venue", "magdeburg", "--windowed", "1280x800"}), "magdeburg");
  EXPECT_EQ(store_dump(store_), before) << "the store is as it was";
  EXPECT_EQ(stored_events(), 0);

  // The enrolled venue itself, spelled out, is fine.
  const ProgramRun same = on_store("checkin", {"--venue", "dessau", "--now", kDessauDay, ticket});
  EXPECT_EQ(same.exit_code, 0) << same.err;
}

TEST_F(EnrolledKiosk, ABrokenEnrolledEventFileIsNamedAndNothingIsStored) {
  const std::string ticket = dessau_ticket(43);
  write_file(enrolled_event_file(), "[event]\nid = \"regionalkonferenzen-2019\"\nname = \n");
  const std::string before = store_dump(store_);
  for (const std::string command : {"checkin", "status", "run"}) {
    std::vector<std::string> args{"--now", kDessauDay};
    if (command == "checkin") args.push_back(ticket);
    const ProgramRun run = on_store(command, args);
    EXPECT_EQ(run.exit_code, 2) << command << ": " << run.out << run.err;
    EXPECT_NE(run.err.find(enrolled_event_file().string()), std::string::npos)
        << command << " names the file: " << run.err;
    EXPECT_NE(run.err.find("Enrol the kiosk again"), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  }
  // Never the bundled event instead: a kiosk enrolled for the organiser's event must not
  // quietly check people in against the example.
  const ProgramRun purge = on_store("purge", {"--dry-run"});
  EXPECT_EQ(purge.exit_code, 2) << purge.out << purge.err;
  EXPECT_NE(purge.err.find(enrolled_event_file().string()), std::string::npos) << purge.err;
  EXPECT_EQ(store_dump(store_), before);
  EXPECT_EQ(stored_events(), 0);

  // A missing one is named too.
  fs::remove(enrolled_event_file());
  const ProgramRun missing = on_store("checkin", {"--now", kDessauDay, ticket});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("is missing"), std::string::npos) << missing.err;
  EXPECT_EQ(stored_events(), 0);
}

// Looking up the enrolled venue must not change the store: a command that then refuses to start
// (here: a venue the event does not know) leaves the store exactly as it was — no tables
// created, no schema step run — so nothing is written before the whole setup is valid.
TEST(KioskConfigSources, ARefusedStartLeavesTheStoreUntouched) {
  KioskWorld world;
  { store::Database fresh(world.store()); }  // an empty SQLite file, as a copy tool leaves it
  const std::string before = store_dump(world.store());
  const KioskRun run =
      world.run({"status", "--store", world.store().string(), "--venue", "leipzig"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("--venue \"leipzig\" is not a venue"), std::string::npos) << run.err;
  EXPECT_EQ(store_dump(world.store()), before) << "no tables added";
  EXPECT_EQ(store::Database(world.store()).query_int("PRAGMA user_version"), 0)
      << "the store was migrated just to read its venue";
}

}  // namespace
}  // namespace einlass::testing
