#pragma once
// The demo's world, shared by the headless tour (`einlass-kiosk demo --headless`) and the
// windowed kiosk demo (`einlass-kiosk demo`): a fresh folder with a ticket key pair, this
// venue's roster of a few invented people, their signed tickets (codes and QR images), a few
// codes that show the problem screens, and a staff PIN.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "kiosk/app/kiosk_setup.hpp"

namespace einlass::app {

struct DemoPerson {
  std::string handle;  // short name for scripts and the printed list: "anna"
  uint32_t registration;
  std::string first, last, organisation, venue;
  std::vector<std::string> topics;
  bool cancelled = false;
  std::string opaque_code;  // registered through another system: no signed ticket
  uint8_t serial = 0;       // > 0: the ticket was re-issued; the older code is "<handle>-old"
};

const std::vector<DemoPerson>& demo_people();

inline constexpr const char* kDemoStaffPin = "2019";
inline constexpr const char* kDemoVenue = "magdeburg";
// Inside the Magdeburg afternoon: the welcome is running, round 1 starts at 15:45.
inline constexpr const char* kDemoNow = "2019-09-12T15:20";

struct DemoWorld {
  std::filesystem::path dir;
  std::filesystem::path store_file() const { return dir / "kiosk.sqlite"; }
  std::filesystem::path keys_dir() const { return dir / "keys"; }
  // Code by handle: every person ("anna", …; the opaque one's printed code for "fatima"), and
  // "altered" (Anna's ticket with one character changed), "foreign-key" (signed with a key the
  // kiosk does not trust), "web-address" (any QR code), "lena-old" (a replaced ticket) and, when
  // the venue has a second day, "anna-other-day".
  std::map<std::string, std::string> codes;
  std::string pin = kDemoStaffPin;
};

// Recreates `dir` and fills it; the roster holds only people of the setup's venue.
DemoWorld prepare_demo_world(const KioskSetup& setup, const std::filesystem::path& dir);

// The guided headless tour printed by `einlass-kiosk demo --headless`.
int run_headless_demo(const KioskOptions& options, const std::filesystem::path& dir);

}  // namespace einlass::app
