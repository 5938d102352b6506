#include "kiosk/store/kiosk_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "kiosk/core/uuid.hpp"

namespace einlass::store {
namespace {

namespace fs = std::filesystem;
using core::CheckinEvent;
using core::EventKind;

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class KioskStoreTest : public ::testing::Test {
 protected:
  fs::path dir;
  fs::path file;
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("einlass-store-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    file = dir / "kiosk.sqlite";
  }
  void TearDown() override { fs::remove_all(dir); }

  static CheckinEvent entry(const std::string& participant) {
    CheckinEvent e;
    e.kind = EventKind::Entry;
    e.participant = participant;
    e.venue = "magdeburg";
    e.day = "2019-09-12";
    e.rooms = {"mag-hf1", "mag-hf4"};
    e.rooms_assigned_here = {false, true};
    return e;
  }
};

TEST_F(KioskStoreTest, IsDurableByConfiguration) {
  KioskStore store(file);
  EXPECT_EQ(store.db().query_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(store.db().query_int("PRAGMA synchronous"), 2) << "2 = FULL";
  EXPECT_GE(store.db().query_int("PRAGMA user_version"), 1);
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::others_read, fs::perms::none)
      << "the store holds names: not readable by other users";
}

TEST_F(KioskStoreTest, AppendWritesEventAndOutboxTogetherAndStampsIt) {
  KioskStore store(file);
  const CheckinEvent stored = store.append(entry("R1"), 1'568'293'800'000);
  EXPECT_TRUE(core::is_canonical_uuid(stored.uuid));
  EXPECT_EQ(stored.device, store.device_id());
  EXPECT_EQ(stored.hlc.wall_ms, 1'568'293'800'000);
  const auto counts = store.counts();
  EXPECT_EQ(counts.events, 1);
  EXPECT_EQ(counts.outbox_waiting, 1);
  EXPECT_EQ(counts.checked_in, 1);
  const auto back = store.event_by_uuid(stored.uuid);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->rooms, stored.rooms);
  EXPECT_EQ(back->rooms_assigned_here, stored.rooms_assigned_here);
  EXPECT_EQ(store.kiosk_assigned_seats().at({2, "mag-hf4"}), 1);
}

TEST_F(KioskStoreTest, EventsCannotBeChangedOrDeleted) {
  KioskStore store(file);
  store.append(entry("R1"), 1000);
  EXPECT_THROW(store.db().exec("UPDATE events SET participant = 'R2'"), StoreError);
  EXPECT_THROW(store.db().exec("DELETE FROM events"), StoreError);
  EXPECT_EQ(store.counts().events, 1);
  EXPECT_EQ(store.events().at(0).participant, "R1");
}

TEST_F(KioskStoreTest, AFailedTransactionLeavesNoHalfWrittenCheckIn) {
  KioskStore store(file);
  {
    Transaction tx(store.db());
    store.append(tx, entry("R1"), 1000);
    // leaving the scope without commit(): rolled back
  }
  EXPECT_EQ(store.counts().events, 0);
  EXPECT_EQ(store.counts().outbox_waiting, 0);
}

TEST_F(KioskStoreTest, UndoMakesAnEntryInactiveWithoutDeletingIt) {
  KioskStore store(file);
  const CheckinEvent first = store.append(entry("R1"), 1000);
  ASSERT_TRUE(store.active_entry("R1"));
  CheckinEvent undo;
  undo.kind = EventKind::Undo;
  undo.participant = "R1";
  undo.venue = "magdeburg";
  undo.day = "2019-09-12";
  undo.ref = first.uuid;
  store.append(undo, 2000);
  EXPECT_FALSE(store.active_entry("R1"));
  EXPECT_EQ(store.counts().checked_in, 0);
  EXPECT_EQ(store.counts().events, 2);
  EXPECT_TRUE(store.kiosk_assigned_seats().empty()) << "an undone entry frees its seat";
}

TEST_F(KioskStoreTest, MergingRemoteEventsIsASetUnion) {
  KioskStore store(file);
  CheckinEvent remote = entry("R7");
  remote.uuid = core::new_uuid_v7(5000);
  remote.device = "kiosk-other";
  remote.wall_ms = 5000;
  remote.hlc = {9'000, 3};
  EXPECT_EQ(store.merge_remote({remote}, 1000), 1u);
  EXPECT_EQ(store.merge_remote({remote, remote}, 1000), 0u) << "re-sent events change nothing";
  EXPECT_EQ(store.counts().events, 1);
  EXPECT_EQ(store.counts().outbox_waiting, 0) << "other devices' events are not re-uploaded";
  // The local clock now orders after what it has seen, even with a slow wall clock.
  const CheckinEvent local = store.append(entry("R8"), 1000);
  EXPECT_GT(local.hlc, remote.hlc);
}

TEST_F(KioskStoreTest, DeviceIdAndClockSurviveARestart) {
  std::string device;
  core::HlcStamp last;
  {
    KioskStore store(file);
    device = store.device_id();
    last = store.append(entry("R1"), 50'000).hlc;
  }
  KioskStore reopened(file);
  EXPECT_EQ(reopened.device_id(), device);
  EXPECT_GT(reopened.append(entry("R2"), 10'000).hlc, last) << "clock never runs backwards";
}

TEST_F(KioskStoreTest, SearchFindsNamesWithOrWithoutUmlauts) {
  KioskStore store(file);
  core::RosterEntry r;
  r.participant_id = "R1";
  r.registration_id = 1;
  r.first_name = "Jürgen";
  r.last_name = "Weiß";
  r.organisation = "Caritasverband";
  r.venue = "magdeburg";
  store.upsert_roster({r});
  EXPECT_EQ(store.search_roster("weiss").size(), 1u);
  EXPECT_EQ(store.search_roster("Juergen").size(), 1u);
  EXPECT_EQ(store.search_roster("jür wei").size(), 1u);
  EXPECT_EQ(store.search_roster("caritas").size(), 1u);
  EXPECT_TRUE(store.search_roster("Müller").empty());
  EXPECT_TRUE(store.search_roster("%").empty() || store.search_roster("%").size() == 1u);
}

TEST_F(KioskStoreTest, RegisteredSeatsFollowRosterChangesFromAnyConnection) {
  KioskStore store(file);
  auto person = [](const std::string& id, const std::string& topic) {
    core::RosterEntry r;
    r.participant_id = id;
    r.venue = "magdeburg";
    r.round_topics = {topic, ""};
    return r;
  };
  store.upsert_roster({person("R1", "HF1")});
  EXPECT_EQ(store.registered_topic_seats().at({1, "HF1"}), 1);
  store.upsert_roster({person("R2", "HF1")});
  EXPECT_EQ(store.registered_topic_seats().at({1, "HF1"}), 2) << "own change seen";
  KioskStore sync_connection(file);  // e.g. the sync thread's own connection
  sync_connection.upsert_roster({person("R3", "HF1")});
  EXPECT_EQ(store.registered_topic_seats().at({1, "HF1"}), 3) << "other connection's change seen";
}

TEST_F(KioskStoreTest, ANewerStoreIsRefusedAndLeftAsItWas) {
  { KioskStore store(file); }
  {
    Database db(file);
    db.exec("PRAGMA user_version = 99");
  }
  const std::string before = read_bytes(file);
  try {
    KioskStore store(file);
    FAIL() << "a store from a newer version must not be opened";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer Einlass"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos);
  }
  EXPECT_EQ(read_bytes(file), before);
}

TEST_F(KioskStoreTest, ADamagedFileGetsAClearMessageAndIsNotChanged) {
  {
    std::ofstream out(file, std::ios::binary);
    out << "this is not a database, it is a shopping list: Kaffee, Milch, Zucker\n";
    for (int i = 0; i < 200; ++i)
      out << "garbage line " << i << "\n";
  }
  const std::string before = read_bytes(file);
  try {
    KioskStore store(file);
    FAIL() << "a damaged file must not be opened";
  } catch (const StoreError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("damaged"), std::string::npos) << what;
    EXPECT_NE(what.find(file.string()), std::string::npos) << what;
  }
  EXPECT_EQ(read_bytes(file), before);
}

}  // namespace
}  // namespace einlass::store
