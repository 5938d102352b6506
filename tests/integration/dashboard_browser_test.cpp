// The organiser's dashboard end to end in Debian's headless Chromium: a real server seeded with
// real check-ins made by `einlass-kiosk checkin` and sent by `einlass-kiosk sync`, then the
// browser logs in (a wrong password first), reads the counts, delays the agenda (which the
// kiosk then receives), sees a new check-in appear without a reload, switches to English,
// takes screenshots at laptop and tablet size, and logs out.
//
// Screenshots go to $EINLASS_DASHBOARD_SHOTS, or to einlass-dashboard-shots in the temp folder.

#include <gtest/gtest.h>

#include <cstdlib>

#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/sync_state.hpp"
#include "tests/integration/dashboard_fixture.hpp"
#include "tests/integration/webdriver_session.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;

class DashboardBrowser : public DashboardWorld {
 protected:
  void SetUp() override {
    DashboardWorld::SetUp();
    const fs::path roster = world_.dir() / "roster.json";
    write_file_atomically(roster, R"([
      {"id": 1, "first_name": "Jana", "last_name": "Krüger", "venue": "magdeburg", "round_topics": ["HF1", "HF4"]},
      {"id": 2, "first_name": "Jörg", "last_name": "Weiß", "venue": "magdeburg", "round_topics": ["HF1", "HF2"]},
      {"id": 3, "first_name": "Ümit", "last_name": "Özdemir", "venue": "magdeburg", "round_topics": ["HF3", "HF4"]},
      {"id": 4, "first_name": "Anna", "last_name": "Schäfer", "venue": "magdeburg", "round_topics": ["HF2", "HF5"]},
      {"id": 5, "first_name": "Lutz", "last_name": "Groß", "venue": "magdeburg", "round_topics": ["HF6", "HF8"]}
    ])");
    world_.server_cli({"roster-add", roster.string()});
    store_ = (world_.dir() / "kiosk.sqlite").string();
    const ProgramRun enrolled =
        kiosk({"enroll", world_.server().url(), world_.enrolment_code("magdeburg"), "--store",
               store_, "--label", "Eingang Süd"});
    ASSERT_EQ(enrolled.exit_code, 0) << enrolled.err;
    const json e = json::parse(enrolled.out);
    event_ = e.at("event").get<std::string>();
    keys_ = e.at("public_keys").get<std::string>();
    ASSERT_EQ(kiosk({"sync", "--once", "--store", store_}).exit_code, 0) << "roster pulled";
  }

  ProgramRun kiosk(std::vector<std::string> args) {
    args.insert(args.begin(), EINLASS_KIOSK_BINARY);
    return run_program(args, world_.dir());
  }
  // A staff check-in at the kiosk, then one sync pass.
  void check_in_and_sync(const std::string& participant, const std::string& now) {
    const ProgramRun run =
        kiosk({"checkin", "--participant", participant, "--store", store_, "--event", event_,
               "--public-key", keys_, "--venue", "magdeburg", "--now", now});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    const ProgramRun sync = kiosk({"sync", "--once", "--store", store_});
    ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
    ASSERT_EQ(json::parse(sync.out).at("events_waiting"), 0);
  }

  static fs::path shots_dir() {
    const char* env = std::getenv("EINLASS_DASHBOARD_SHOTS");
    const fs::path dir =
        env && *env ? fs::path(env) : fs::temp_directory_path() / "einlass-dashboard-shots";
    fs::create_directories(dir);
    return dir;
  }

  std::string store_, event_, keys_;
};

bool wait_for_text(BrowserSession& browser, const std::string& css, const std::string& text,
                   std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  return wait_until([&] { return browser.text(css).find(text) != std::string::npos; }, limit);
}

// For counters: "3" must not be satisfied by "13" or "30".
bool wait_for_exact_text(BrowserSession& browser, const std::string& css, const std::string& text,
                         std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  return wait_until([&] { return browser.text(css) == text; }, limit);
}

void expect_png(const fs::path& file) {
  const std::string png = read_file(file);
  ASSERT_GT(png.size(), 10'000u) << file;
  EXPECT_EQ(png.substr(1, 3), "PNG") << file;
}

TEST_F(DashboardBrowser, OrganiserWatchesTheDayDelaysTheAgendaAndLogsOut) {
  check_in_and_sync("R1", "2019-09-12T14:32");
  check_in_and_sync("R2", "2019-09-12T14:51");
  check_in_and_sync("R3", "2019-09-12T15:04");

  BrowserSession browser(world_.dir());
  const std::string base = world_.server().url();
  browser.go(base + "/dashboard/");
  EXPECT_TRUE(browser.url().ends_with("/dashboard/login")) << "not logged in: the login page";

  browser.type("#name", kOrganiserName);
  browser.type("#password", "falsches Passwort");
  browser.click("#login-button");
  EXPECT_TRUE(wait_for_text(browser, ".error", "Name oder Passwort ist falsch"));
  browser.screenshot(shots_dir() / "login-wrong-password.png");
  EXPECT_TRUE(browser.url().ends_with("/dashboard/login"));

  browser.type("#name", kOrganiserName);
  browser.type("#password", kOrganiserPassword);
  browser.click("#login-button");
  ASSERT_TRUE(wait_for_exact_text(browser, "#checked-in", "3")) << browser.text("body");
  EXPECT_EQ(browser.text("#registered"), "5");
  EXPECT_EQ(browser.text("#walk-ins"), "0");
  EXPECT_EQ(browser.text("#account"), kOrganiserName);
  EXPECT_NE(browser.text("#kiosk-table").find("Eingang Süd"), std::string::npos);
  EXPECT_NE(browser.text("[data-round='1'][data-room='mag-hf1']").find("2 / 30"), std::string::npos)
      << "Jana and Jörg are placed in HF1 in round 1";
  EXPECT_EQ(
      browser.script("return document.querySelectorAll('#arrivals-chart rect').length;").get<int>(),
      browser.script("return document.querySelectorAll('#arrivals-chart title').length;")
          .get<int>());
  EXPECT_EQ(browser.text("#arrivals-chart .line-scale"), "3")
      << "the cumulative line ends at the three check-ins";
  EXPECT_GT(
      browser.script("return document.querySelectorAll('#arrivals-chart rect').length;").get<int>(),
      0)
      << "the chart has bars";
  EXPECT_NE(
      browser.script("return document.querySelector('#arrivals-chart path').getAttribute('d');")
          .get<std::string>(),
      "");

  // Delay the rest of the day from 16:45 by 10 minutes.
  browser.script(
      "const f = document.getElementById('delay-from'); f.value = '16:45';"
      "f.dispatchEvent(new Event('input'));"
      "document.getElementById('delay-minutes').value = '10';");
  browser.click("#delay-button");
  ASSERT_TRUE(wait_for_text(browser, "#agenda-message", "Übernommen"))
      << browser.text("#agenda-message");
  EXPECT_TRUE(wait_for_text(browser, "#agenda-list", "17:10"));
  ASSERT_EQ(kiosk({"sync", "--once", "--store", store_}).exit_code, 0);
  {
    store::KioskStore kiosk_store(store_);
    const auto changes = store::agenda_changes_for(kiosk_store, "magdeburg", "2019-09-12");
    ASSERT_EQ(changes.size(), 1u) << "the kiosk received the delay";
    EXPECT_EQ(changes[0].minutes, 10);
    EXPECT_EQ(core::format_hhmm(changes[0].from), "16:45");
  }

  // A new check-in shows up without reloading the page.
  browser.script("window.einlassNotReloaded = true;");
  check_in_and_sync("R4", "2019-09-12T15:12");
  EXPECT_TRUE(wait_for_exact_text(browser, "#checked-in", "4"));
  EXPECT_TRUE(browser.script("return window.einlassNotReloaded === true;").get<bool>());

  // A refused export says why on the dashboard instead of leaving it for a JSON page.
  browser.script(
      "const s = document.getElementById('export-venue');"
      "s.append(new Option('weg', 'atlantis')); s.value = 'atlantis';");
  browser.click("#export-form button[value='csv']");
  EXPECT_TRUE(wait_for_text(browser, "#export-message", "Download nicht möglich"))
      << browser.text("#export-message");
  EXPECT_TRUE(browser.url().ends_with("/dashboard/")) << browser.url();
  EXPECT_TRUE(browser.script("return window.einlassNotReloaded === true;").get<bool>());

  const fs::path shots = shots_dir();
  browser.script("window.scrollTo(0, 0);");
  browser.screenshot(shots / "dashboard-laptop-1366x768.png");
  expect_png(shots / "dashboard-laptop-1366x768.png");
  browser.resize(768, 1024);
  browser.script("window.scrollTo(0, 0);");
  browser.screenshot(shots / "dashboard-tablet-768x1024.png");
  expect_png(shots / "dashboard-tablet-768x1024.png");
  EXPECT_LE(browser.script("return document.documentElement.scrollWidth;").get<int>(),
            browser.script("return window.innerWidth;").get<int>())
      << "nothing sticks out sideways on a tablet";

  browser.click("#language-toggle");
  EXPECT_TRUE(wait_for_text(browser, "body", "Checked in"));
  browser.script("window.scrollTo(0, 0);");
  browser.screenshot(shots / "dashboard-tablet-english.png");
  browser.click("#language-toggle");
  EXPECT_TRUE(wait_for_text(browser, "body", "Eingecheckt"));

  // The whole page at laptop width, for people to look at.
  browser.resize(1366, browser.script("return document.body.scrollHeight + 140;").get<int>());
  browser.screenshot(shots / "dashboard-laptop-full.png");
  browser.click("#logout-button");
  EXPECT_TRUE(wait_until([&] { return browser.url().ends_with("/dashboard/login"); }));
  browser.go(base + "/dashboard/api/data");
  EXPECT_NE(browser.text("body").find("login_required"), std::string::npos);
  browser.go(base + "/dashboard/");
  EXPECT_TRUE(browser.url().ends_with("/dashboard/login")) << "logged out for good";
}

}  // namespace
}  // namespace einlass::testing
