// A kiosk never enrolled, started on the bundled example event (as the packaged session starts
// it before enrolment), is enrolled by scanning the organiser's enrolment QR code against a
// real einlass-server that runs another event. Without a restart the window then shows the
// received event and venue, and admits a ticket the server's key signed for that event.
#include <string>
#include <vector>

#include "kiosk/core/event_config.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_issue.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/sync_state.hpp"
#include "sync/client/enrolment.hpp"
#include "tests/integration/sync_server_process.hpp"
#include "tests/ui/screens/kiosk_screens.hpp"

namespace einlass::ui::testing {
namespace {

using einlass::testing::ProgramRun;
using einlass::testing::ServerProcess;

// The organiser's event: one venue, one day, workshops in the afternoon.
fs::path server_event_file() {
  return fs::path(EINLASS_SOURCE_DIR) /
         "tests/data/events/integrationskonferenz-magdeburg-2025.toml";
}

class EnrolmentSwitch : public KioskScreens {
 protected:
  EnrolmentSwitch() : server_(dir_, dir_ / "server.sqlite") {}
  ~EnrolmentSwitch() override { server_.kill_hard(); }

  ProgramRun program(std::vector<std::string> words, const std::string& input = "") {
    const ProgramRun run = einlass::testing::run_program(words, dir_, input);
    if (run.exit_code != 0) ADD_FAILURE() << words[0] << " " << words[1] << " failed: " << run.err;
    return run;
  }
  ProgramRun server_cli(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--db", (dir_ / "server.sqlite").string()});
    args.insert(args.begin(), EINLASS_SERVER_BINARY);
    return program(args);
  }

  // A ticket signed with the server's key for registration 7 of the organiser's event.
  std::string server_ticket() const {
    const core::Event event = core::load_event_config(server_event_file());
    const core::SecretKey key = core::load_secret_key(dir_ / "tickets.secret");
    const core::TicketRequest request{7, 0, 0, 0, {"WS2"}, 1'760'000'000};  // issued Oct 2025
    return core::encode_ticket(core::ticket_payload_for(event, request), key);
  }

  ServerProcess server_;
};

TEST_F(EnrolmentSwitch, TheWindowTakesTheEnrolledEventKeysAndVenueWithoutARestart) {
  server_cli({"init", "--event", server_event_file().string()});
  server_cli({"keys", "generate", "--dir", dir_.string(), "--name", "tickets"});
  server_.start();
  const std::string code =
      nlohmann::json::parse(server_cli({"enrol", "--venue", "altes-rathaus", "--json"}).out)
          .at("code")
          .get<std::string>();
  const std::string link = sync::client::format_enrolment_link({server_.url(), code});
  const fs::path store = dir_ / "kiosk.sqlite";
  program({EINLASS_KIOSK_BINARY, "set-pin", "--store", store.string()}, "4711\n");
  const std::string ticket = server_ticket();

  // The bundled event at Magdeburg, as kiosk.conf's options before enrolment pick it; the
  // clock stands in the organiser's morning.
  const ScriptRun r = run_kiosk("switch",
                                "shot before\n"
                                "scan " +
                                    ticket +
                                    "\n"
                                    "shot ticket-before\n"
                                    "scan " +
                                    link +
                                    "\n"
                                    "shot enrolling\n"
                                    "await enrolment\n"
                                    "shot enrolled\n"
                                    "scan " +
                                    ticket +
                                    "\n"
                                    "shot ticket-after\n"
                                    "quit\n",
                                {"run", "--store", store.string(), "--venue", "magdeburg", "--now",
                                 "2025-11-28T09:40", "--camera", "none"});
  expect_clean(r);

  const Shot& before = r.at("before");
  EXPECT_TRUE(before.shows("Regionalkonferenzen")) << before.all_text();
  EXPECT_NE(r.at("ticket-before").decision(), "admitted")
      << "the bundled event does not know the organiser's key";
  // "enrolling" is not asserted on: on loopback the enrolment may already be over by the time
  // the step's screenshot is drawn ("await enrolment" then has nothing to wait for).

  const Shot& enrolled = r.at("enrolled");
  EXPECT_EQ(enrolled.screen(), "welcome") << "back to the welcome, on the new event";
  EXPECT_TRUE(enrolled.shows("Integrationskonferenz der Landeshauptstadt Magdeburg"))
      << enrolled.all_text();
  EXPECT_TRUE(enrolled.shows("Altes Rathaus Magdeburg")) << "the enrolled venue";
  EXPECT_TRUE(enrolled.shows("Zwischenbilanz")) << "its agenda: " << enrolled.all_text();
  EXPECT_FALSE(enrolled.shows("Regionalkonferenzen")) << enrolled.all_text();

  const Shot& after = r.at("ticket-after");
  EXPECT_EQ(after.decision(), "admitted") << after.all_text();
  EXPECT_TRUE(after.shows("Sprache und Bildung")) << "the workshop on the ticket";

  const store::KioskStore kiosk(store);
  ASSERT_EQ(kiosk.counts().events, 1) << "the admission is stored";
  EXPECT_EQ(kiosk.events()[0].venue, "altes-rathaus");
  EXPECT_EQ(store::load_enrolled_venue(kiosk), "altes-rathaus");
}

}  // namespace
}  // namespace einlass::ui::testing
