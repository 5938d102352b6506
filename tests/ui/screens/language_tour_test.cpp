// A conference afternoon at the Magdeburg kiosk, once per language (--language): every
// participant screen and decision kind at the entrance, the scanner and a typed code, the PIN
// pad, every staff tab, room-door mode and leaving the kiosk. Each step's dump must show the
// screen and words a person would see, with every glyph drawable and nothing cut off.

#include "tests/ui/screens/kiosk_screens.hpp"

namespace einlass::ui::testing {
namespace {

class LanguageTour : public KioskScreens, public ::testing::WithParamInterface<std::string> {};

std::string tour_script(const std::string& l) {
  return R"(shot welcome
scan demo:anna
shot anna
wait 9s
shot back
scan demo:anna
shot already
scan demo:aylin
shot wrong-venue
scan demo:grzegorz
shot cancelled
scan demo:lena-old
shot replaced
scan demo:web-address
shot unknown
scan demo:altered
shot altered
scan demo:foreign-key
shot foreign-key
hid EL1ABCDEFGH
shot garbled
wait 6s
hid demo:juergen
shot scanner-juergen
clock 2019-09-12T13:30
scan demo:katarzyna
shot before-opening
clock 2019-09-12T19:30
scan demo:katarzyna
shot after-closing
clock 2019-09-12T15:50
scan demo:katarzyna
shot round-running
wait 13s
type LIK-2019-004711
shot typed-code
key Enter
shot typed-fatima
wait 13s
click key:staff.button
shot pin
type 1111
key Enter
shot pin-wrong
type 2019
key Enter
shot staff
type Maximilian
click )" +
         text(l, "walk_in.last_name") + R"(
type Groß
click )" +
         text(l, "walk_in.organisation") + R"(
type Volkshochschule Magdeburg
click HF 5 · Berufliche Integration
click key:walk_in.submit
shot walk-in-no-consent
click )" +
         text(l, "walk_in.consent") + R"(
click key:walk_in.submit
shot walk-in-result
wait 9s
shot staff-again
click key:staff.tab.search
type muller
shot search
click key:staff.tab.undo
click key:undo.ask
shot undo-ask
click key:undo.confirm
shot undo-done
click key:staff.tab.counts
shot counts
click key:staff.tab.status
shot status
click key:staff.tab.door
click Seminarraum 1.01 · 1. OG, links
shot door-chosen
click key:staff.leave
shot door-welcome
scan demo:anna
shot door-anna
scan demo:juergen
shot door-other-room
scan demo:anna
shot door-already
wait 13s
key Escape
shot leave-pin
click key:pin.cancel
shot leave-cancelled
close
shot close-pin
type 2019
key Enter
)";
}

TEST_P(LanguageTour, EveryScreenAndDecisionInTheLanguage) {
  const std::string l = GetParam();
  const ScriptRun r = run("tour-" + l, tour_script(l), {"--language", l});
  expect_clean(r);
  ASSERT_GE(r.shots.size(), 60u) << r.err;
  for (const Shot& s : r.shots)
    EXPECT_EQ(s.language(), l) << s.file;

  const Shot& welcome = r.at("welcome");
  EXPECT_EQ(welcome.screen(), "welcome");
  for (const char* key : {"welcome.title", "welcome.prompt", "agenda.title", "agenda.now",
                          "agenda.next_line", "help.desk", "staff.button"})
    EXPECT_TRUE(welcome.has_key(key)) << key;
  EXPECT_TRUE(welcome.shows("Regionalkonferenzen zum Integrationskonzept Sachsen-Anhalt"));
  EXPECT_TRUE(welcome.shows("Begrüßung"));
  EXPECT_TRUE(welcome.shows("15:20"));
  EXPECT_TRUE(welcome.shows(text(l, "date.thursday")));
  for (const auto& lang : tables().languages())
    EXPECT_TRUE(welcome.shows(lang.name)) << "language button " << lang.name;

  const Shot& anna = r.at("anna");
  EXPECT_EQ(anna.screen(), "result");
  EXPECT_EQ(anna.decision(), "admitted");
  EXPECT_TRUE(anna.shows(text(l, "result.title", {{"name", "Anna"}}))) << anna.all_text();
  EXPECT_TRUE(anna.shows("Seminarraum 1.01"));
  EXPECT_TRUE(anna.shows("Seminarraum 1.04"));
  EXPECT_TRUE(anna.shows("1. OG, links"));
  EXPECT_TRUE(anna.has_key("result.next.plenary_now")) << "15:20: the welcome address runs";
  EXPECT_TRUE(anna.j["buttons"].size() >= 3u) << "language buttons, and nothing to press";
  for (const auto& b : anna.j["buttons"])
    EXPECT_TRUE(b["key"].get<std::string>().starts_with("lang:")) << b["label"];

  EXPECT_EQ(r.at("back").screen(), "welcome") << "the result returns by itself";

  struct Expect {
    const char* shot;
    const char* decision;
    const char* key;
  };
  for (const Expect& e : std::vector<Expect>{
           {"already", "already_checked_in", "problem.already.title"},
           {"wrong-venue", "wrong_venue", "problem.wrong_venue.reason"},
           {"cancelled", "cancelled", "problem.cancelled.title"},
           {"replaced", "cancelled", "problem.replaced.title"},
           {"unknown", "unknown_code", "problem.unknown_code.title"},
           {"altered", "invalid_code", "problem.invalid.not_genuine"},
           {"foreign-key", "invalid_code", "problem.invalid.not_genuine"},
           {"garbled", "unreadable", "problem.unreadable.title"},
           {"before-opening", "before_opening", "problem.before_opening.reason"},
           {"after-closing", "after_closing", "problem.after_closing.reason"},
       }) {
    const Shot& s = r.at(e.shot);
    EXPECT_EQ(s.screen(), "problem") << e.shot;
    EXPECT_EQ(s.decision(), e.decision) << e.shot;
    EXPECT_TRUE(s.has_key(e.key)) << e.shot << " lacks " << e.key;
  }
  EXPECT_TRUE(r.at("already").shows("Seminarraum 1.01")) << "already checked in: rooms again";
  EXPECT_TRUE(r.at("wrong-venue").shows("Dessau-Roßlau"));
  EXPECT_TRUE(r.at("wrong-venue").shows("Foyer im Erdgeschoss")) << "the help desk from config";
  EXPECT_TRUE(r.at("before-opening").shows("14:15"));

  const Shot& scanner = r.at("scanner-juergen");
  EXPECT_EQ(scanner.decision(), "admitted") << "a keyboard-wedge scanner burst is a scan";
  EXPECT_TRUE(scanner.shows(text(l, "result.title", {{"name", "Jürgen"}})));
  EXPECT_TRUE(r.at("round-running").has_key("result.next.go_to_room"));

  EXPECT_TRUE(r.at("typed-code").has_key("welcome.typed_code"));
  EXPECT_TRUE(r.at("typed-code").shows("LIK-2019-004711"));
  EXPECT_TRUE(r.at("typed-fatima").shows(text(l, "result.title", {{"name", "Fatima"}})));

  EXPECT_EQ(r.at("pin").screen(), "pin");
  EXPECT_EQ(r.at("pin").j["pin_purpose"], "staff");
  EXPECT_TRUE(r.at("pin-wrong").has_key("pin.wrong"));
  EXPECT_EQ(r.at("staff").screen(), "staff");
  EXPECT_EQ(r.at("staff").j["staff_tab"], "walk_in");

  EXPECT_TRUE(r.at("walk-in-no-consent").has_key("walk_in.need_consent"));
  EXPECT_EQ(r.at("walk-in-no-consent").screen(), "staff") << "nothing stored without consent";
  const Shot& walk_in = r.at("walk-in-result");
  EXPECT_EQ(walk_in.decision(), "admitted");
  EXPECT_TRUE(walk_in.shows(text(l, "result.title", {{"name", "Maximilian"}})));
  EXPECT_TRUE(walk_in.shows("Seminarraum 2.01")) << "HF 5 in round 1";
  EXPECT_EQ(r.at("staff-again").screen(), "staff") << "staff return to their screen";

  EXPECT_TRUE(r.at("search").shows("Müller, Anna")) << "\"muller\" finds Müller";
  EXPECT_TRUE(r.at("search").has_key("search.checked_in"));
  EXPECT_TRUE(r.at("undo-ask").shows("Maximilian Groß"));
  EXPECT_TRUE(r.at("undo-done").has_key("undo.done"));
  EXPECT_TRUE(r.at("counts").has_key("counts.totals"));
  EXPECT_TRUE(r.at("counts").shows("Seminarraum 2.04"));
  EXPECT_TRUE(r.at("status").has_key("status.sync.off"));
  EXPECT_TRUE(r.at("status").has_key("status.scanner.seen"));

  EXPECT_EQ(r.at("door-welcome").j["door_room"], "mag-hf1");
  EXPECT_TRUE(r.at("door-welcome").has_key("door.welcome.running"));
  EXPECT_TRUE(r.at("door-welcome").shows("Seminarraum 1.01"));
  EXPECT_EQ(r.at("door-anna").decision(), "admitted");
  EXPECT_TRUE(r.at("door-anna").has_key("door.result.title"));
  EXPECT_TRUE(
      r.at("door-anna").shows(text(l, "door.occupancy", {{"occupancy", "1"}, {"capacity", "30"}})));
  EXPECT_EQ(r.at("door-other-room").decision(), "not_for_this_room");
  EXPECT_TRUE(r.at("door-other-room").shows("Seminarraum 2.04")) << "where Jürgen belongs";
  EXPECT_TRUE(r.at("door-already").has_key("problem.already.reason_door"));

  EXPECT_EQ(r.at("leave-pin").screen(), "pin") << "Escape asks for the PIN";
  EXPECT_EQ(r.at("leave-pin").j["pin_purpose"], "leave");
  EXPECT_EQ(r.at("leave-cancelled").screen(), "welcome");
  EXPECT_EQ(r.at("close-pin").screen(), "pin") << "closing the window asks for the PIN";
  EXPECT_EQ(r.exit_code, 0) << "the right PIN closes the kiosk";
}

INSTANTIATE_TEST_SUITE_P(Languages, LanguageTour, languages(), language_test_name);

}  // namespace
}  // namespace einlass::ui::testing
