// The keyboard-wedge scanner in the real window. The script's `hid` step delivers every
// character as GLFW does on X11 — the key press first, then the character — so these tests
// see what a live kiosk sees: a burst must become a scan even while a staff text field has
// focus (never text in the field), and the scanner triggered twice on one ticket is one scan.

#include "tests/ui/screens/kiosk_screens.hpp"

namespace einlass::ui::testing {
namespace {

// No field of the step shows any part of a scanned ticket.
void expect_no_code_in_fields(const Shot& shot) {
  for (const auto& f : shot.j["fields"]) {
    EXPECT_EQ(f["value"].get<std::string>().find("EL1"), std::string::npos)
        << shot.file << ": the scan landed in the field \"" << f["label"] << "\"";
  }
}

TEST_F(KioskScreens, ScannerBurstWhileAStaffFieldHasFocusIsAScanNotText) {
  const ScriptRun r = run("staff-burst", R"(click key:staff.button
type 2019
key Enter
type Max
shot walk-in-typed
hid demo:juergen
shot walk-in-scan
wait 9s
shot walk-in-after
click key:staff.tab.search
shot search
hid demo:anna
shot search-scan
wait 9s
shot search-after
)");
  expect_clean(r);
  // A person's typing still reaches the focused field (the first name of a walk-in).
  EXPECT_EQ(r.at("walk-in-typed").screen(), "staff");
  EXPECT_TRUE(r.at("walk-in-typed").shows("Max"));

  EXPECT_EQ(r.at("walk-in-scan").decision(), "admitted");
  EXPECT_TRUE(r.at("walk-in-scan").shows(text("de", "result.title", {{"name", "Jürgen"}})));
  EXPECT_EQ(r.at("walk-in-after").screen(), "staff");
  EXPECT_TRUE(r.at("walk-in-after").shows("Max")) << "what staff typed is kept";

  EXPECT_EQ(r.at("search").j["staff_tab"], "search");
  EXPECT_EQ(r.at("search-scan").decision(), "admitted");
  EXPECT_TRUE(r.at("search-scan").shows(text("de", "result.title", {{"name", "Anna"}})));
  EXPECT_EQ(r.at("search-after").screen(), "staff");
  for (const Shot& s : r.shots)
    expect_no_code_in_fields(s);
}

TEST_F(KioskScreens, ScannerTriggeredTwiceOnOneTicketIsOneScan) {
  const ScriptRun r = run("double-scan", R"(hid demo:juergen
shot first
hid demo:juergen
shot again
hid demo:anna
shot other
wait 4s
hid demo:juergen
shot later
)");
  expect_clean(r);
  EXPECT_EQ(r.at("first").decision(), "admitted");
  // The second trigger is ignored: Jürgen's welcome stays, no "already checked in".
  EXPECT_EQ(r.at("again").decision(), "admitted");
  EXPECT_FALSE(r.at("again").has_key("problem.already.title"));
  EXPECT_TRUE(r.at("again").shows(text("de", "result.title", {{"name", "Jürgen"}})));
  // A different ticket is answered at once.
  EXPECT_EQ(r.at("other").decision(), "admitted");
  EXPECT_TRUE(r.at("other").shows(text("de", "result.title", {{"name", "Anna"}})));
  // The same ticket later (someone coming back) gets its answer.
  EXPECT_EQ(r.at("later").decision(), "already_checked_in");
}

}  // namespace
}  // namespace einlass::ui::testing
