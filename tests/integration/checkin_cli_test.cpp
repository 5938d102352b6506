// The headless command-line contract of einlass-kiosk, as staff scripts and the help desk rely
// on it: one JSON line per decision, exit 0 admitted / 1 refused / 2 configuration error, and a
// clear message that changes nothing when the configuration or the store is broken.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "kiosk/store/kiosk_store.hpp"
#include "tests/integration/kiosk_fixture.hpp"

namespace einlass::testing {
namespace {

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// The bundled event with one line made invalid; returns that line's number (1-based).
int write_broken_event(const fs::path& file) {
  std::istringstream in(read_file(app::default_event_file()));
  std::string text, line;
  int number = 0, broken = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!broken && line.rfind("capacity = ", 0) == 0) {
      line = "capacity = -5";
      broken = number;
    }
    text += line + "\n";
  }
  write_file(file, text);
  return broken;
}

TEST(CheckinCli, AdmitsACodeOnceAndThenSaysAlreadyCheckedIn) {
  KioskWorld world;
  const Ticket ticket = world.tickets(1, 1)[0];

  const KioskRun first = world.run(with(world.args("checkin"), {ticket.code}));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto lines = first.json_lines();
  ASSERT_EQ(lines.size(), 1u) << first.out;
  EXPECT_EQ(lines[0]["decision"], "admitted");
  EXPECT_EQ(lines[0]["participant"], ticket.participant);
  ASSERT_TRUE(lines[0].contains("event")) << "an admission names the stored event";
  EXPECT_EQ(lines[0]["rooms"].size(), 2u) << "both discussion rounds are shown";

  const KioskRun again = world.run(with(world.args("checkin"), {ticket.code}));
  EXPECT_EQ(again.exit_code, 1) << again.err;
  const auto repeat = again.json_lines();
  ASSERT_EQ(repeat.size(), 1u) << again.out;
  EXPECT_EQ(repeat[0]["decision"], "already_checked_in");
  EXPECT_FALSE(repeat[0].contains("event")) << "a repeat scan records nothing";

  store::KioskStore store(world.store());
  const auto stored = store.event_by_uuid(lines[0]["event"].get<std::string>());
  ASSERT_TRUE(stored.has_value()) << "what the screen said is what is stored";
  EXPECT_EQ(stored->participant, ticket.participant);
  EXPECT_EQ(store.counts().events, 1);
}

TEST(CheckinCli, BrokenEventConfigNamesFileAndLineAndLeavesTheStoreAlone) {
  KioskWorld world;
  const Ticket ticket = world.tickets(1, 1)[0];
  ASSERT_EQ(world.run(with(world.args("checkin"), {ticket.code})).exit_code, 0);
  const std::string store_before = read_file(world.store());

  const fs::path broken = world.dir() / "event.toml";
  const int line = write_broken_event(broken);
  ASSERT_GT(line, 0);
  const std::string where = broken.string() + ":" + std::to_string(line);

  // A kiosk that already holds check-ins: the file stays as it was.
  const KioskRun existing =
      world.run(with(world.args("checkin"), {"--event", broken.string(), ticket.code}));
  EXPECT_EQ(existing.exit_code, 2);
  EXPECT_NE(existing.err.find(where), std::string::npos) << existing.err;
  EXPECT_NE(existing.err.find("capacity"), std::string::npos) << existing.err;
  EXPECT_EQ(existing.out, "") << "no decision is printed";
  EXPECT_EQ(read_file(world.store()), store_before);

  // A new kiosk: no store file appears.
  const fs::path fresh = world.dir() / "fresh.sqlite";
  const KioskRun fresh_run =
      world.run({"checkin", "--event", broken.string(), "--store", fresh.string(), "--public-key",
                 world.keys().string(), "--venue", "magdeburg", ticket.code});
  EXPECT_EQ(fresh_run.exit_code, 2);
  EXPECT_NE(fresh_run.err.find(where), std::string::npos) << fresh_run.err;
  EXPECT_FALSE(fs::exists(fresh));
}

TEST(CheckinCli, UnknownVenueListsTheVenues) {
  KioskWorld world;
  auto args = world.args("checkin");
  *std::find(args.begin(), args.end(), "magdeburg") = "berlin";
  args.push_back("--batch");
  const KioskRun run = world.run(args);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("berlin"), std::string::npos) << run.err;
  for (const char* venue : {"magdeburg", "dessau", "stendal", "halle"})
    EXPECT_NE(run.err.find(venue), std::string::npos) << "names " << venue << ": " << run.err;
  EXPECT_FALSE(fs::exists(world.store()));
}

TEST(CheckinCli, StatusCountsMatchWhatHappened) {
  KioskWorld world;
  const auto tickets = world.tickets(10, 3);
  std::string forged = tickets[2].code;
  forged[40] = forged[40] == 'A' ? 'B' : 'A';
  const KioskRun batch = world.run(
      with(world.args("checkin"), {"--batch"}),
      tickets[0].code + "\n" + tickets[1].code + "\n" + tickets[0].code + "\n" + forged + "\n");
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  const auto decisions = batch.json_lines();
  ASSERT_EQ(decisions.size(), 4u) << batch.out;
  EXPECT_EQ(decisions[2]["decision"], "already_checked_in");
  EXPECT_EQ(decisions[3]["decision"], "invalid_code");

  const KioskRun walk_in =
      world.run(with(world.args("walk-in"), {"--first-name", "Maximilian", "--last-name", "Groß",
                                             "--topic", "HF5", "--privacy-consent"}));
  ASSERT_EQ(walk_in.exit_code, 0) << walk_in.err;

  const KioskRun status = world.run(world.args("status"));
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const auto lines = status.json_lines();
  ASSERT_EQ(lines.size(), 1u) << status.out;
  const auto& s = lines[0];
  EXPECT_EQ(s["checked_in"], 3) << "two tickets and the walk-in; the repeat counts once";
  EXPECT_EQ(s["walk_ins"], 1);
  EXPECT_EQ(s["events"], 4) << "two entries, the walk-in's creation and entry";
  EXPECT_EQ(s["outbox_waiting"], 4) << "nothing synced yet";
  EXPECT_EQ(s["roster"], 0);
  EXPECT_EQ(s["venue"], "magdeburg");
  EXPECT_EQ(s["day"], "2019-09-12");
  EXPECT_EQ(s["trusted_keys"], 1);
}

TEST(CheckinCli, DecodePrintsOneLinePerImageAndFailsWhenOneHasNoCode) {
  KioskWorld world;
  const fs::path qr = fs::path(EINLASS_TEST_DATA) / "qr";
  std::vector<std::string> pngs;
  for (const auto& entry : fs::directory_iterator(qr))
    if (entry.path().extension() == ".png") pngs.push_back(entry.path().string());
  std::sort(pngs.begin(), pngs.end());
  ASSERT_EQ(pngs.size(), 3u) << "blank, not-an-image and ticket (tests/data/qr/README.md)";

  // --venue only because the bundled event has four venues (see the report: decoding should
  // not need one).
  const KioskRun all = world.run(with(world.args("decode"), pngs));
  EXPECT_EQ(all.exit_code, 1) << "blank.png holds no code";
  const auto lines = all.json_lines();
  ASSERT_EQ(lines.size(), pngs.size()) << all.out;
  for (size_t i = 0; i < pngs.size(); ++i)
    EXPECT_EQ(lines[i]["file"], pngs[i]);
  EXPECT_TRUE(lines[0]["text"].is_null()) << "blank.png: " << lines[0];
  EXPECT_NE(lines[1].value("error", "").find("not a PNG or JPEG"), std::string::npos)
      << "not-an-image.png: " << lines[1];
  ASSERT_TRUE(lines[2]["text"].is_string()) << "ticket.png: " << lines[2];
  EXPECT_EQ(lines[2]["text"].get<std::string>().substr(0, 7), "EL1TEST");
  EXPECT_EQ(lines[2]["ticket"], "truncated") << "ticket-shaped, but not a signed ticket";

  const KioskRun good = world.run({"decode", "--venue", "magdeburg", (qr / "ticket.png").string(),
                                   (qr / "ticket-photo.jpg").string()});
  EXPECT_EQ(good.exit_code, 0) << good.out << good.err;
  const auto both = good.json_lines();
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0]["text"], both[1]["text"]) << "the photo decodes to the same text";
}

void expect_refused_as_damaged(const KioskWorld& world, const Ticket& ticket) {
  const std::string before = read_file(world.store());
  const KioskRun run = world.run(with(world.args("checkin"), {ticket.code}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "") << "no decision from a damaged store";
  EXPECT_NE(run.err.find(world.store().string()), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("damaged"), std::string::npos) << run.err;
  EXPECT_TRUE(read_file(world.store()) == before) << "the damaged file is evidence: kept";
}

TEST(CheckinCli, GarbageStoreIsRefusedAndKeptAsItWas) {
  KioskWorld world;
  std::mt19937 rng(7);
  std::string garbage(16384, '\0');
  for (char& c : garbage)
    c = static_cast<char>(rng());
  write_file(world.store(), garbage);
  expect_refused_as_damaged(world, world.tickets(1, 1)[0]);
}

TEST(CheckinCli, TruncatedStoreIsRefusedAndKeptAsItWas) {
  KioskWorld world;
  const auto tickets = world.tickets(100, 200);
  std::string codes;
  for (const Ticket& t : tickets)
    codes += t.code + "\n";
  ASSERT_EQ(world.run(with(world.args("checkin"), {"--batch"}), codes).exit_code, 0);
  const std::string whole = read_file(world.store());
  ASSERT_GE(whole.size(), 16u * 4096) << "a store of several pages";
  ASSERT_FALSE(fs::exists(world.store().string() + "-wal")) << "checkpointed on exit";

  // Cut mid-page, and on a page boundary (what a full disk or a copy that stopped leaves).
  for (const size_t size : {whole.size() / 2 + 1000, whole.size() / 4096 / 2 * 4096}) {
    SCOPED_TRACE("truncated to " + std::to_string(size) + " of " + std::to_string(whole.size()));
    write_file(world.store(), whole.substr(0, size));
    expect_refused_as_damaged(world, world.tickets(900, 1)[0]);
  }
}

TEST(CheckinCli, WalkInWithoutPrivacyConsentStoresNothing) {
  KioskWorld world;
  const std::vector<std::string> person{"--first-name", "Maximilian", "--last-name", "Groß"};
  const KioskRun fresh = world.run(with(world.args("walk-in"), person));
  EXPECT_EQ(fresh.exit_code, 2);
  EXPECT_NE(fresh.err.find("privacy"), std::string::npos) << fresh.err;
  EXPECT_EQ(fresh.out, "");
  EXPECT_FALSE(fs::exists(world.store()));

  ASSERT_EQ(world.run(with(world.args("checkin"), {world.tickets(1, 1)[0].code})).exit_code, 0);
  const std::string before = read_file(world.store());
  EXPECT_EQ(world.run(with(world.args("walk-in"), person)).exit_code, 2);
  EXPECT_EQ(read_file(world.store()), before);
  store::KioskStore store(world.store());
  EXPECT_EQ(store.counts().walk_ins, 0);
  EXPECT_TRUE(store.search_roster("Maximilian").empty()) << "the name was not kept";
}

}  // namespace
}  // namespace einlass::testing
