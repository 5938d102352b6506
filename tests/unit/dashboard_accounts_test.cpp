// Organiser accounts, dashboard sessions, kiosk reports and the dashboard's numbers, in-process
// on a real server database for the bundled event.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/app/kiosk_setup.hpp"
#include "sync/server/dashboard/dashboard_data.hpp"
#include "sync/server/dashboard/dashboard_export.hpp"
#include "sync/server/dashboard/dashboard_sessions.hpp"
#include "sync/server/dashboard/device_status.hpp"
#include "sync/server/dashboard/organiser_accounts.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kNow = 1'568'290'000'000;  // 2019-09-12 14:06:40 CEST
constexpr const char* kPassword = "Tür-und-Tor 2019";
const std::string kAddressA = "192.0.2.10";  // documentation addresses (RFC 5737)
const std::string kAddressB = "198.51.100.7";

class DashboardStore : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "einlass-dash-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_ = open_server_db(dir_ / "server.sqlite");
    set_event_config(*db_, app::default_event_file());
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }
  LoginCheck login(const std::string& name, std::string_view password, int64_t now,
                   const std::string& address = kAddressA) {
    return check_organiser_login(*db_, throttle_, name, address, password, now);
  }
  int64_t count(const std::string& table) {
    return db_->query_int("SELECT COUNT(*) FROM " + table);
  }
  // An event row as the server stores it after ingest.
  void add_event(const std::string& uuid, const std::string& kind, const std::string& participant,
                 int64_t wall_ms, const std::string& rooms = "", const std::string& ref = "",
                 const std::string& device = "kiosk-a") {
    db_->prepare(
           "INSERT INTO events (uuid, kind, participant, venue, day, rooms, device, wall_ms, "
           "hlc_ms, hlc_counter, ref, received_ms) VALUES (?, ?, ?, 'magdeburg', '2019-09-12', ?, "
           "?, ?, ?, 0, ?, ?)")
        .bind(1, uuid)
        .bind(2, kind)
        .bind(3, participant)
        .bind(4, rooms)
        .bind(5, device)
        .bind(6, wall_ms)
        .bind(7, wall_ms)
        .bind(8, ref)
        .bind(9, wall_ms)
        .run();
  }
  void add_registration(int id, bool cancelled = false) {
    db_->prepare(
           "INSERT INTO registrations (id, venue, cancelled, changed_seq, created_ms, updated_ms) "
           "VALUES (?, 'magdeburg', ?, ?, 0, 0)")
        .bind(1, id)
        .bind(2, cancelled ? 1 : 0)
        .bind(3, id)
        .run();
  }

  fs::path dir_;
  std::unique_ptr<store::Database> db_;
  LoginThrottle throttle_;
};

TEST_F(DashboardStore, AnAccountLogsInWithItsPasswordOnlyAndTheHashIsArgon2id) {
  add_organiser_account(*db_, "buero", kPassword, kNow);
  EXPECT_EQ(login("buero", kPassword, kNow).verdict, LoginVerdict::Ok);
  EXPECT_EQ(login("buero", "tür-und-tor 2019", kNow).verdict, LoginVerdict::Wrong);
  EXPECT_EQ(login("Buero", kPassword, kNow).verdict, LoginVerdict::Wrong);
  const auto hash = db_->query_text("SELECT password_hash FROM organiser_accounts");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_EQ(hash->find(kPassword), std::string::npos);
  const auto accounts = list_organiser_accounts(*db_);
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].name, "buero");
}

TEST_F(DashboardStore, BadNamesShortPasswordsAndDuplicatesAreRefusedAndStoreNothing) {
  EXPECT_THROW(add_organiser_account(*db_, "", kPassword, kNow), AccountError);
  EXPECT_THROW(add_organiser_account(*db_, "Frau Müller", kPassword, kNow), AccountError);
  try {
    add_organiser_account(*db_, "buero", "kurz", kNow);
    FAIL() << "a 4-character password was accepted";
  } catch (const AccountError& e) {
    EXPECT_NE(std::string(e.what()).find("at least 10 characters"), std::string::npos);
  }
  EXPECT_EQ(count("organiser_accounts"), 0);
  add_organiser_account(*db_, "buero", kPassword, kNow);
  const auto before = db_->query_text("SELECT password_hash FROM organiser_accounts");
  EXPECT_THROW(add_organiser_account(*db_, "buero", "ein anderes Passwort", kNow), AccountError);
  EXPECT_EQ(db_->query_text("SELECT password_hash FROM organiser_accounts"), before);
  EXPECT_THROW(set_organiser_password(*db_, "niemand", "ein anderes Passwort", kNow), AccountError);
  EXPECT_FALSE(remove_organiser_account(*db_, "niemand"));
  EXPECT_EQ(count("organiser_accounts"), 1);
}

TEST_F(DashboardStore, WrongPasswordsLockTheNameEvenAgainstTheRightPasswordUntilTheTimePassed) {
  add_organiser_account(*db_, "buero", kPassword, kNow);
  for (int i = 1; i < kFreeLoginAttempts; ++i)
    EXPECT_EQ(login("buero", "geraten " + std::to_string(i), kNow).verdict, LoginVerdict::Wrong);
  const LoginCheck last = login("buero", "noch einmal geraten", kNow);
  EXPECT_EQ(last.verdict, LoginVerdict::Wrong);
  EXPECT_EQ(last.locked_until_ms, kNow + 30'000);
  // Locked: not even the right password gets in, and it is not checked.
  EXPECT_EQ(login("buero", kPassword, kNow + 29'000).verdict, LoginVerdict::LockedOut);
  EXPECT_EQ(login("buero", kPassword, kNow + 30'001).verdict, LoginVerdict::Ok);
  EXPECT_EQ(throttle_.failures("buero", kAddressA, kNow + 30'001), 0)
      << "a successful login clears the count";
  // The lockout doubles and stops at 15 minutes.
  EXPECT_EQ(login_lockout_ms(kFreeLoginAttempts + 1), 60'000);
  EXPECT_EQ(login_lockout_ms(50), 15 * 60'000);
}

TEST_F(DashboardStore, AGuesserElsewhereDoesNotLockTheOrganiserOut) {
  add_organiser_account(*db_, "buero", kPassword, kNow);
  for (int i = 0; i < kFreeLoginAttempts + 3; ++i)
    login("buero", "geraten " + std::to_string(i), kNow + i, kAddressA);
  EXPECT_EQ(login("buero", kPassword, kNow + 100, kAddressA).verdict, LoginVerdict::LockedOut);
  EXPECT_EQ(login("buero", kPassword, kNow + 100, kAddressB).verdict, LoginVerdict::Ok)
      << "the organiser at another address logs in although the name is locked for A";
  EXPECT_EQ(throttle_.failures("buero", kAddressB, kNow + 100), 0);
  EXPECT_EQ(db_->query_int("SELECT COUNT(*) FROM sqlite_master WHERE sql LIKE '%login_fail%'"), 0)
      << "no failure counts (nor addresses) in the database";
}

TEST_F(DashboardStore, WrongPasswordsAreForgottenAnHourAfterTheLastOne) {
  add_organiser_account(*db_, "buero", kPassword, kNow);
  for (int i = 1; i < kFreeLoginAttempts; ++i)
    login("buero", "geraten " + std::to_string(i), kNow);
  EXPECT_EQ(throttle_.failures("buero", kAddressA, kNow), kFreeLoginAttempts - 1);
  // An hour later one more wrong password is the first again, not the one that locks.
  const LoginCheck later = login("buero", "wieder geraten", kNow + kLoginFailureDecayMs);
  EXPECT_EQ(later.verdict, LoginVerdict::Wrong);
  EXPECT_EQ(later.locked_until_ms, 0);
  EXPECT_EQ(throttle_.failures("buero", kAddressA, kNow + kLoginFailureDecayMs), 1);
}

TEST_F(DashboardStore, ParallelWrongPasswordsEachUseUpAnAttempt) {
  add_organiser_account(*db_, "buero", kPassword, kNow);
  // More guesses at once than are free: exactly the free ones get their password checked.
  constexpr int kParallel = kFreeLoginAttempts + 3;
  LoginThrottle wide(kParallel);  // room for all of them at once
  std::vector<std::thread> guessers;
  std::vector<std::unique_ptr<store::Database>> connections;
  for (int i = 0; i < kParallel; ++i)
    connections.push_back(open_server_db(dir_ / "server.sqlite"));
  std::atomic<int> wrong{0}, locked{0};
  for (int i = 0; i < kParallel; ++i)
    guessers.emplace_back([&, i] {
      const LoginVerdict verdict =
          check_organiser_login(*connections[static_cast<size_t>(i)], wide, "buero", kAddressA,
                                "parallel geraten " + std::to_string(i), kNow)
              .verdict;
      if (verdict == LoginVerdict::Wrong) ++wrong;
      if (verdict == LoginVerdict::LockedOut) ++locked;
    });
  for (auto& t : guessers)
    t.join();
  EXPECT_EQ(wrong.load(), kFreeLoginAttempts);
  EXPECT_EQ(locked.load(), kParallel - kFreeLoginAttempts);
  EXPECT_EQ(wide.failures("buero", kAddressA, kNow), kFreeLoginAttempts);
  EXPECT_EQ(check_organiser_login(*db_, wide, "buero", kAddressA, kPassword, kNow + 1).verdict,
            LoginVerdict::LockedOut);
}

TEST_F(DashboardStore, WhenAllPasswordChecksAreBusyALoginIsToldToRetryAndNotCounted) {
  add_organiser_account(*db_, "buero", kPassword, kNow);
  std::vector<LoginThrottle::CheckSlot> held;
  for (int i = 0; i < kMaxParallelPasswordChecks; ++i) {
    auto slot = throttle_.try_begin_check();
    ASSERT_TRUE(slot);
    held.push_back(std::move(*slot));
  }
  EXPECT_EQ(login("buero", kPassword, kNow).verdict, LoginVerdict::Busy);
  EXPECT_EQ(throttle_.failures("buero", kAddressA, kNow), 0);
  held.pop_back();
  EXPECT_EQ(login("buero", kPassword, kNow).verdict, LoginVerdict::Ok);
}

TEST_F(DashboardStore, UnknownNamesAreThrottledLikeKnownOnes) {
  for (int i = 0; i < kFreeLoginAttempts; ++i)
    EXPECT_EQ(login("admin", "passwort1234", kNow).verdict, LoginVerdict::Wrong);
  EXPECT_EQ(login("admin", "passwort1234", kNow + 1).verdict, LoginVerdict::LockedOut);
}

TEST_F(DashboardStore, SessionsKeepOnlyAHashAndExpireWhenIdleOrTooOld) {
  add_organiser_account(*db_, "buero", kPassword, kNow);
  const NewSession s = create_dashboard_session(*db_, "buero", kNow);
  EXPECT_EQ(db_->query_int("SELECT COUNT(*) FROM dashboard_sessions WHERE token_hash = '" +
                           s.token + "'"),
            0);
  const auto found = find_dashboard_session(*db_, s.token, kNow + 1000);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->account, "buero");
  EXPECT_TRUE(same_secret(found->csrf_token, s.csrf_token));
  EXPECT_FALSE(find_dashboard_session(*db_, s.token + "x", kNow));
  EXPECT_FALSE(find_dashboard_session(*db_, "", kNow));
  // Idle for longer than allowed: gone.
  EXPECT_FALSE(find_dashboard_session(*db_, s.token, kNow + kSessionIdleMs + 1));
  // Used now and then, it lives until the absolute limit and not beyond.
  for (int64_t t = kNow; t < kNow + kSessionMaxMs; t += kSessionIdleMs / 2) {
    ASSERT_TRUE(find_dashboard_session(*db_, s.token, t)) << "at +" << (t - kNow) / 60000 << " min";
    touch_dashboard_session(*db_, s.token, t);
  }
  EXPECT_FALSE(find_dashboard_session(*db_, s.token, kNow + kSessionMaxMs + 1));
  EXPECT_EQ(sweep_dashboard_sessions(*db_, kNow + kSessionMaxMs + 1), 1);
}

TEST_F(DashboardStore, ANewPasswordOrRemovingTheAccountEndsItsSessions) {
  add_organiser_account(*db_, "buero", kPassword, kNow);
  add_organiser_account(*db_, "leitung", kPassword, kNow);
  const NewSession a = create_dashboard_session(*db_, "buero", kNow);
  const NewSession b = create_dashboard_session(*db_, "leitung", kNow);
  set_organiser_password(*db_, "buero", "ein neues Passwort", kNow);
  EXPECT_FALSE(find_dashboard_session(*db_, a.token, kNow));
  EXPECT_TRUE(find_dashboard_session(*db_, b.token, kNow)) << "other accounts stay logged in";
  EXPECT_EQ(login("buero", kPassword, kNow).verdict, LoginVerdict::Wrong);
  EXPECT_TRUE(remove_organiser_account(*db_, "leitung"));
  EXPECT_FALSE(find_dashboard_session(*db_, b.token, kNow));
  EXPECT_EQ(login("leitung", kPassword, kNow).verdict, LoginVerdict::Wrong);
}

TEST_F(DashboardStore, TheDownloadFolderIsRemovedAlsoWhenTheExportFailsUnexpectedly) {
  // A private TMPDIR, so only this test's download folders are counted.
  const fs::path tmp = dir_ / "tmp";
  fs::create_directories(tmp);
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old ? old : "";
  ::setenv("TMPDIR", tmp.c_str(), 1);
  const auto config = load_server_config(*db_);
  std::mutex write_mutex;
  const DashboardDownload ok = export_for_dashboard(*db_, write_mutex, *config, "csv", "", "buero");
  EXPECT_TRUE(ok.error.empty()) << ok.error;
  EXPECT_FALSE(ok.bytes.empty());
  // No export log: the export's write fails with a storage error, not an ExportError.
  db_->exec("DROP TABLE export_log");
  EXPECT_THROW(export_for_dashboard(*db_, write_mutex, *config, "csv", "", "buero"),
               store::StoreError);
  if (old)
    ::setenv("TMPDIR", saved.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
  EXPECT_TRUE(fs::is_empty(tmp)) << "no download folder (with participants' names) stays behind";
  EXPECT_TRUE(write_mutex.try_lock()) << "the write mutex is free again";
  write_mutex.unlock();
}

TEST(DeviceReport, ReadsOutboxAndSkewAndIgnoresWhatIsNotAPlausibleNumber) {
  const auto r = read_device_report("12", std::to_string(kNow + 90'000), kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outbox, 12);
  EXPECT_EQ(r->clock_skew_ms, 90'000);
  EXPECT_EQ(read_device_report("0", std::to_string(kNow - 5000), kNow)->clock_skew_ms, -5000);
  EXPECT_FALSE(read_device_report("", "", kNow)) << "an older kiosk sends nothing";
  EXPECT_FALSE(read_device_report("12", "", kNow));
  EXPECT_FALSE(read_device_report("-1", std::to_string(kNow), kNow));
  EXPECT_FALSE(read_device_report("12abc", std::to_string(kNow), kNow));
  EXPECT_FALSE(read_device_report("12", "1", kNow)) << "1970 is no kiosk clock";
  DeviceReportThrottle throttle;
  EXPECT_TRUE(throttle.should_write("k", {3, 0}, kNow));
  EXPECT_FALSE(throttle.should_write("k", {3, 0}, kNow + 1000));
  EXPECT_TRUE(throttle.should_write("k", {0, 0}, kNow + 1500)) << "a changed outbox goes at once";
  EXPECT_TRUE(
      throttle.should_write("k", {0, 0}, kNow + 1500 + DeviceReportThrottle::kRewriteAfterMs));
}

TEST_F(DashboardStore, CountsPeopleOnceLeavesOutUndoneEntriesAndBucketsArrivalsInVenueTime) {
  for (int id = 1; id <= 5; ++id)
    add_registration(id);
  add_registration(6, /*cancelled=*/true);
  // 15:03 and 15:07 local time (CEST = UTC+2): the 15:00 bucket.
  const int64_t t1503 = 1'568'293'380'000, t1507 = t1503 + 4 * 60'000;
  add_event("e1", "entry", "1", t1503, "mag-hf1,mag-hf4");
  add_event("e1b", "entry", "1", t1503 + 1000, "mag-hf1,mag-hf4", "", "kiosk-b");  // offline twin
  add_event("e2", "entry", "2", t1507, "mag-hf1,mag-hf2");
  add_event("e3", "entry", "3", t1507 + 20 * 60'000, "mag-hf3,mag-hf4");  // 15:27
  add_event("u3", "undo", "3", t1507 + 21 * 60'000, "", "e3");
  add_event("w1", "walk_in", "W1", t1507 + 30 * 60'000);
  add_event("w1e", "entry", "W1", t1507 + 30 * 60'000, "mag-hf2,mag-hf4");  // 15:37

  const auto config = load_server_config(*db_);
  DashboardData data;
  const auto d = data.build(*db_, config, "magdeburg", "", kNow);
  EXPECT_EQ(d.at("day"), "2019-09-12") << "the venue's day to come is the default";
  EXPECT_EQ(d.at("registered"), 5) << "cancelled registrations do not count";
  EXPECT_EQ(d.at("checked_in"), 3) << "one person admitted at two kiosks counts once";
  EXPECT_EQ(d.at("walk_ins"), 1);
  std::map<std::string, int64_t> arrivals;
  for (const auto& p : d.at("arrivals"))
    arrivals[p.at("time")] = p.at("people");
  EXPECT_EQ(arrivals.begin()->first, "14:10") << "the axis starts at check-in opening (14:15)";
  EXPECT_EQ(arrivals["15:00"], 2);
  EXPECT_EQ(arrivals["15:20"], 0) << "the undone 15:27 entry is not an arrival";
  EXPECT_EQ(arrivals["15:30"], 1);
  std::map<std::pair<int, std::string>, int64_t> placed;
  for (const auto& r : d.at("rooms"))
    placed[{r.at("round"), r.at("room")}] = r.at("placed");
  EXPECT_EQ((placed[{1, "mag-hf1"}]), 2);
  EXPECT_EQ((placed[{1, "mag-hf2"}]), 1);
  EXPECT_EQ((placed[{2, "mag-hf4"}]), 2);
  EXPECT_EQ((placed[{1, "mag-hf3"}]), 0);

  // A new event moves the head: the cached counts are recomputed.
  add_event("e4", "entry", "4", t1507, "mag-hf1,mag-hf4");
  EXPECT_EQ(data.build(*db_, config, "magdeburg", "2019-09-12", kNow).at("checked_in"), 4);
  EXPECT_THROW(data.build(*db_, config, "magdeburg", "2019-09-13", kNow), ServerConfigError);
  EXPECT_THROW(data.build(*db_, config, "atlantis", "", kNow), ServerConfigError);
}

// A kiosk whose clock is years off (its check-in recorded for the 2019 day at a 2026 time) and
// a walk-in whose entry staff undid: the chart keeps the day's axis, the walk-in is not counted.
TEST_F(DashboardStore, AWrongKioskClockKeepsTheDayAxisAndAnUndoneWalkInIsNotCounted) {
  add_registration(1);
  add_event("far", "entry", "1", kNow + 7LL * 365 * 24 * 3600 * 1000, "mag-hf1,mag-hf4");
  add_event("w2", "walk_in", "W2", 1'568'293'380'000);
  add_event("w2e", "entry", "W2", 1'568'293'380'000, "mag-hf2,mag-hf4");
  add_event("u2", "undo", "W2", 1'568'293'400'000, "", "w2e");
  const auto config = load_server_config(*db_);
  DashboardData data;
  const auto d = data.build(*db_, config, "magdeburg", "2019-09-12", kNow);
  EXPECT_EQ(d.at("checked_in"), 1);
  EXPECT_EQ(d.at("walk_ins"), 0) << "the walk-in's entry was undone";
  EXPECT_LE(d.at("arrivals").size(), 24u * 60u) << "at most one day of buckets";
  int64_t people = 0;
  for (const auto& p : d.at("arrivals"))
    people += p.at("people").get<int64_t>();
  EXPECT_EQ(people, 1) << "the far-off arrival is still on the chart, at the day's edge";
}

TEST_F(DashboardStore, WithThePoolOutdatedCountsComeAtOnceAndTheRecountFollowsInTheBackground) {
  add_event("e1", "entry", "1", 1'568'293'380'000, "mag-hf1,mag-hf4");
  const auto config = load_server_config(*db_);
  DbPool pool(dir_ / "server.sqlite");
  DashboardData data(&pool);
  EXPECT_EQ(data.build(*db_, config, "magdeburg", "2019-09-12", kNow).at("checked_in"), 1);
  add_event("e2", "entry", "2", 1'568'293'380'000, "mag-hf1,mag-hf4");
  // The poll right after the check-in may still show 1; a later one shows 2 without anyone
  // waiting for the count.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int64_t seen = 0;
  while (seen != 2 && std::chrono::steady_clock::now() < deadline) {
    seen = data.build(*db_, config, "magdeburg", "2019-09-12", kNow).at("checked_in");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace einlass::sync::server
