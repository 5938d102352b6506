#include "kiosk/app/gui/live_loop.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <sys/resource.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

namespace einlass::app::gui {

namespace {

std::atomic<bool> g_stop{false};

// Taken while the program is loaded, before main(): the start of "cold start to first frame".
const std::chrono::steady_clock::time_point g_loaded = std::chrono::steady_clock::now();

extern "C" void on_stop_signal(int) {
  g_stop = true;  // seen within a second: the loop wakes at least once per second
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Benchmark: feeds the codes of a file as camera scans at a steady pace, from its own thread.
class ScanFeeder {
 public:
  ScanFeeder(ScanInbox& inbox, const GuiOptions& options) {
    std::ifstream in(options.bench_scans_file);
    std::vector<std::string> codes;
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) codes.push_back(line);
    if (codes.empty()) {
      done_ = true;
      return;
    }
    const int count =
        options.bench_scan_count > 0 ? options.bench_scan_count : static_cast<int>(codes.size());
    expected_ = count;
    thread_ = std::thread([&inbox, codes, count, interval = options.bench_scan_interval_ms] {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let the first frame settle
      for (int i = 0; i < count && !g_stop; ++i) {
        inbox.push(codes[i % codes.size()]);
        std::this_thread::sleep_for(std::chrono::milliseconds(interval));
      }
    });
  }
  ~ScanFeeder() {
    if (thread_.joinable()) thread_.join();
  }
  int expected() const { return expected_; }
  bool done() const { return done_; }

 private:
  std::thread thread_;
  int expected_ = 0;
  bool done_ = false;
};

}  // namespace

int run_live(KioskRuntime& runtime) {
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGINT, on_stop_signal);
  const GuiOptions& options = runtime.options();
  const auto started = std::chrono::steady_clock::now();
  const double cpu_at_start = cpu_seconds();

  std::unique_ptr<ScanFeeder> feeder;
  if (!options.bench_scans_file.empty())
    feeder = std::make_unique<ScanFeeder>(runtime.inbox(), options);
  std::vector<double> latencies_ms;

  bool first = true;
  int settle = 2;  // frames to build after input, while ImGui's hover/active state settles
  // A scan handled but not yet on screen: its arrival, for the latency figure.
  bool waiting = false;
  std::chrono::steady_clock::time_point waiting_since{};
  while (!runtime.session().quit_requested() && !g_stop) {
    const ui::Now now = runtime.now();
    const auto wake = settle > 0 ? now.steady : runtime.next_wake(now);
    const double timeout = std::chrono::duration<double>(wake - now.steady).count();
    if (timeout > 0) {
      glfwWaitEventsTimeout(timeout);
    } else {
      glfwPollEvents();
    }
    std::chrono::steady_clock::time_point arrival{};
    if (runtime.poll_inputs(arrival)) {
      waiting = true;
      waiting_since = arrival;
    }
    if (runtime.router().take_input_seen()) settle = 2;

    const auto result = runtime.frame(first);
    if (settle > 0) --settle;
    if (result.drawn && waiting) {
      latencies_ms.push_back(
          std::chrono::duration<double, std::milli>(result.presented - waiting_since).count());
      waiting = false;
    }
    if (first && result.drawn) {
      first = false;
      if (options.exit_after_first_frame) {
        std::cout << nlohmann::json{{"first_frame_ms", std::chrono::duration<double, std::milli>(
                                                           result.presented - g_loaded)
                                                           .count()}}
                         .dump()
                  << std::endl;
        return 0;
      }
    }
    if (feeder && static_cast<int>(latencies_ms.size()) >= feeder->expected()) break;
    if (options.exit_after_seconds > 0 && std::chrono::steady_clock::now() - started >=
                                              std::chrono::seconds(options.exit_after_seconds))
      break;
  }
  if (feeder || options.exit_after_seconds > 0) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << nlohmann::json{{"seconds", seconds},
                                {"cpu_seconds", cpu_seconds() - cpu_at_start},
                                {"frames_built", runtime.frames_built()},
                                {"frames_drawn", runtime.frames_drawn()},
                                {"latencies_ms", latencies_ms}}
                     .dump()
              << std::endl;
  }
  return 0;
}

}  // namespace einlass::app::gui
