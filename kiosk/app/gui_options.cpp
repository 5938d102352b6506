#include "kiosk/app/gui_options.hpp"

namespace einlass::app {

void add_gui_options(CLI::App& command, GuiOptions& options) {
  command.add_option("--windowed", options.windowed,
                     "open a window of this size instead of full screen, e.g. 1280x800");
  command.add_option("--script", options.script,
                     "run a scripted session (scan, hid, key, click, type, wait, clock, shot, "
                     "quit), then leave");
  command.add_option("--screenshot-dir", options.screenshot_dir,
                     "with --script: write a PNG and a JSON dump of what is shown after each "
                     "step into this folder");
  command.add_option("--camera", options.camera,
                     "camera: auto (first video device, if any), none, a device path, "
                     "synthetic:<codes file> or files:<folder of images>");
  command.add_option("--language", options.language, "default language: de, en or de-ls");
  command
      .add_option("--result-seconds", options.result_seconds,
                  "how long a result stays on screen before the welcome returns")
      ->check(CLI::Range(2, 60));
  command
      .add_option("--staff-idle-seconds", options.staff_idle_seconds,
                  "staff mode ends after this long without input")
      ->check(CLI::Range(10, 3600));
  auto* bench = "Benchmarks";
  command
      .add_flag("--exit-after-first-frame", options.exit_after_first_frame,
                "print the time to the first presented frame as JSON and leave")
      ->group(bench);
  command
      .add_option("--bench-scans", options.bench_scans_file,
                  "feed the codes in this file (one per line) as camera scans and print "
                  "each scan's latency to the presented result frame as JSON")
      ->group(bench);
  command
      .add_option("--bench-scan-interval-ms", options.bench_scan_interval_ms,
                  "pause between benchmark scans")
      ->group(bench);
  command
      .add_option("--bench-scan-count", options.bench_scan_count,
                  "number of benchmark scans (cycling through the file); 0 = each code once")
      ->group(bench);
  command
      .add_option("--exit-after-seconds", options.exit_after_seconds,
                  "leave after this many seconds (idle benchmark)")
      ->group(bench);
}

}  // namespace einlass::app
