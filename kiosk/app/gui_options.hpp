#pragma once
// Options of the kiosk window (`einlass-kiosk run`, and `einlass-kiosk demo` which opens the
// window on the demo world). Plain data registered on a CLI11 command here, so the headless
// demo command can accept them without depending on the window code.

#include <CLI/CLI.hpp>

#include <string>

namespace einlass::app {

struct GuiOptions {
  std::string windowed;          // "1280x800" = a window of that size; "" = full screen
  std::string script;            // scripted session file (tests, screenshots)
  std::string screenshot_dir;    // PNG + JSON dump after each script step
  std::string camera = "auto";   // "auto", "none", "/dev/video0", "synthetic:…", "files:…"
  std::string language = "de";   // default language; participants switch per person
  int result_seconds = 8;        // a result stays this long (problems a little longer)
  int staff_idle_seconds = 120;  // staff mode ends after this long without input

  // Benchmarks (not for daily use): leave after the first frame and print its time; feed the
  // codes of a file (one per line) as scans every `bench_scan_interval_ms` and print the
  // latency of each.
  bool exit_after_first_frame = false;
  std::string bench_scans_file;
  int bench_scan_interval_ms = 150;
  int bench_scan_count = 0;    // 0 = every code of the file once
  int exit_after_seconds = 0;  // idle benchmark: leave after this long
};

void add_gui_options(CLI::App& command, GuiOptions& options);

}  // namespace einlass::app
