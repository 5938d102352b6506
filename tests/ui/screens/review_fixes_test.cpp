// What a reviewer found using the kiosk as a participant, kept fixed — in every language, at
// the two display sizes kiosks have (1366×768 laptops, 1920×1080 screens), with nothing cut off:
// no scan prompt outside the opening hours, finished rounds marked as over for late arrivals,
// a typo in a typed code called a typo, no "|" in the typed code, the help desk once per
// screen, the no-code hint and the phone picture always there, long names in the staff search,
// language buttons that look like buttons, and enrolment QR codes handled as such.

#include <tuple>

#include "tests/ui/screens/kiosk_screens.hpp"

namespace einlass::ui::testing {
namespace {

using Param = std::tuple<std::string, std::string>;  // language, window size

class ReviewFixes : public KioskScreens, public ::testing::WithParamInterface<Param> {
 protected:
  std::string l() const { return std::get<0>(GetParam()); }
  std::string size() const { return std::get<1>(GetParam()); }
  ScriptRun run_here(const std::string& name, const std::string& script) {
    return run(name + "-" + l() + "-" + size(), script, {"--language", l(), "--windowed", size()});
  }
};

TEST_P(ReviewFixes, TheWelcomeInvitesScanningOnlyWhileCheckInIsOpen) {
  const ScriptRun r = run_here("hours", R"(shot open
clock 2019-09-12T13:30
shot before-open
clock 2019-09-12T19:30
shot closed
quit
)");
  expect_clean(r);
  const Shot& open = r.at("open");
  EXPECT_EQ(open.fact("welcome_state"), "open");
  EXPECT_TRUE(open.has_key("welcome.prompt"));
  EXPECT_TRUE(open.has_key("welcome.no_code"));
  EXPECT_TRUE(open.fact("phone_picture").is_number()) << "no camera: the phone picture shows";

  const Shot& before = r.at("before-open");
  EXPECT_EQ(before.fact("welcome_state"), "not_yet_open");
  EXPECT_FALSE(before.has_key("welcome.prompt"));
  EXPECT_TRUE(before.shows(
      text(l(), "welcome.before.text", {{"time", text(l(), "time.clock", {{"time", "14:15"}})}})))
      << before.all_text();
  EXPECT_TRUE(before.has_key("welcome.desk"));
  EXPECT_TRUE(before.shows("Foyer im Erdgeschoss"));

  const Shot& closed = r.at("closed");
  EXPECT_EQ(closed.fact("welcome_state"), "closed");
  EXPECT_FALSE(closed.has_key("welcome.prompt"));
  EXPECT_TRUE(closed.has_key("welcome.closed.title"));
  EXPECT_TRUE(closed.has_key("welcome.desk"));
}

TEST_P(ReviewFixes, LateArrivalsSeeFinishedRoundsAsOver) {
  const ScriptRun r = run_here("late", R"(clock 2019-09-12T17:10
scan demo:anna
shot late-anna
quit
)");
  expect_clean(r);
  const Shot& anna = r.at("late-anna");
  EXPECT_EQ(anna.decision(), "admitted");
  EXPECT_EQ(anna.fact("rounds_over"), 1) << "round 1 ended at 16:45";
  EXPECT_TRUE(anna.shows(text(l(), "rooms.over", {{"round", "Gesprächsrunde 1"}})))
      << anna.all_text();
}

TEST_P(ReviewFixes, TypedCodesHaveACaretAndATypoIsCalledOne) {
  const ScriptRun r = run_here("typed", R"(type LIK-2019
shot typing
type -0047
key Enter
shot typo
quit
)");
  expect_clean(r);
  const Shot& typing = r.at("typing");
  EXPECT_TRUE(typing.shows("LIK-2019"));
  EXPECT_FALSE(typing.shows("LIK-2019|")) << "the caret is drawn, not a character of the code";
  const Shot& typo = r.at("typo");
  EXPECT_EQ(typo.decision(), "unknown_code");
  EXPECT_TRUE(typo.has_key("problem.typed.todo"));
  EXPECT_FALSE(typo.has_key("problem.unknown_code.todo"));
  // The help desk once: the card names it, the footer does not repeat it.
  EXPECT_TRUE(typo.has_key("problem.desk_label"));
  EXPECT_FALSE(typo.has_key("help.desk"));
}

TEST_P(ReviewFixes, LongNamesFitTheStaffSearchAndLanguagesAreButtons) {
  const std::string script = R"(click key:staff.button
type 2019
key Enter
type Maria-Theresa Konstanze Friederike
click )" + text(l(), "walk_in.last_name") +
                             R"(
type von Hohenzollern-Sigmaringen-Wittelsbach-Habsburg
click )" + text(l(), "walk_in.organisation") +
                             R"(
type Landesverband der Migrantenorganisationen und Integrationsbeiräte Sachsen-Anhalt e. V.
click )" + text(l(), "walk_in.consent") +
                             R"(
click key:walk_in.submit
wait 9s
click key:staff.tab.search
type Hohenzollern
shot search-long
quit
)";
  const ScriptRun r = run_here("search", script);
  expect_clean(r);
  const Shot& search = r.at("search-long");
  EXPECT_TRUE(search.shows("von Hohenzollern-Sigmaringen-Wittelsbach-Habsburg, Maria-Theresa"))
      << search.all_text();
  for (const auto& b : search.j["buttons"]) {
    if (b["key"].get<std::string>().starts_with("lang:")) {
      EXPECT_NE(b["style"], "quiet") << b["label"] << " looks like a link";
    }
  }
}

TEST_P(ReviewFixes, EnrolmentCodesEnrolFromStaffModeAndAreNoTicket) {
  // Port 9 (discard) on loopback answers nothing: the enrolment fails in the background while
  // the screen stays responsive.
  const ScriptRun r = run_here("enrol", R"(click key:staff.button
type 2019
key Enter
scan einlass-enrol:http://127.0.0.1:9#ABCD-EFGH
shot enrolling
wait 1s
shot enrol-status
click key:staff.leave
scan einlass-enrol:http://127.0.0.1:9#ABCD-EFGH
shot enrol-welcome
quit
)");
  expect_clean(r);
  const Shot& enrolling = r.at("enrolling");
  EXPECT_EQ(enrolling.screen(), "staff");
  EXPECT_EQ(enrolling.j["staff_tab"], "status");
  EXPECT_TRUE(enrolling.has_key("status.enrol"));
  EXPECT_TRUE(enrolling.shows("http://127.0.0.1:9")) << enrolling.all_text();
  // The demo kiosk was never enrolled: the code starts an enrolment, it is no invalid ticket.
  const Shot& welcome = r.at("enrol-welcome");
  EXPECT_EQ(welcome.screen(), "problem");
  EXPECT_NE(welcome.decision(), "invalid_code");
  EXPECT_TRUE(welcome.decision() == "enrolment_started" || welcome.decision() == "enrolment_code")
      << welcome.decision();
}

// With a camera the preview takes the space of the phone picture, but the hint for people
// without a code stays.
TEST_F(KioskScreens, TheNoCodeHintShowsBesideTheCamera) {
  const fs::path frames = dir_ / "camera-frames";
  fs::create_directories(frames);
  const ScriptRun r = run("camera", "shot cam\nquit\n", {"--camera", "files:" + frames.string()});
  expect_clean(r);
  EXPECT_TRUE(r.at("cam").has_key("welcome.no_code")) << r.at("cam").all_text();
}

// A camera that cannot be opened: staff status says which one and why, so a helper at the
// door can fix the cable or the setting without a terminal.
TEST_F(KioskScreens, StaffStatusNamesTheCameraAndWhyItIsUnavailable) {
  const std::string device = (dir_ / "video-unplugged").string();
  const ScriptRun r = run("camera-missing", R"(wait 1s
click key:staff.button
type 2019
key Enter
click key:staff.tab.status
shot status
quit
)",
                          {"--camera", device});
  expect_clean(r);
  const Shot& status = r.at("status");
  EXPECT_TRUE(status.has_key("status.camera.unavailable")) << status.all_text();
  EXPECT_TRUE(status.shows(device)) << status.all_text();
}

INSTANTIATE_TEST_SUITE_P(LanguagesAndSizes, ReviewFixes,
                         ::testing::Combine(languages(),
                                            ::testing::Values("1366x768", "1920x1080")),
                         [](const auto& info) {
                           return test_name(std::get<0>(info.param) + "_" +
                                            std::get<1>(info.param));
                         });

}  // namespace
}  // namespace einlass::ui::testing
