// `einlass-kiosk demo`: a guided tour for a new user, on the bundled 2019 event. It creates
// keys, a small roster and tickets in a demo folder (demo_world.cpp). By default it then opens
// the kiosk window on that world with the clock inside the Magdeburg afternoon and prints codes
// to try; with --headless it plays the afternoon through the real check-in path (rules, store,
// COMMIT) in the terminal and prints each decision.

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/app/decision_text.hpp"
#include "kiosk/app/demo_command.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/store/checkin_recorder.hpp"

namespace einlass::app {

namespace {

namespace fs = std::filesystem;

std::string self_path() {
  std::error_code no_exe;
  const fs::path self = fs::read_symlink("/proc/self/exe", no_exe);
  return no_exe ? "einlass-kiosk" : self.string();
}

// The demo runs on its own folder's store and the bundled event: never on this laptop's
// enrolment (the default store), whose venue or event may be another.
KioskOptions demo_kiosk_options(const KioskOptions& options, const fs::path& dir) {
  KioskOptions demo = options;
  if (demo.venue.empty()) demo.venue = kDemoVenue;
  if (demo.event_file.empty()) demo.event_file = default_event_file().string();
  DemoWorld world;
  world.dir = dir;
  demo.store_file = world.store_file().string();
  return demo;
}

// What a new user in front of the window needs: which codes to type, paste or scan, and the PIN.
void print_window_guide(const KioskSetup& setup, const DemoWorld& world) {
  const core::Venue& venue = setup.event.venues[setup.venue_index];
  std::cout << "Einlass-Demo — " << setup.event.name << "\n"
            << venue.name << ", " << venue.city << " — " << venue.days[setup.day_index].date
            << "\nDemo-Dateien (demo files): " << world.dir.string() << "\n\n"
            << "Codes zum Ausprobieren (paste with Ctrl+V into the kiosk window, or type, then "
               "Enter; or hold a ticket PNG to the camera):\n";
  auto line = [&](const char* handle, const char* what) {
    const auto it = world.codes.find(handle);
    if (it == world.codes.end()) return;
    std::cout << "  " << what << "\n    " << it->second << "\n";
  };
  line("anna", "Anna Müller – angemeldet (admitted; scan twice: already checked in)");
  line("juergen", "Jürgen Weiß – ein Handlungsfeld, der Kiosk wählt Runde 2");
  line("fatima", "Fatima Haddad – Code der Landes-Anmeldeseite (short, easy to type)");
  line("aylin", "Aylin Yılmaz – für Dessau angemeldet (wrong venue)");
  line("grzegorz", "Grzegorz Kowalski – abgesagt (cancelled)");
  line("altered", "ein verändertes Ticket (invalid)");
  std::cout << "  Ticket-Bilder (QR images): " << (world.dir / "ticket-anna.png").string()
            << ", ticket-juergen.png, ticket-katarzyna.png\n"
            << "  Alle Codes (all codes): " << (world.dir / "codes.json").string() << "\n\n"
            << "Personal-PIN (staff PIN): " << world.pin
            << "   — Knopf „Personal“ unten rechts; Escape oder Fenster schließen fragt die PIN.\n"
            << std::endl;
}

int run_window_demo(const KioskOptions& options, const GuiOptions& gui, const fs::path& dir,
                    const DemoWindowRunner& window) {
  KioskOptions demo = demo_kiosk_options(options, dir);
  if (demo.now.empty()) demo.now = kDemoNow;
  const KioskSetup setup = make_kiosk_setup(demo);
  const DemoWorld world = prepare_demo_world(setup, dir);
  demo.store_file = world.store_file().string();
  demo.public_keys = {world.keys_dir().string()};
  GuiOptions window_options = gui;
  if (window_options.windowed.empty()) window_options.windowed = "1280x800";
  if (window_options.camera == "auto" && !window_options.script.empty())
    window_options.camera = "none";  // scripted runs are repeatable: no live camera
  if (window_options.script.empty()) print_window_guide(setup, world);
  return window(demo, window_options, world);
}

}  // namespace

int run_headless_demo(const KioskOptions& options, const fs::path& dir) {
  KioskSetup setup = make_kiosk_setup(demo_kiosk_options(options, dir));
  const DemoWorld world = prepare_demo_world(setup, dir);
  setup.keyring = core::load_keyring_folder(world.keys_dir());
  const core::Event& event = setup.event;
  const core::Venue& venue = event.venues[setup.venue_index];
  const std::string date = venue.days[setup.day_index].date;

  store::KioskStore store(world.store_file());
  store::CheckinRecorder recorder(store, setup.setting());
  auto at = [&](const std::string& hhmm) {
    return parse_time_option(date + "T" + hhmm, event.timezone);
  };
  auto code = [&](const char* handle) { return world.codes.at(handle); };

  std::cout << "Einlass demo — " << event.name << "\n"
            << venue.name << ", " << venue.street << ", " << venue.postcode << " " << venue.city
            << " — " << date << "\n"
            << "Demo files: " << dir.string() << "\n\n";

  auto show = [&](const std::string& hhmm, const std::string& what, const core::Decision& d) {
    std::cout << hhmm << "  " << what << "\n      " << decision_text(d, event) << "\n\n";
  };

  show("13:30", "Anna Müller kommt zu früh", recorder.check_in_code(code("anna"), at("13:30")));
  show("15:10", "Anna Müller hält ihr Ticket an die Kamera",
       recorder.check_in_code(code("anna"), at("15:10")));
  show("15:11", "Jürgen Weiß (nur ein Handlungsfeld gewählt)",
       recorder.check_in_code(code("juergen"), at("15:11")));
  show("15:12", "Anna Müller scannt noch einmal",
       recorder.check_in_code(code("anna"), at("15:12")));
  show("15:13", "Aylin Yılmaz ist für Dessau angemeldet",
       recorder.check_in_code(code("aylin"), at("15:13")));
  show("15:14", "Grzegorz Kowalski hat abgesagt",
       recorder.check_in_code(code("grzegorz"), at("15:14")));
  show("15:15", "Fatima Haddad zeigt den Code der Landes-Anmeldeseite",
       recorder.check_in_code(code("fatima"), at("15:15")));
  show("15:16", "Ein verändertes Ticket", recorder.check_in_code(code("altered"), at("15:16")));
  show("15:17", "Ein Ticket mit fremdem Schlüssel",
       recorder.check_in_code(code("foreign-key"), at("15:17")));
  show("15:18", "Ein beliebiger QR-Code (eine Web-Adresse)",
       recorder.check_in_code(code("web-address"), at("15:18")));
  core::RosterEntry walk_in;
  walk_in.first_name = "Maximilian";
  walk_in.last_name = "Groß";
  walk_in.organisation = "Volkshochschule Magdeburg";
  walk_in.unplaced_topics = {"HF5"};
  show("15:20", "Empfang: Maximilian Groß kommt ohne Anmeldung (Wunsch HF 5)",
       recorder.register_walk_in(walk_in, at("15:20")));
  show("19:30", "Jemand kommt nach Schluss", recorder.check_in_code(code("anna"), at("19:30")));

  const store::StoreCounts c = store.counts();
  const std::string exe = self_path();
  std::cout << "Stand: " << c.checked_in << " eingecheckt, " << c.events
            << " Ereignisse gespeichert, " << c.outbox_waiting << " warten auf den Abgleich.\n\n"
            << "Selbst ausprobieren (Try it yourself) – Katarzyna Nowaks Ticket:\n"
            << "  " << exe << " checkin --store " << world.store_file().string() << " --public-key "
            << world.keys_dir().string() << " --venue " << venue.id << " --now " << date
            << "T15:30 \\\n    " << code("katarzyna") << "\n"
            << "  " << exe << " decode --public-key " << world.keys_dir().string() << " --now "
            << date << "T15:30 " << (dir / "ticket-anna.png").string() << "\n"
            << "  " << exe << " status --store " << world.store_file().string() << " --venue "
            << venue.id << "\n"
            << "  " << exe << " demo            (the same world in the kiosk window)\n";
  return kExitOk;
}

CommandRunner add_demo_command(CLI::App& app, DemoWindowRunner window) {
  auto options = std::make_shared<KioskOptions>();
  auto gui = std::make_shared<GuiOptions>();
  auto dir = std::make_shared<std::string>();
  auto headless = std::make_shared<bool>(!window);
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "the kiosk window on the bundled 2019 event with demo tickets and the clock inside the "
      "Magdeburg afternoon (--headless: a guided tour in the terminal)");
  cmd->add_option("--event", options->event_file, "event config; default: the bundled one");
  cmd->add_option("--dir", *dir, "demo folder (recreated); default: ./einlass-demo");
  cmd->add_option("--now", options->now,
                  std::string("start the clock here (venue time); default: ") + kDemoNow);
  cmd->add_option("--room", options->room, "room-door mode for this room id");
  cmd->add_flag("--headless", *headless, "play the guided tour in the terminal instead");
  if (window) add_gui_options(*cmd, *gui);
  return [options, gui, dir, headless, window]() -> int {
    const fs::path folder = dir->empty() ? fs::path("einlass-demo") : fs::path(*dir);
    if (*headless || !window) return run_headless_demo(*options, folder);
    return run_window_demo(*options, *gui, folder, window);
  };
}

CommandRunner add_demo_command(CLI::App& app) {
  return add_demo_command(app, nullptr);
}

}  // namespace einlass::app
