#include "kiosk/app/demo_world.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "kiosk/app/staff_pin.hpp"
#include "kiosk/core/room_assignment.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_issue.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/scan/qr_render.hpp"
#include "kiosk/store/kiosk_store.hpp"

namespace einlass::app {

namespace fs = std::filesystem;

const std::vector<DemoPerson>& demo_people() {
  // handle, registration, first, last, organisation, venue, topics, cancelled, opaque code,
  // ticket serial
  static const std::vector<DemoPerson> people{
      {"anna",
       1001,
       "Anna",
       "Müller",
       "Landeshauptstadt Magdeburg",
       "magdeburg",
       {"HF1", "HF4"},
       false,
       "",
       0},
      {"juergen",
       1002,
       "Jürgen",
       "Weiß",
       "Caritasverband für das Bistum Magdeburg",
       "magdeburg",
       {"HF8"},
       false,
       "",
       0},
      {"aylin",
       1003,
       "Aylin",
       "Yılmaz",
       "Multikulturelles Zentrum Dessau",
       "dessau",
       {"HF2", "HF3"},
       false,
       "",
       0},
      {"grzegorz",
       1004,
       "Grzegorz",
       "Kowalski",
       "Landkreis Börde",
       "magdeburg",
       {"HF5"},
       true,
       "",
       0},
      {"fatima",
       1005,
       "Fatima",
       "Haddad",
       "Netzwerk Integration Magdeburg",
       "magdeburg",
       {"HF6", "HF7"},
       false,
       "LIK-2019-004711",
       0},
      {"katarzyna",
       1006,
       "Katarzyna",
       "Nowak",
       "Volkssolidarität Magdeburg",
       "magdeburg",
       {"HF3", "HF2"},
       false,
       "",
       0},
      {"ole", 1007, "Ole", "Petersen", "Jobcenter Magdeburg", "magdeburg", {"HF8"}, false, "", 0},
      {"lena",
       1008,
       "Lena",
       "Schröder",
       "Stadtbibliothek Magdeburg",
       "magdeburg",
       {"HF4", "HF5"},
       false,
       "",
       1},
  };
  return people;
}

DemoWorld prepare_demo_world(const KioskSetup& setup, const fs::path& dir) {
  DemoWorld world;
  world.dir = dir;
  fs::remove_all(dir);
  fs::create_directories(world.keys_dir());
  core::generate_key_pair(world.keys_dir(), "demo");
  const core::SecretKey key = core::load_secret_key(world.keys_dir() / "demo.secret");
  const core::Event& event = setup.event;
  const core::Venue& here = event.venues[setup.venue_index];
  constexpr int64_t kIssued = 1'560'000'000;  // June 2019

  store::KioskStore store(world.store_file());
  std::vector<core::RosterEntry> roster;
  for (const DemoPerson& p : demo_people()) {
    const auto venue = core::venue_index(event, p.venue);
    if (!venue) continue;  // an event without this venue: the person is not part of it
    const auto placed =
        core::assign_rooms_bulk(event, event.venues[*venue], {{"", p.topics}}).round_topics[0];
    auto ticket = [&](uint8_t serial, std::optional<size_t> day) {
      const core::TicketRequest request{p.registration, serial, *venue, day, placed, kIssued};
      return core::encode_ticket(core::ticket_payload_for(event, request), key);
    };
    world.codes[p.handle] = p.opaque_code.empty() ? ticket(p.serial, 0) : p.opaque_code;
    if (p.serial > 0) world.codes[p.handle + "-old"] = ticket(p.serial - 1, 0);
    if (p.handle == "anna" && event.venues[*venue].days.size() > 1)
      world.codes["anna-other-day"] = ticket(0, 1);

    core::RosterEntry r;
    r.participant_id = core::participant_id_for_registration(p.registration);
    r.registration_id = p.registration;
    r.ticket_serial = p.serial;
    r.first_name = p.first;
    r.last_name = p.last;
    r.organisation = p.organisation;
    r.venue = p.venue;
    r.round_topics = placed;
    r.cancelled = p.cancelled;
    r.opaque_code = p.opaque_code;
    if (p.venue == here.id) roster.push_back(r);  // this venue's roster only (principle 5)
  }
  store.upsert_roster(roster);

  if (world.codes.count("anna")) {
    std::string altered = world.codes["anna"];
    altered[20] = altered[20] == 'A' ? 'B' : 'A';
    world.codes["altered"] = altered;
    const core::KeyPair stranger = core::make_key_pair();
    const core::TicketRequest request{1001, 0, setup.venue_index, 0, {"HF1", "HF4"}, kIssued};
    world.codes["foreign-key"] =
        core::encode_ticket(core::ticket_payload_for(event, request), stranger.secret);
  }
  world.codes["web-address"] = "https://www.lik-st.de";
  for (const char* handle : {"anna", "juergen", "katarzyna"})
    if (world.codes.count(handle))
      scan::write_qr_png(world.codes[handle], dir / ("ticket-" + std::string(handle) + ".png"));

  StaffPin(store).set(world.pin);
  std::ofstream(dir / "codes.json") << nlohmann::json(world.codes).dump(2) << "\n";
  return world;
}

}  // namespace einlass::app
