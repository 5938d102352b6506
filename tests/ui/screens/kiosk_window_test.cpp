// The window around the screens: choosing a language per person and falling back to German,
// the PIN lockout, Alt+F4, staff mode ending by itself, other window sizes (fonts are rebuilt
// for the new scale and everything still fits), and scripts that name a button that is not
// there.

#include "tests/ui/screens/kiosk_screens.hpp"

namespace einlass::ui::testing {
namespace {

TEST_F(KioskScreens, ALanguageIsChosenPerPersonAndFallsBackToGerman) {
  const ScriptRun r = run("languages", R"(click English
shot english
scan demo:anna
shot english-result
wait 9s
shot after-result
click key:lang:de-ls
shot leichte-sprache
wait 50s
shot abandoned
quit
)");
  expect_clean(r);
  const Shot& en = r.at("english");
  EXPECT_EQ(en.language(), "en");
  EXPECT_TRUE(en.shows(text("en", "welcome.prompt")));
  bool selected = false;
  for (const auto& b : en.j["buttons"])
    if (b["label"] == "English") selected = b["selected"];
  EXPECT_TRUE(selected) << "the chosen language is marked (with a check mark, not colour alone)";
  EXPECT_TRUE(r.at("english-result").shows("Welcome, Anna!"));
  EXPECT_EQ(r.at("after-result").language(), "de") << "the next person starts in German";
  EXPECT_TRUE(r.at("after-result").shows(text("de", "welcome.prompt")));
  EXPECT_EQ(r.at("leichte-sprache").language(), "de-ls");
  EXPECT_TRUE(r.at("leichte-sprache").shows("Der QR-Code ist in Ihrer Anmelde·E-Mail."));
  EXPECT_EQ(r.at("abandoned").language(), "de");
}

TEST_F(KioskScreens, WrongPinsLockThePadForAGrowingTime) {
  const ScriptRun r = run("lockout", R"(click key:staff.button
type 1111
key Enter
type 1111
key Enter
type 1111
key Enter
shot locked
type 2019
key Enter
shot still-locked
wait 31s
click key:staff.button
type 2019
key Enter
shot staff
quit
)");
  expect_clean(r);
  const Shot& locked = r.at("locked");
  EXPECT_EQ(locked.screen(), "pin");
  EXPECT_TRUE(locked.has_key("pin.locked"));
  EXPECT_TRUE(locked.shows("0:30"));
  for (const auto& b : locked.j["buttons"]) {
    if (b["label"] == "1") {
      EXPECT_FALSE(b["enabled"]) << "the pad is off while locked";
    }
  }
  EXPECT_EQ(r.at("still-locked").screen(), "pin") << "the right PIN waits out the lock";
  EXPECT_EQ(r.at("staff").screen(), "staff");
}

TEST_F(KioskScreens, AltF4AndEscapeNeedThePinAndStaffModeEndsByItself) {
  const ScriptRun r = run("leaving", R"(key alt+F4
shot alt-f4
key Escape
shot cancelled
click key:staff.button
type 2019
key Enter
shot staff
wait 100s
shot still-staff
wait 25s
shot timed-out
key Escape
type 2019
key Enter
)");
  expect_clean(r);
  EXPECT_EQ(r.at("alt-f4").screen(), "pin");
  EXPECT_EQ(r.at("alt-f4").j["pin_purpose"], "leave");
  EXPECT_EQ(r.at("cancelled").screen(), "welcome");
  EXPECT_EQ(r.at("still-staff").screen(), "staff");
  EXPECT_TRUE(r.at("still-staff").has_key("staff.auto_logout"));
  EXPECT_EQ(r.at("timed-out").screen(), "welcome") << "staff mode ends after inactivity";
  EXPECT_EQ(r.exit_code, 0);
}

TEST_F(KioskScreens, OtherWindowSizesRebuildTheFontsAndStillFit) {
  const ScriptRun r = run("sizes", R"(shot small-laptop
resize 1920x1080
shot full-hd
scan demo:anna
shot full-hd-result
resize 1024x640
scan demo:aylin
shot small-problem
click key:lang:de-ls
shot small-leichte-sprache
quit
)");
  expect_clean(r);
  auto title_height = [](const Shot& s) {
    for (const auto& t : s.j["texts"])
      if (t["role"] == "title") return t["rect"][3].get<int>();
    return 0;
  };
  EXPECT_EQ(r.at("full-hd").j["display"], json::array({1920, 1080}));
  EXPECT_GT(title_height(r.at("full-hd")), title_height(r.at("small-laptop")))
      << "type grows with the window";
  EXPECT_EQ(r.at("small-problem").j["display"], json::array({1024, 640}));
  EXPECT_EQ(r.at("small-problem").decision(), "wrong_venue");
}

TEST_F(KioskScreens, AScriptNamingAMissingButtonFailsAndSaysWhatWasThere) {
  const ScriptRun r = run("bad-click", "click Nonexistent\n");
  EXPECT_EQ(r.exit_code, 3);
  ASSERT_EQ(r.shots.size(), 1u);
  EXPECT_NE(r.shots[0].j.value("error", "").find("Nonexistent"), std::string::npos);
  EXPECT_FALSE(r.shots[0].j["buttons"].empty());
}

}  // namespace
}  // namespace einlass::ui::testing
