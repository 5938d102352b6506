// The kiosk window's figures, measured on the real einlass-kiosk under Xvfb (Mesa software
// OpenGL): CPU used while idling on the welcome screen (the clock showing minutes) and while a
// seconds countdown runs; scan-to-result latency (a scan handed to the UI until the frame that
// shows its result has been presented); cold start to the first frame with 50,000 participants
// in the store. Figures only, no assertions on time. --smoke runs short and small so CTest
// keeps the program working. The kiosk binary is found next to this one's build folder, or via
// EINLASS_KIOSK.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/app/demo_world.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_issue.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "tests/support/child_process.hpp"
#include "tests/ui/virtual_display.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using einlass::ui::testing::VirtualDisplay;

fs::path kiosk_binary() {
  if (const char* env = std::getenv("EINLASS_KIOSK"); env && *env) return env;
  return fs::read_symlink("/proc/self/exe").parent_path().parent_path().parent_path() / "kiosk" /
         "einlass-kiosk";
}

double cpu_seconds_of(pid_t pid) {
  const std::string stat = einlass::testing::read_file("/proc/" + std::to_string(pid) + "/stat");
  // Fields after the command name (which may contain spaces) start after the last ')'.
  std::istringstream rest(stat.substr(stat.rfind(')') + 2));
  std::string field;
  long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoll(field);
    if (i == 15) stime = std::stoll(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

struct Run {
  int exit_code = -1;
  std::string out;
  double wall_ms = 0;
};

Run run_kiosk(const VirtualDisplay& display, const std::vector<std::string>& args,
              const fs::path& dir) {
  std::vector<std::string> words{kiosk_binary().string()};
  words.insert(words.end(), args.begin(), args.end());
  const auto env = einlass::testing::environment_with({"DISPLAY=" + display.name()});
  const auto start = Clock::now();
  pid_t pid = 0;
  try {
    pid = einlass::testing::spawn(words, {.out = dir / "kiosk.out"}, env);
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    std::exit(2);
  }
  Run r;
  r.exit_code = einlass::testing::wait_for_exit(pid);
  r.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  r.out = einlass::testing::read_file(dir / "kiosk.out");
  return r;
}

nlohmann::json last_json_line(const std::string& out) {
  std::istringstream in(out);
  nlohmann::json last;
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded()) last = j;
  }
  return last;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// The demo world, grown to `participants` registrations at Magdeburg (half of them checked in),
// plus a codes file of tickets not yet used, for the latency run.
struct World {
  einlass::app::DemoWorld demo;
  fs::path codes;
};

World make_world(const fs::path& dir, int participants, int codes) {
  using namespace einlass;
  app::KioskOptions options;
  options.venue = app::kDemoVenue;
  options.now = app::kDemoNow;
  app::KioskSetup setup = app::make_kiosk_setup(options);
  World w{app::prepare_demo_world(setup, dir / "world"), dir / "codes.txt"};
  const core::SecretKey key = core::load_secret_key(w.demo.keys_dir() / "demo.secret");
  const core::Event& event = setup.event;
  store::KioskStore store(w.demo.store_file());
  std::vector<core::RosterEntry> roster;
  std::ofstream code_file(w.codes);
  static const char* kFirst[] = {"Anna", "Jürgen", "Özlem", "Łukasz", "Marie", "Ahmad", "Katrin"};
  static const char* kLast[] = {"Müller", "Schröder", "Weiß", "Nowak", "Yılmaz", "Groß", "Krüger"};
  for (int i = 0; i < participants; ++i) {
    const uint32_t registration = 100000 + static_cast<uint32_t>(i);
    core::RosterEntry r;
    r.participant_id = core::participant_id_for_registration(registration);
    r.registration_id = registration;
    r.first_name = kFirst[i % 7];
    r.last_name = std::string(kLast[(i / 7) % 7]) + " " + std::to_string(i);
    r.organisation = "Organisation " + std::to_string(i % 500);
    r.venue = app::kDemoVenue;
    r.round_topics = {"HF" + std::to_string(1 + i % 8), "HF" + std::to_string(1 + (i + 3) % 8)};
    roster.push_back(r);
    if (i >= participants - codes) {
      const core::TicketRequest request{registration, 0, setup.venue_index, 0, r.round_topics,
                                        1'560'000'000};
      code_file << core::encode_ticket(core::ticket_payload_for(event, request), key) << "\n";
    }
  }
  store.upsert_roster(roster);
  // Half of them already in: the afternoon is well under way.
  einlass::store::Transaction tx(store.db());
  const int64_t now_ms = 1568294400000;  // 2019-09-12 15:20 CEST
  for (int i = 0; i < participants / 2; ++i) {
    core::CheckinEvent e;
    e.kind = core::EventKind::Entry;
    e.participant = roster[static_cast<std::size_t>(i)].participant_id;
    e.venue = app::kDemoVenue;
    e.day = "2019-09-12";
    e.rooms = {"mag-hf" + std::to_string(1 + i % 8), "mag-hf" + std::to_string(1 + (i + 3) % 8)};
    e.rooms_assigned_here = {false, false};
    store.append(tx, e, now_ms + i);
  }
  tx.commit();
  return w;
}

std::vector<std::string> kiosk_args(const World& w, const std::string& now) {
  return {"run",
          "--store",
          w.demo.store_file().string(),
          "--public-key",
          w.demo.keys_dir().string(),
          "--venue",
          einlass::app::kDemoVenue,
          "--now",
          now,
          "--windowed",
          "1280x800",
          "--camera",
          "none"};
}

void idle_figure(const VirtualDisplay& display, const World& w, const fs::path& dir,
                 const char* what, const std::string& now, int seconds) {
  std::vector<std::string> args = kiosk_args(w, now);
  args.insert(args.end(), {"--exit-after-seconds", std::to_string(seconds)});
  const double x_before = cpu_seconds_of(display.pid());
  const Run r = run_kiosk(display, args, dir);
  const double x_cpu = cpu_seconds_of(display.pid()) - x_before;
  const nlohmann::json j = last_json_line(r.out);
  if (r.exit_code != 0 || j.is_null()) {
    std::printf("%-44s failed (exit %d)\n", what, r.exit_code);
    return;
  }
  const double secs = j["seconds"].get<double>();
  std::printf(
      "%-44s %6.2f %% of a core (kiosk), %5.2f %% (X server); %llu frames built, "
      "%llu drawn in %.0f s\n",
      what, 100 * j["cpu_seconds"].get<double>() / secs, 100 * x_cpu / secs,
      static_cast<unsigned long long>(j["frames_built"].get<uint64_t>()),
      static_cast<unsigned long long>(j["frames_drawn"].get<uint64_t>()), secs);
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  const int participants = smoke ? 2000 : 50000;
  const int scans = smoke ? 10 : 300;
  const int idle_seconds = smoke ? 3 : 60;
  const int starts = smoke ? 1 : 7;

  std::string pattern = (fs::temp_directory_path() / "einlass-ui-bench-XXXXXX").string();
  const fs::path dir = ::mkdtemp(pattern.data());
  VirtualDisplay display;
  std::printf("kiosk window under Xvfb %s (Mesa software OpenGL), 1280x800, %d participants\n",
              display.name().c_str(), participants);
  const auto prepared = Clock::now();
  const World world = make_world(dir, participants, scans);
  std::printf("%-44s %8.0f ms\n", "store prepared in",
              std::chrono::duration<double, std::milli>(Clock::now() - prepared).count());

  // Cold start: process start to the first presented frame, store already on disk.
  std::vector<double> internal, external;
  for (int i = 0; i < starts; ++i) {
    std::vector<std::string> args = kiosk_args(world, einlass::app::kDemoNow);
    args.push_back("--exit-after-first-frame");
    const Run r = run_kiosk(display, args, dir);
    const nlohmann::json j = last_json_line(r.out);
    if (r.exit_code != 0 || j.is_null()) {
      std::printf("cold start failed (exit %d): %s\n", r.exit_code, r.out.c_str());
      return 1;
    }
    internal.push_back(j["first_frame_ms"].get<double>());
    external.push_back(r.wall_ms);
  }
  std::printf(
      "%-44s %8.1f ms median (program loaded to frame presented), %.1f ms spawn to "
      "exit\n",
      "cold start to first frame", percentile(internal, 0.5), percentile(external, 0.5));

  // Scan to result frame: the benchmark thread hands codes to the UI like the camera worker.
  {
    std::vector<std::string> args = kiosk_args(world, einlass::app::kDemoNow);
    args.insert(args.end(), {"--bench-scans", world.codes.string(), "--bench-scan-interval-ms",
                             smoke ? "100" : "150"});
    const Run r = run_kiosk(display, args, dir);
    const nlohmann::json j = last_json_line(r.out);
    if (r.exit_code != 0 || j.is_null()) {
      std::printf("latency run failed (exit %d)\n", r.exit_code);
      return 1;
    }
    const std::vector<double> ms = j["latencies_ms"].get<std::vector<double>>();
    std::printf("%-44s %8.1f ms median, %.1f ms p99, %.1f ms max (%zu scans, each a COMMIT)\n",
                "scan handed to UI -> result frame presented", percentile(ms, 0.5),
                percentile(ms, 0.99), percentile(ms, 1.0), ms.size());
  }

  // Idle: 15:20 shows minutes (next item in 15 min); 15:40 counts seconds down to 15:45.
  idle_figure(display, world, dir, "idle on the welcome (clock in minutes)", "2019-09-12T15:20",
              idle_seconds);
  idle_figure(display, world, dir, "idle while the countdown runs (seconds)", "2019-09-12T15:40",
              idle_seconds);

  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return 0;
}
