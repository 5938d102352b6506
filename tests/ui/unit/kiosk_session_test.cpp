// The kiosk's state machine: what shows, for how long, in which language, and what staff can do
// — with the real store and rules underneath and a clock the test moves.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kiosk/store/checkin_undo.hpp"
#include "kiosk/store/local_settings.hpp"
#include "kiosk/store/sync_state.hpp"
#include "tests/ui/unit/session_world.hpp"

namespace einlass::ui {
namespace {

using std::chrono::seconds;
using testing::SessionWorld;

void enter_pin(KioskSession& s, const std::string& pin, const Now& now) {
  for (char c : pin)
    s.pin_key(c, now);
  s.pin_submit(now);
}

TEST(KioskSession, StartsOnTheWelcomeInTheDefaultLanguage) {
  SessionWorld w;
  EXPECT_EQ(w.session().screen(), Screen::Welcome);
  EXPECT_EQ(w.session().language(), 0u);
  EXPECT_TRUE(w.session().pin_is_set());
}

TEST(KioskSession, AdmittedShowsTheResultThenReturnsByItselfInTheDefaultLanguage) {
  SessionWorld w;
  w.session().choose_language(1, w.now());
  w.session().scan(w.code("anna"), w.now());
  EXPECT_EQ(w.session().screen(), Screen::Result);
  EXPECT_EQ(w.session().outcome().decision.first_name, "Anna");
  EXPECT_EQ(w.session().language(), 1u) << "the person keeps their language on the result";
  EXPECT_EQ(w.store().counts().checked_in, 1) << "shown only after the COMMIT";
  w.pass(seconds(7));
  EXPECT_EQ(w.session().screen(), Screen::Result);
  w.pass(seconds(2));
  EXPECT_EQ(w.session().screen(), Screen::Welcome);
  EXPECT_EQ(w.session().language(), 0u) << "the next person starts in German";
}

TEST(KioskSession, TheNextScanReplacesAResultAtOnce) {
  SessionWorld w;
  w.session().scan(w.code("anna"), w.now());
  w.pass(seconds(1));
  w.session().scan(w.code("juergen"), w.now());
  EXPECT_EQ(w.session().screen(), Screen::Result);
  EXPECT_EQ(w.session().outcome().decision.first_name, "Jürgen");
}

TEST(KioskSession, ChoosingALanguageOnAResultGivesTheFullTimeAgain) {
  SessionWorld w;
  w.session().scan(w.code("anna"), w.now());
  w.pass(seconds(6));
  w.session().choose_language(2, w.now());
  w.pass(seconds(6));
  EXPECT_EQ(w.session().screen(), Screen::Result);
  w.pass(seconds(3));
  EXPECT_EQ(w.session().screen(), Screen::Welcome);
}

TEST(KioskSession, ProblemsStayLongerAndAlreadyCheckedInIsAProblemScreenWithRooms) {
  SessionWorld w;
  w.session().scan(w.code("anna"), w.now());
  w.pass(seconds(9));
  w.session().scan(w.code("anna"), w.now());
  EXPECT_EQ(w.session().screen(), Screen::Problem);
  EXPECT_EQ(w.session().outcome().decision.kind, core::DecisionKind::AlreadyCheckedIn);
  EXPECT_EQ(w.session().outcome().decision.rooms.size(), 2u);
  w.pass(seconds(10));
  EXPECT_EQ(w.session().screen(), Screen::Problem);
  w.pass(seconds(3));
  EXPECT_EQ(w.session().screen(), Screen::Welcome);
}

TEST(KioskSession, ALanguageChosenWithoutAScanFallsBack) {
  SessionWorld w;
  w.session().choose_language(2, w.now());
  w.pass(seconds(30));
  EXPECT_EQ(w.session().language(), 2u);
  w.pass(seconds(20));
  EXPECT_EQ(w.session().language(), 0u);
}

TEST(KioskSession, ACodeTypedAtTheWelcomeIsCheckedWithEnter) {
  SessionWorld w;
  w.session().type_code("LIK-2019-00471", w.now());
  w.session().type_code("1x", w.now());
  w.session().erase_typed_char();
  EXPECT_EQ(w.session().typed_code(), "LIK-2019-004711");
  w.session().submit_typed_code(w.now());
  EXPECT_EQ(w.session().screen(), Screen::Result);
  EXPECT_EQ(w.session().outcome().decision.first_name, "Fatima");
  EXPECT_TRUE(w.session().typed_code().empty());
}

TEST(KioskSession, AnUnreadableBurstSaysSoAndChangesNothing) {
  SessionWorld w;
  const auto before = w.store().counts().events;
  w.session().unreadable_scan(w.now());
  EXPECT_EQ(w.session().screen(), Screen::Problem);
  EXPECT_TRUE(w.session().outcome().unreadable);
  EXPECT_EQ(w.store().counts().events, before);
  w.pass(seconds(6));
  EXPECT_EQ(w.session().screen(), Screen::Welcome);
}

TEST(KioskSession, LeavingNeedsThePin) {
  SessionWorld w;
  w.session().request_exit(w.now());
  EXPECT_EQ(w.session().screen(), Screen::Pin);
  EXPECT_EQ(w.session().pin_pad().purpose, PinPurpose::LeaveKiosk);
  enter_pin(w.session(), "0000", w.now());
  EXPECT_FALSE(w.session().quit_requested());
  EXPECT_EQ(w.session().pin_pad().last.verdict, app::StaffPin::Verdict::Wrong);
  enter_pin(w.session(), w.world().pin, w.now());
  EXPECT_TRUE(w.session().quit_requested());
}

TEST(KioskSession, AnAbandonedPinPadCloses) {
  SessionWorld w;
  w.session().open_pin(PinPurpose::EnterStaff, w.now());
  w.pass(seconds(31));
  EXPECT_EQ(w.session().screen(), Screen::Welcome);
}

TEST(KioskSession, AScanWhileThePinPadIsOpenIsHandled) {
  SessionWorld w;
  w.session().open_pin(PinPurpose::EnterStaff, w.now());
  w.session().scan(w.code("anna"), w.now());
  EXPECT_EQ(w.session().screen(), Screen::Result);
}

TEST(KioskSession, WrongPinsLockWithAGrowingDelayThatSurvivesARestart) {
  SessionWorld w;
  KioskSession& s = w.session();
  s.open_pin(PinPurpose::EnterStaff, w.now());
  enter_pin(s, "1111", w.now());
  enter_pin(s, "1111", w.now());
  EXPECT_EQ(s.pin_pad().last.locked_until_ms, 0);
  enter_pin(s, "1111", w.now());
  EXPECT_GT(s.pin_pad().last.locked_until_ms, 0) << "the third wrong PIN locks";
  enter_pin(s, w.world().pin, w.now());
  EXPECT_EQ(s.screen(), Screen::Pin) << "even the right PIN waits out the lock";
  EXPECT_EQ(s.pin_pad().last.verdict, app::StaffPin::Verdict::LockedOut);

  w.restart();
  w.session().open_pin(PinPurpose::EnterStaff, w.now());
  EXPECT_EQ(w.session().pin_pad().last.verdict, app::StaffPin::Verdict::LockedOut);
  w.pass(seconds(29));
  w.session().open_pin(PinPurpose::EnterStaff, w.now());
  w.pass(seconds(2));
  enter_pin(w.session(), "2222", w.now());
  const int64_t second_lock = w.session().pin_pad().last.locked_until_ms;
  const int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(w.now().wall.time_since_epoch())
          .count();
  EXPECT_NEAR(second_lock - now_ms, 60'000, 10) << "the fourth wrong PIN locks twice as long";
}

TEST(KioskSession, LockoutGrowsAndIsCapped) {
  EXPECT_EQ(app::pin_lockout_after(1).count(), 0);
  EXPECT_EQ(app::pin_lockout_after(2).count(), 0);
  EXPECT_EQ(app::pin_lockout_after(3).count(), 30);
  EXPECT_EQ(app::pin_lockout_after(4).count(), 60);
  EXPECT_EQ(app::pin_lockout_after(5).count(), 120);
  EXPECT_EQ(app::pin_lockout_after(50).count(), 900);
}

TEST(KioskSession, PinIsStoredOnlyAsAPasswordHash) {
  SessionWorld w;
  const auto hash = store::LocalSettings(w.store()).get("staff_pin_hash");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_EQ(hash->find(w.world().pin), std::string::npos);
  EXPECT_THROW(app::StaffPin(w.store()).set("12ab"), std::invalid_argument);
  EXPECT_THROW(app::StaffPin(w.store()).set("123"), std::invalid_argument);
}

class StaffMode : public ::testing::Test {
 protected:
  void SetUp() override {
    w.session().open_pin(PinPurpose::EnterStaff, w.now());
    enter_pin(w.session(), w.world().pin, w.now());
    ASSERT_EQ(w.session().screen(), Screen::Staff);
  }
  SessionWorld w;
};

TEST_F(StaffMode, EndsAfterInactivity) {
  w.pass(seconds(100));
  w.session().activity(w.now());
  w.pass(seconds(100));
  EXPECT_EQ(w.session().screen(), Screen::Staff);
  w.pass(seconds(21));
  EXPECT_EQ(w.session().screen(), Screen::Welcome);
}

TEST_F(StaffMode, LeavingTheKioskFromStaffModeNeedsNoSecondPin) {
  w.session().request_exit(w.now());
  EXPECT_TRUE(w.session().quit_requested());
}

TEST_F(StaffMode, WalkInNeedsNameAndConsentAndStoresNothingWithout) {
  const auto before = w.store().counts();
  WalkInForm& f = w.session().walk_in();
  f.first_name = "Maximilian";
  w.session().submit_walk_in(w.now());
  EXPECT_EQ(f.problem_key, "walk_in.need_name");
  f.last_name = "  Groß ";
  w.session().submit_walk_in(w.now());
  EXPECT_EQ(f.problem_key, "walk_in.need_consent");
  EXPECT_EQ(w.store().counts().walk_ins, before.walk_ins);
  EXPECT_EQ(w.store().counts().events, before.events);

  f.consent = true;
  f.topics = {"HF5"};
  w.session().submit_walk_in(w.now());
  EXPECT_EQ(w.session().screen(), Screen::Result);
  EXPECT_TRUE(w.session().outcome().by_staff);
  EXPECT_EQ(w.session().outcome().decision.first_name, "Maximilian");
  EXPECT_EQ(w.store().counts().walk_ins, before.walk_ins + 1);
  EXPECT_TRUE(w.session().walk_in().first_name.empty()) << "the form is ready for the next one";
  w.pass(seconds(9));
  EXPECT_EQ(w.session().screen(), Screen::Staff) << "staff come back to their screen";
}

TEST_F(StaffMode, SearchFindsWithoutUmlautsAndChecksInByHand) {
  w.session().search("muller");
  ASSERT_EQ(w.session().search_results().size(), 1u);
  EXPECT_EQ(w.session().search_results()[0].person.last_name, "Müller");
  EXPECT_FALSE(w.session().search_results()[0].checked_in);
  w.session().check_in_by_hand(w.session().search_results()[0].person.participant_id, w.now());
  EXPECT_EQ(w.session().screen(), Screen::Result);
  w.pass(seconds(9));
  ASSERT_EQ(w.session().screen(), Screen::Staff);
  w.session().search("mul");
  w.session().search("muller");
  EXPECT_TRUE(w.session().search_results()[0].checked_in);
}

TEST_F(StaffMode, UndoTakesBackTheLastCheckInWithAnEventNotADelete) {
  w.session().scan(w.code("anna"), w.now());
  w.pass(seconds(9));
  ASSERT_EQ(w.session().screen(), Screen::Staff);
  const auto before = w.store().counts();
  w.session().staff_tab(StaffTab::Undo, w.now());
  ASSERT_TRUE(w.session().undo().candidate);
  EXPECT_EQ(w.session().undo().candidate_name, "Anna Müller");
  w.session().confirm_undo(w.now());  // not asked yet: nothing happens
  EXPECT_EQ(w.store().counts().checked_in, before.checked_in);
  w.session().ask_undo();
  w.session().confirm_undo(w.now());
  EXPECT_EQ(w.session().undo().done_name, "Anna Müller");
  EXPECT_FALSE(w.session().undo().candidate);
  const auto after = w.store().counts();
  EXPECT_EQ(after.checked_in, before.checked_in - 1);
  EXPECT_EQ(after.events, before.events + 1) << "an undo event is added, nothing deleted";
  // Anna may check in again.
  w.session().scan(w.code("anna"), w.now());
  EXPECT_EQ(w.session().outcome().decision.kind, core::DecisionKind::Admitted);
}

TEST_F(StaffMode, RoomDoorModeIsRememberedOnTheDevice) {
  w.session().set_door_room("mag-hf1", w.now());
  EXPECT_EQ(w.session().door_room(), "mag-hf1");
  w.restart();
  EXPECT_EQ(w.session().door_room(), "mag-hf1");
  w.session().set_door_room("", w.now());
  w.restart();
  EXPECT_EQ(w.session().door_room(), "");
}

TEST(RoomDoor, AdmitsOnlyTheRoomsPeopleWhileTheirRoundRuns) {
  SessionWorld w("2019-09-12T15:50");
  w.session().set_door_room("mag-hf1", w.now());
  EXPECT_EQ(w.session().door_occupancy(w.now()), 0);
  w.session().scan(w.code("anna"), w.now());
  EXPECT_EQ(w.session().outcome().decision.kind, core::DecisionKind::Admitted);
  EXPECT_EQ(w.session().outcome().door_room, "mag-hf1");
  EXPECT_EQ(w.session().door_occupancy(w.now()), 1);
  w.session().scan(w.code("juergen"), w.now());
  EXPECT_EQ(w.session().outcome().decision.kind, core::DecisionKind::NotForThisRoom);
  w.session().scan(w.code("anna"), w.now());
  EXPECT_EQ(w.session().outcome().decision.kind, core::DecisionKind::AlreadyCheckedIn);
}

TEST(RoomDoor, OccupancyFollowsOtherKiosksEntriesOnceTheyArrive) {
  SessionWorld w("2019-09-12T15:50");
  w.session().set_door_room("mag-hf1", w.now());
  w.session().scan(w.code("anna"), w.now());
  EXPECT_EQ(w.session().door_occupancy(w.now()), 1);
  // A second door kiosk of the same room admitted someone; sync merges it and tells the
  // session (as the window does when the sync link reports remote changes).
  core::CheckinEvent other;
  other.uuid = "0190d6a0-0000-7000-8000-00000000beef";
  other.kind = core::EventKind::RoomEntry;
  other.participant = "R777";
  other.venue = "magdeburg";
  other.day = "2019-09-12";
  other.round = 1;
  other.room = "mag-hf1";
  other.device = "kiosk-other-door";
  other.wall_ms = 1568296200000;
  other.hlc = {1568296200000, 0};
  ASSERT_EQ(w.session().store().merge_remote({other}, other.wall_ms), 1u);
  w.session().agenda_changed();
  EXPECT_EQ(w.session().door_occupancy(w.now()), 2);
}

TEST(UndoStore, OnlyEntriesNotYetUndoneCanBeUndone) {
  SessionWorld w;
  EXPECT_FALSE(store::last_undoable_checkin(w.store()));
  w.session().scan(w.code("anna"), w.now());
  const auto entry = store::last_undoable_checkin(w.store());
  ASSERT_TRUE(entry);
  EXPECT_TRUE(store::undo_checkin(w.store(), entry->uuid, 1));
  EXPECT_FALSE(store::undo_checkin(w.store(), entry->uuid, 2)) << "twice changes nothing";
  EXPECT_FALSE(store::undo_checkin(w.store(), "no-such-uuid", 3));
  EXPECT_FALSE(store::last_undoable_checkin(w.store()));
}

// --- enrolment QR codes, revocation, rejected events, typed codes

constexpr const char* kEnrolLink = "einlass-enrol:http://127.0.0.1:9#ABCD-EFGH";

// Records the enrolment links the window's worker would have been given.
std::shared_ptr<std::vector<std::string>> hook_enrolment(KioskSession& s) {
  auto calls = std::make_shared<std::vector<std::string>>();
  s.status_sources().start_enrolment = [calls](const std::string& link) { calls->push_back(link); };
  return calls;
}

void enrol_store(store::KioskStore& store) {
  store::Enrolment e;
  e.server_url = "http://127.0.0.1:9";
  e.token = "token";
  e.venue = "magdeburg";
  store::save_enrolment(store, e, store::EnrolledConfig{});
}

TEST_F(StaffMode, ScanningAnEnrolmentCodeEnrolsInTheBackgroundAndShowsTheStatus) {
  auto calls = hook_enrolment(w.session());
  const auto before = w.store().counts();
  w.session().scan(kEnrolLink, w.now());
  ASSERT_EQ(calls->size(), 1u) << "handed to the background worker, not decided as a ticket";
  EXPECT_EQ((*calls)[0], kEnrolLink);
  EXPECT_EQ(w.session().screen(), Screen::Staff);
  EXPECT_EQ(w.session().tab(), StaffTab::Status) << "progress and result show in the status";
  EXPECT_EQ(w.store().counts().events, before.events);
}

TEST(KioskSession, AnEnrolmentCodeOnAnEnrolledKioskIsCalmlyRefusedOutsideStaffMode) {
  SessionWorld w;
  enrol_store(w.store());
  auto calls = hook_enrolment(w.session());
  w.session().scan(kEnrolLink, w.now());
  EXPECT_TRUE(calls->empty()) << "a participant cannot re-point an enrolled kiosk";
  EXPECT_EQ(w.session().screen(), Screen::Problem);
  EXPECT_EQ(w.session().outcome().notice, Notice::EnrolmentCode);
  EXPECT_NE(w.session().outcome().decision.kind, core::DecisionKind::InvalidCode);
  EXPECT_EQ(w.store().counts().events, 0);
}

TEST(KioskSession, AKioskNeverEnrolledEnrolsFromTheWelcomeScreen) {
  SessionWorld w;
  auto calls = hook_enrolment(w.session());
  w.session().scan(kEnrolLink, w.now());
  EXPECT_EQ(calls->size(), 1u);
  EXPECT_EQ(w.session().outcome().notice, Notice::EnrolmentStarted);
}

TEST(KioskSession, ARevokedKioskIsOutOfServiceAndRecordsNothing) {
  SessionWorld w;
  enrol_store(w.store());
  store::wipe_personal_data(w.store(), 1568296800000, "revoked");
  w.restart();
  EXPECT_TRUE(w.session().out_of_service());
  auto calls = hook_enrolment(w.session());
  w.session().scan(w.code("anna"), w.now());
  EXPECT_EQ(w.session().screen(), Screen::Problem);
  EXPECT_EQ(w.session().outcome().notice, Notice::OutOfService);
  EXPECT_EQ(w.store().counts().events, 0);
  w.session().scan(kEnrolLink, w.now());
  EXPECT_TRUE(calls->empty()) << "re-enrolling a revoked kiosk needs staff";
  // Staff mode still opens (the PIN is not personal data) and may enrol it again.
  w.session().open_pin(PinPurpose::EnterStaff, w.now());
  enter_pin(w.session(), w.world().pin, w.now());
  EXPECT_EQ(w.session().screen(), Screen::Staff);
  w.session().scan(kEnrolLink, w.now());
  EXPECT_EQ(calls->size(), 1u);
}

TEST(KioskSession, StaffSeeWhichEventsTheServerRejectedAndWhy) {
  SessionWorld w;
  w.session().scan(w.code("anna"), w.now());
  const auto batch = store::outbox_batch(w.store(), 10);
  ASSERT_EQ(batch.size(), 1u);
  store::settle_outbox(w.store(), {}, {{batch[0].seq, "unknown venue"}});
  w.session().refresh_counts(w.now());
  ASSERT_EQ(w.session().counts().rejected.size(), 1u);
  EXPECT_EQ(w.session().counts().rejected[0].who.rfind("Anna ", 0), 0u);
  EXPECT_EQ(w.session().counts().rejected[0].reason, "unknown venue");
}

TEST(KioskSession, ATypedCodeThatMatchesNothingIsMarkedAsTyped) {
  SessionWorld w;
  w.session().type_code("LIK-2019-9999", w.now());
  w.session().submit_typed_code(w.now());
  EXPECT_EQ(w.session().screen(), Screen::Problem);
  EXPECT_TRUE(w.session().outcome().typed);
  w.session().scan("https://example.org", w.now());
  EXPECT_FALSE(w.session().outcome().typed) << "a scanned code is not a typo";
}

}  // namespace
}  // namespace einlass::ui
