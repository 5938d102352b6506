// `einlass-kiosk demo`: a guided tour for a new user, on the bundled 2019 event. It creates
// keys, a small roster and tickets in a demo folder, then plays a conference afternoon in
// Magdeburg through the real check-in path (rules, store, COMMIT) and prints each decision.

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/app/commands.hpp"
#include "kiosk/app/decision_text.hpp"
#include "kiosk/core/room_assignment.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_issue.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/scan/qr_render.hpp"
#include "kiosk/store/checkin_recorder.hpp"

namespace einlass::app {

namespace {

namespace fs = std::filesystem;

struct DemoPerson {
  uint32_t registration;
  std::string first, last, organisation, venue;
  std::vector<std::string> topics;
  bool cancelled = false;
  std::string opaque_code;  // registered through another system: no signed ticket
};

const std::vector<DemoPerson>& demo_people() {
  static const std::vector<DemoPerson> people{
      {1001,
       "Anna",
       "Müller",
       "Landeshauptstadt Magdeburg",
       "magdeburg",
       {"HF1", "HF4"},
       false,
       ""},
      {1002,
       "Jürgen",
       "Weiß",
       "Caritasverband für das Bistum Magdeburg",
       "magdeburg",
       {"HF8"},
       false,
       ""},
      {1003,
       "Aylin",
       "Yılmaz",
       "Multikulturelles Zentrum Dessau",
       "dessau",
       {"HF2", "HF3"},
       false,
       ""},
      {1004, "Grzegorz", "Kowalski", "Landkreis Börde", "magdeburg", {"HF5"}, true, ""},
      {1005,
       "Fatima",
       "Haddad",
       "Netzwerk Integration Magdeburg",
       "magdeburg",
       {"HF6", "HF7"},
       false,
       "LIK-2019-004711"},
      {1006,
       "Katarzyna",
       "Nowak",
       "Volkssolidarität Magdeburg",
       "magdeburg",
       {"HF3", "HF2"},
       false,
       ""},
  };
  return people;
}

struct DemoWorld {
  fs::path dir;
  std::vector<std::string> codes;  // signed code per demo person ("" for the opaque one)
  std::string foreign_key_code;    // signed with a key the kiosk does not trust
};

DemoWorld prepare(const KioskSetup& setup, const fs::path& dir) {
  DemoWorld world{dir, {}, {}};
  fs::remove_all(dir);
  fs::create_directories(dir / "keys");
  core::generate_key_pair(dir / "keys", "demo");
  const core::SecretKey key = core::load_secret_key(dir / "keys" / "demo.secret");
  const core::Event& event = setup.event;

  store::KioskStore store(dir / "kiosk.sqlite");
  std::vector<core::RosterEntry> roster;
  for (const DemoPerson& p : demo_people()) {
    const size_t venue = *core::venue_index(event, p.venue);
    const auto placed =
        core::assign_rooms_bulk(event, event.venues[venue], {{"", p.topics}}).round_topics[0];
    core::TicketRequest request{p.registration, 0, venue, 0, placed, 1'560'000'000};
    world.codes.push_back(p.opaque_code.empty()
                              ? core::encode_ticket(core::ticket_payload_for(event, request), key)
                              : "");
    core::RosterEntry r;
    r.participant_id = core::participant_id_for_registration(p.registration);
    r.registration_id = p.registration;
    r.first_name = p.first;
    r.last_name = p.last;
    r.organisation = p.organisation;
    r.venue = p.venue;
    r.round_topics = placed;
    r.cancelled = p.cancelled;
    r.opaque_code = p.opaque_code;
    if (p.venue == event.venues[setup.venue_index].id) roster.push_back(r);  // venue roster only
  }
  store.upsert_roster(roster);

  const core::KeyPair stranger = core::make_key_pair();
  core::TicketRequest request{1001, 0, setup.venue_index, 0, {"HF1", "HF4"}, 1'560'000'000};
  world.foreign_key_code =
      core::encode_ticket(core::ticket_payload_for(event, request), stranger.secret);
  scan::write_qr_png(world.codes[0], dir / "ticket-anna.png");
  return world;
}

int run_demo(const KioskOptions& options, const fs::path& dir) {
  KioskOptions demo_options = options;
  if (demo_options.venue.empty()) demo_options.venue = "magdeburg";
  KioskSetup setup = make_kiosk_setup(demo_options);
  const DemoWorld world = prepare(setup, dir);
  setup.keyring = core::load_keyring_folder(dir / "keys");
  const core::Event& event = setup.event;
  const core::Venue& venue = event.venues[setup.venue_index];
  const std::string date = venue.days[setup.day_index].date;

  store::KioskStore store(dir / "kiosk.sqlite");
  store::CheckinRecorder recorder(store, setup.setting());
  auto at = [&](const std::string& hhmm) {
    return parse_time_option(date + "T" + hhmm, event.timezone);
  };

  std::cout << "Einlass demo — " << event.name << "\n"
            << venue.name << ", " << venue.street << ", " << venue.postcode << " " << venue.city
            << " — " << date << "\n"
            << "Demo files: " << dir.string() << "\n\n";

  auto show = [&](const std::string& hhmm, const std::string& what, const core::Decision& d) {
    std::cout << hhmm << "  " << what << "\n      " << decision_text(d, event) << "\n\n";
  };
  std::string altered = world.codes[0];
  altered[20] = altered[20] == 'A' ? 'B' : 'A';

  show("13:30", "Anna Müller kommt zu früh", recorder.check_in_code(world.codes[0], at("13:30")));
  show("15:10", "Anna Müller hält ihr Ticket an die Kamera",
       recorder.check_in_code(world.codes[0], at("15:10")));
  show("15:11", "Jürgen Weiß (nur ein Handlungsfeld gewählt)",
       recorder.check_in_code(world.codes[1], at("15:11")));
  show("15:12", "Anna Müller scannt noch einmal",
       recorder.check_in_code(world.codes[0], at("15:12")));
  show("15:13", "Aylin Yılmaz ist für Dessau angemeldet",
       recorder.check_in_code(world.codes[2], at("15:13")));
  show("15:14", "Grzegorz Kowalski hat abgesagt",
       recorder.check_in_code(world.codes[3], at("15:14")));
  show("15:15", "Fatima Haddad zeigt den Code der Landes-Anmeldeseite",
       recorder.check_in_code("LIK-2019-004711", at("15:15")));
  show("15:16", "Ein verändertes Ticket", recorder.check_in_code(altered, at("15:16")));
  show("15:17", "Ein Ticket mit fremdem Schlüssel",
       recorder.check_in_code(world.foreign_key_code, at("15:17")));
  show("15:18", "Ein beliebiger QR-Code (eine Web-Adresse)",
       recorder.check_in_code("https://www.lik-st.de", at("15:18")));
  core::RosterEntry walk_in;
  walk_in.first_name = "Maximilian";
  walk_in.last_name = "Groß";
  walk_in.organisation = "Volkshochschule Magdeburg";
  walk_in.unplaced_topics = {"HF5"};
  show("15:20", "Empfang: Maximilian Groß kommt ohne Anmeldung (Wunsch HF 5)",
       recorder.register_walk_in(walk_in, at("15:20")));
  show("19:30", "Jemand kommt nach Schluss", recorder.check_in_code(world.codes[0], at("19:30")));

  const store::StoreCounts c = store.counts();
  std::error_code no_exe;
  const fs::path self = fs::read_symlink("/proc/self/exe", no_exe);
  const std::string exe = no_exe ? "einlass-kiosk" : self.string();
  std::cout << "Stand: " << c.checked_in << " eingecheckt, " << c.events
            << " Ereignisse gespeichert, " << c.outbox_waiting << " warten auf den Abgleich.\n\n"
            << "Selbst ausprobieren (Try it yourself) – Katarzyna Nowaks Ticket:\n"
            << "  " << exe << " checkin --store " << (dir / "kiosk.sqlite").string()
            << " --public-key " << (dir / "keys").string() << " --venue " << venue.id << " --now "
            << date << "T15:30 \\\n    " << world.codes[5] << "\n"
            << "  " << exe << " decode --public-key " << (dir / "keys").string() << " --now "
            << date << "T15:30 " << (dir / "ticket-anna.png").string() << "\n"
            << "  " << exe << " status --store " << (dir / "kiosk.sqlite").string() << " --venue "
            << venue.id << "\n";
  return kExitOk;
}

}  // namespace

CommandRunner add_demo_command(CLI::App& app) {
  auto options = std::make_shared<KioskOptions>();
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "a guided headless demo on the bundled 2019 event: keys, tickets, check-ins");
  cmd->add_option("--event", options->event_file, "event config; default: the bundled one");
  cmd->add_option("--dir", *dir, "demo folder (recreated); default: ./einlass-demo");
  return [options, dir]() -> int {
    return run_demo(*options, dir->empty() ? fs::path("einlass-demo") : fs::path(*dir));
  };
}

}  // namespace einlass::app
