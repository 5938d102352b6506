// Check-in speed on a full store: how long a participant waits at the door between the scan and
// the result on screen, on a kiosk that already holds a large roster and a long event log. Each
// check-in goes the real way — verify the ticket, decide inside the write transaction, append
// the event and its outbox row, COMMIT with WAL + synchronous=FULL — so the figure includes the
// fsync, which depends on the disk: the store's folder and file system are printed with it.
// Figures only, no assertions on time; --smoke runs tiny sizes so CTest keeps it working.
#include <sys/statfs.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/event_config.hpp"
#include "kiosk/core/room_assignment.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_issue.hpp"
#include "kiosk/core/uuid.hpp"
#include "kiosk/store/checkin_recorder.hpp"

namespace {

namespace fs = std::filesystem;
using namespace einlass;
using Clock = std::chrono::steady_clock;

constexpr long kTmpfsMagic = 0x01021994;

struct Sizes {
  uint32_t roster;
  size_t prefilled_events;
  size_t checkins;
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Thread CPU time next to wall time: on a busy machine (a build running, other benchmarks) the
// wall figures include waiting for a core; CPU time shows what the check-in itself costs.
double cpu_ms() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Samples {
  std::vector<double> wall, cpu;
  template <typename Fn>
  auto time(Fn fn) {
    const double cpu_start = cpu_ms();
    const auto start = Clock::now();
    auto result = fn();
    wall.push_back(ms_since(start));
    cpu.push_back(cpu_ms() - cpu_start);
    return result;
  }
};

struct Figures {
  double median = 0, p90 = 0, p99 = 0, max = 0;
};

Figures summarise(std::vector<double> values) {
  Figures f;
  if (values.empty()) return f;
  std::sort(values.begin(), values.end());
  auto at = [&](double q) {
    return values[std::min(values.size() - 1, static_cast<size_t>(q * values.size()))];
  };
  f.median = at(0.5);
  f.p90 = at(0.9);
  f.p99 = at(0.99);
  f.max = values.back();
  return f;
}

void print_row(const char* what, const std::vector<double>& values, double scale = 1) {
  const Figures f = summarise(values);
  std::printf("%-36s %6zu %9.3f %9.3f %9.3f %9.3f\n", what, values.size(), f.median * scale,
              f.p90 * scale, f.p99 * scale, f.max * scale);
}

void print_rows(const std::string& what, const Samples& s, const char* unit = "ms",
                double scale = 1) {
  print_row((what + ", wall (" + unit + ")").c_str(), s.wall, scale);
  print_row((what + ", CPU (" + unit + ")").c_str(), s.cpu, scale);
}

// fsync cost is what the figure is about: never measure on tmpfs, where it is free.
fs::path bench_dir(const char* argv0) {
  struct statfs tmp {};
  const bool tmp_in_memory = ::statfs("/tmp", &tmp) == 0 && tmp.f_type == kTmpfsMagic;
  const fs::path base = tmp_in_memory ? fs::absolute(argv0).parent_path() : fs::path("/tmp");
  fs::path dir = base / ("einlass-checkin-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

uintmax_t store_bytes(const fs::path& file) {
  uintmax_t total = 0;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    const auto size = fs::file_size(file.string() + suffix, ec);
    if (!ec) total += size;
  }
  return total;
}

// The venue's roster with the topics the organiser's bulk assignment placed. Far more people
// than seats means most get no room from the organiser: the kiosk picks theirs.
std::vector<core::RosterEntry> make_roster(const core::Event& event, size_t venue, uint32_t n) {
  std::vector<core::AssignmentRequest> requests;
  for (uint32_t i = 1; i <= n; ++i)
    requests.push_back(
        {"", {"HF" + std::to_string(1 + i % 8), "HF" + std::to_string(1 + (i + 3) % 8)}});
  const auto placed = core::assign_rooms_bulk(event, event.venues[venue], requests);
  std::vector<core::RosterEntry> roster;
  for (uint32_t i = 1; i <= n; ++i) {
    core::RosterEntry r;
    r.registration_id = i;
    r.participant_id = core::participant_id_for_registration(i);
    r.first_name = "Vorname" + std::to_string(i);
    r.last_name = "Nachname" + std::to_string(i);
    r.organisation = "Organisation " + std::to_string(i % 700);
    r.venue = event.venues[venue].id;
    r.day = event.venues[venue].days[0].date;
    r.round_topics = placed.round_topics[i - 1];
    roster.push_back(std::move(r));
  }
  return roster;
}

// What three other kiosks at the door recorded earlier for registrations first .. first +
// people - 1: entries, then room-door entries.
std::vector<core::CheckinEvent> remote_history(const core::Event& event, size_t venue, size_t count,
                                               uint32_t first, uint32_t people, int64_t start_ms) {
  const core::Venue& v = event.venues[venue];
  std::vector<core::CheckinEvent> events;
  for (size_t i = 0; i < count; ++i) {
    const uint32_t person = first + static_cast<uint32_t>(i % people);
    const int pass = static_cast<int>(i / people);  // 0: entry, 1..: room doors
    const int64_t ms = start_ms + static_cast<int64_t>(i) * 20;
    core::CheckinEvent e;
    e.uuid = core::new_uuid_v7(ms);
    e.participant = core::participant_id_for_registration(person);
    e.venue = v.id;
    e.day = v.days[0].date;
    e.device = "kiosk-remote" + std::to_string(i % 3);
    e.wall_ms = ms;
    e.hlc = {ms, 0};
    const std::string& room = v.rooms[person % v.rooms.size()].id;
    if (pass == 0) {
      e.kind = core::EventKind::Entry;
      e.rooms = {room, v.rooms[(person + 3) % v.rooms.size()].id};
      e.rooms_assigned_here = {person % 20 == 0, false};
    } else {
      e.kind = core::EventKind::RoomEntry;
      e.round = 1 + (pass - 1) % static_cast<int>(event.rounds.size());
      e.room = room;
    }
    events.push_back(std::move(e));
  }
  return events;
}

bool run_bench(const Sizes& sizes, const fs::path& dir, bool smoke) {
  const core::Event event = core::load_event_config(app::default_event_file());
  const size_t venue = *core::venue_index(event, "magdeburg");
  const core::TimePoint opening = app::parse_time_option("2019-09-12T15:10", event.timezone);
  const int64_t opening_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(opening.time_since_epoch()).count();
  const core::KeyPair key = core::make_key_pair();
  core::Keyring keyring;
  keyring.add(key.public_key);

  const fs::path file = dir / "kiosk.sqlite";
  store::KioskStore store(file);

  auto start = Clock::now();
  const auto roster = make_roster(event, venue, sizes.roster);
  const double assign_ms = ms_since(start);
  start = Clock::now();
  store.upsert_roster(roster);
  const double upsert_ms = ms_since(start);
  // Registrations 1 .. checkins come now (the organiser placed the first ones in rooms, so
  // both paths are measured); everyone after them has already arrived at some door.
  const auto fresh = static_cast<uint32_t>(sizes.checkins);
  start = Clock::now();
  store.merge_remote(remote_history(event, venue, sizes.prefilled_events, fresh + 1,
                                    sizes.roster - fresh, opening_ms - 3'600'000),
                     opening_ms);
  const double merge_ms = ms_since(start);

  std::vector<std::string> codes;
  std::vector<bool> open_round;
  for (uint32_t id = 1; id <= fresh; ++id) {
    const auto& topics = roster[id - 1].round_topics;
    open_round.push_back(std::count(topics.begin(), topics.end(), "") > 0);
    const core::TicketRequest request{id, 0, venue, 0, topics, 1'560'000'000};
    codes.push_back(core::encode_ticket(core::ticket_payload_for(event, request), key.secret));
  }

  core::KioskSetting setting;
  setting.event = &event;
  setting.venue_index = venue;
  setting.keyring = &keyring;
  setting.event_tag = core::event_tag_for(event.id);
  store::CheckinRecorder recorder(store, setting);

  // Verification alone, as a kiosk does for every frame with a code in it.
  Samples verify;
  const int64_t now_unix = opening_ms / 1000;
  size_t valid = 0;
  for (const std::string& code : codes) {
    valid += verify.time([&] {
      return core::verify_ticket(code, keyring, setting.event_tag, now_unix).verdict ==
             core::TicketVerdict::Valid;
    });
  }

  Samples all, placed, picked, repeat;
  size_t admitted = 0, repeats = 0;
  core::TimePoint now = opening;
  for (size_t i = 0; i < codes.size(); ++i) {
    now += std::chrono::seconds(1);
    Samples& kind = open_round[i] ? picked : placed;
    const size_t before = kind.wall.size();
    admitted += kind.time([&] { return recorder.check_in_code(codes[i], now).admitted(); });
    all.wall.push_back(kind.wall[before]);
    all.cpu.push_back(kind.cpu[before]);
  }
  for (const std::string& code : codes) {
    now += std::chrono::seconds(1);
    repeats += repeat.time([&] {
      return recorder.check_in_code(code, now).kind == core::DecisionKind::AlreadyCheckedIn;
    });
  }

  struct statfs fsinfo {};
  ::statfs(dir.c_str(), &fsinfo);
  double load[3] = {0, 0, 0};
  ::getloadavg(load, 3);
  const auto counts = store.counts();
  std::printf("check-in on a full store%s\n", smoke ? " (smoke run)" : "");
  std::printf("store: %s (filesystem type 0x%lx%s), %.1f MB, %lld events, %lld roster\n",
              file.c_str(), static_cast<unsigned long>(fsinfo.f_type),
              fsinfo.f_type == kTmpfsMagic ? ", tmpfs: fsync is free!" : "",
              static_cast<double>(store_bytes(file)) / 1e6, static_cast<long long>(counts.events),
              static_cast<long long>(counts.roster));
  std::printf(
      "setup: assign_rooms_bulk %.0f ms, upsert_roster %.0f ms, merge_remote of %zu "
      "events %.0f ms; load average %.1f\n",
      assign_ms, upsert_ms, sizes.prefilled_events, merge_ms, load[0]);
  std::printf("%-36s %6s %9s %9s %9s %9s\n", "", "n", "median", "p90", "p99", "max");
  print_rows("admitted", all);
  print_rows("  rooms on the ticket", placed);
  print_rows("  kiosk picks a room", picked);
  print_rows("already checked in", repeat);
  print_rows("verify_ticket alone", verify, "us", 1000);
  std::printf("targets: p99 <= 5 ms per check-in, verify <= 200 us\n");

  // Behaviour, not speed: every fresh ticket admitted once, every repeat recognised.
  const bool ok = valid == codes.size() && admitted == codes.size() && repeats == codes.size();
  if (!ok) std::printf("WRONG: %zu valid, %zu admitted, %zu repeats\n", valid, admitted, repeats);
  return ok;
}

}  // namespace

// checkin_bench [--smoke] [--keep]; --keep leaves the store for EXPLAIN QUERY PLAN by hand.
int main(int argc, char** argv) {
  bool smoke = false, keep = false;
  for (int i = 1; i < argc; ++i) {
    smoke = smoke || std::strcmp(argv[i], "--smoke") == 0;
    keep = keep || std::strcmp(argv[i], "--keep") == 0;
  }
  const Sizes sizes = smoke ? Sizes{500, 1000, 50} : Sizes{50000, 100000, 2000};
  const fs::path dir = bench_dir(argv[0]);
  const bool ok = run_bench(sizes, dir, smoke);
  if (!keep) fs::remove_all(dir);
  return ok ? 0 : 1;
}
