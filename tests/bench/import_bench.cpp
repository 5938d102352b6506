// Registration import figures (README "Figures"): the real `einlass-server import` on a fresh
// database with a list from the demo generator (50,000 rows), timed as the organiser waits
// for it (process start to exit, fsync included); then a re-import of the same file (every row
// unchanged) and of an updated file (1 % moved venue, 1 % renamed). Medians of several runs,
// each on a fresh database. Figures only, no assertions on time; --smoke runs it small.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "tests/integration/sync_server_process.hpp"

namespace {

using namespace einlass;
using testing::SyncServerWorld;
using testing::fs::path;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// CPU seconds (user + system) of all ended child processes so far.
double children_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Timing {
  std::vector<double> wall, cpu;
};

// Wall seconds the import command takes, start to exit, and its CPU seconds (the machine is
// shared, so wall time includes waiting for a core); aborts the benchmark if it fails. The
// command's summary ("import run 3: 0 added, 1000 changed …") goes to `summary`.
void timed_import(SyncServerWorld& world, const path& file, Timing& timing,
                  std::string* summary = nullptr) {
  const double cpu_before = children_cpu_seconds();
  const auto start = Clock::now();
  const auto run = testing::run_program(
      {EINLASS_SERVER_BINARY, "import", "--db", world.db().string(), file.string()}, world.dir());
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (run.exit_code != 0) {
    std::fprintf(stderr, "import failed: %s\n", run.err.c_str());
    std::exit(1);
  }
  if (summary) *summary = run.out.substr(run.out.find("import run"));
  timing.wall.push_back(seconds);
  timing.cpu.push_back(children_cpu_seconds() - cpu_before);
}

// Every 100th row moves to the next venue, every 100th (offset 50) gets a new last name.
std::string updated_list(const std::string& csv) {
  static const std::vector<std::string> kVenues{"Magdeburg", "Dessau-Roßlau", "Stendal",
                                                "Halle/Saale"};
  std::string out;
  size_t pos = 0;
  for (int line = 0; pos < csv.size(); ++line) {
    size_t end = csv.find("\r\n", pos);
    end = end == std::string::npos ? csv.size() : end + 2;
    std::string row = csv.substr(pos, end - pos);
    pos = end;
    // Notes with line breaks span two physical lines; leave those rows alone.
    if (line > 0 && row.find('"') == std::string::npos) {
      std::vector<std::string> f;
      size_t start = 0;
      for (size_t semi; (semi = row.find(';', start)) != std::string::npos; start = semi + 1)
        f.push_back(row.substr(start, semi - start));
      f.push_back(row.substr(start));
      if (f.size() == 10 && line % 100 == 0) f[5] = kVenues[static_cast<size_t>(line / 100) % 4];
      if (f.size() == 10 && line % 100 == 50) f[2] += "-Neumann";
      row.clear();
      for (size_t i = 0; i < f.size(); ++i)
        row += (i ? ";" : "") + f[i];
    }
    out += row;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  const int rows = smoke ? 500 : 50000;
  const int runs = smoke ? 1 : 5;
  Timing first, same, updated;
  double generate = 0;
  std::string update_summary;
  for (int run = 0; run < runs; ++run) {
    SyncServerWorld world;
    const path csv = world.dir() / "anmeldungen.csv";
    const auto start = Clock::now();
    world.server_cli({"demo-registrations", "--count", std::to_string(rows), "--seed", "2019", "-o",
                      csv.string()});
    generate = std::chrono::duration<double>(Clock::now() - start).count();
    timed_import(world, csv, first);
    timed_import(world, csv, same);
    const path update = world.dir() / "anmeldungen-neu.csv";
    testing::write_file(update, updated_list(testing::read_file(csv)));
    timed_import(world, update, updated, &update_summary);
  }
  std::printf("%-46s %8s %11s %10s %s\n", "registration import (einlass-server import)", "rows",
              "wall median", "CPU median", "target");
  std::printf("%-46s %8d %10.2fs\n", "demo-registrations (write the CSV)", rows, generate);
  std::printf("%-46s %8d %10.2fs %9.2fs %s\n", "import into an empty database", rows,
              median(first.wall), median(first.cpu), "<= 5 s");
  std::printf("%-46s %8d %10.2fs %9.2fs\n", "re-import of the same file (all unchanged)", rows,
              median(same.wall), median(same.cpu));
  std::printf("%-46s %8d %10.2fs %9.2fs\n", "re-import, 1% moved venue + 1% renamed", rows,
              median(updated.wall), median(updated.cpu));
  std::printf("(median of %d runs, each on a fresh database; the update: %s)\n", runs,
              update_summary.substr(0, update_summary.find('\n')).c_str());
  return 0;
}
