#pragma once
// Camera capture and QR decoding on a worker thread, as the kiosk window sees it (contract:
// /work/contracts/scan_contract.md). The window passes a wake function, takes scans and
// preview frames when woken, and never waits on this thread.

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/scan/frame_scanner.hpp"
#include "kiosk/scan/frame_source.hpp"
#include "kiosk/scan/frame_source_spec.hpp"
#include "kiosk/scan/qr_decoder.hpp"

namespace einlass::scan {

struct ScanResult {
  std::string code;                               // decoded text, as read
  std::array<Point, 4> corners{};                 // in frame pixels (camera only)
  std::chrono::steady_clock::time_point seen_at;  // capture time of the frame it was read from
};

// A grey copy of the camera frame for the preview texture. Rows are tightly packed (stride ==
// width). The UI mirrors it for the selfie view. The frame is scaled down to at most
// ScanWorkerSettings::preview_max_width, and `code_outline` is in *these* pixels (top-left,
// top-right, bottom-right, bottom-left of the symbol), so it can be drawn over the texture
// as is (mirrored like the texture).
struct PreviewFrame {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;
  std::optional<std::array<Point, 4>> code_outline;
  uint64_t sequence = 0;  // increases with every new preview; 0 = none yet
};

enum class CameraState {
  NoCamera,     // started without a frame source (spec "")
  Starting,     // opening the device, or waiting for its first frame
  Running,      // frames are arriving
  Unavailable,  // could not open, lost (unplugged) or failed; retried every retry_interval
  Finished,     // a finite source (files without looping) has shown everything
};

struct ScanWorkerSettings {
  FrameScannerSettings scanner;
  // How often a camera that could not be opened or was lost is tried again.
  std::chrono::milliseconds retry_interval{2000};
  // An open camera that delivers no frame for this long counts as lost (some USB cameras hang
  // instead of reporting an error when their cable is pulled).
  std::chrono::milliseconds stall_timeout{5000};
  // The preview is scaled down by a whole factor to at most this width: the kiosk shows it
  // small, and a 640x360 copy costs a quarter of a full one.
  int preview_max_width = 640;
  // While nothing moves, the preview is refreshed only this often; the window then redraws
  // (and the laptop's GPU wakes) a few times a second instead of 30.
  std::chrono::milliseconds still_preview_interval{200};
  // The outline stays on the preview this long after the code was last read, so it does not
  // flicker on frames that were not decoded.
  std::chrono::milliseconds outline_linger{300};
};

// Counters for the staff screen, tests and the benchmark.
struct ScanWorkerStats {
  std::uint64_t frames = 0;       // frames received from the source
  std::uint64_t decoded = 0;      // frames the decoder ran on
  std::uint64_t whole_frame = 0;  // ...of which searched whole (still frames, locator empty)
  std::uint64_t scans = 0;        // new scans (after the double-scan rule)
  std::uint64_t reconnects = 0;   // attempts to open the source again after a failure or loss
  double thread_cpu_seconds = 0;  // CPU time the worker thread has used
};

class ScanWorker {  // camera + decode on its own thread
 public:
  // `wake` is called (from the worker thread) whenever there is something new for the UI: a
  // scan, a preview frame or a camera state change. The UI passes a function that calls
  // glfwPostEmptyEvent(). A null `source` gives CameraState::NoCamera and no thread.
  ScanWorker(std::unique_ptr<FrameSource> source, std::function<void()> wake);
  ScanWorker(std::unique_ptr<FrameSource> source, std::function<void()> wake,
             ScanWorkerSettings settings);
  ~ScanWorker();  // stops and joins
  ScanWorker(const ScanWorker&) = delete;
  ScanWorker& operator=(const ScanWorker&) = delete;

  // The oldest scan not yet taken (double-scan rule applied). Up to kMaxPendingScans different
  // codes wait, so two tickets read before the window looks are both answered; beyond that the
  // oldest is dropped (the window takes scans every frame, so that means it was stuck).
  std::optional<ScanResult> take_scan();
  static constexpr std::size_t kMaxPendingScans = 4;
  // Copies the newest preview into `out` if its sequence is greater than `newer_than`; reuses
  // `out.pixels`' memory. False when there is nothing newer.
  bool latest_preview(PreviewFrame& out, uint64_t newer_than) const;
  CameraState camera_state() const;
  // Why the camera is Unavailable ("/dev/video0: No such file or directory"); empty otherwise.
  std::string camera_problem() const;
  // The source as given, for the staff screen ("/dev/video0", "synthetic camera (3 codes)").
  const std::string& source_description() const { return description_; }
  ScanWorkerStats stats() const;

 private:
  void run();
  // One attempt: open the source and read it until it ends, is lost or the worker stops.
  void open_and_stream();
  void stream();
  void queue_scan(ScanResult scan);
  void handle(const Frame& frame);
  void publish_preview(const Frame& frame);
  void set_state(CameraState state, const std::string& problem = {});
  // Sleeps for `d` unless the worker is stopped first; false when stopped.
  bool pause(std::chrono::milliseconds d);
  void notify() const;

  std::unique_ptr<FrameSource> source_;
  std::function<void()> wake_;
  ScanWorkerSettings settings_;
  std::string description_;
  FrameScanner scanner_;

  mutable std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
  std::deque<ScanResult> pending_scans_;
  PreviewFrame preview_, preview_back_;
  std::string problem_;
  ScanWorkerStats stats_;
  std::atomic<CameraState> state_{CameraState::NoCamera};
  std::optional<FrameClock::time_point> last_preview_time_;
  std::thread thread_;
};

}  // namespace einlass::scan
