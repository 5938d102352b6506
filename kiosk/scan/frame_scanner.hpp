#pragma once

#include <array>
#include <chrono>
#include <optional>

#include "kiosk/scan/frame_decoder.hpp"
#include "kiosk/scan/frame_source.hpp"
#include "kiosk/scan/motion_gate.hpp"
#include "kiosk/scan/qr_decoder.hpp"
#include "kiosk/scan/repeat_filter.hpp"

namespace einlass::scan {

struct FrameScannerSettings {
  FrameDecodeSettings decode;
  MotionGateSettings gate;
  // While nothing moves, decode this often (and on the first still frame after motion), and
  // when the locator finds nothing, let ZXing search the whole frame: the safety net for a
  // code the cheap search does not see (one that slid in too blurred to read and stopped, or
  // that the locator misses). With 400 ms at 30 fps a decode comes every 13th frame, so any
  // code held still for half a second is looked at with the full search at least once.
  std::chrono::milliseconds still_decode_interval{400};
  // After a code was read, decode every frame for this long, starting where it was: the
  // outline follows the code, and its sightings keep the double-scan rule's hold-off running.
  std::chrono::milliseconds follow_code_for{1000};
  // The double-scan rule (see RepeatFilter).
  std::chrono::milliseconds repeat_hold_off{3000};
};

// What FrameScanner did with one frame.
struct FrameVerdict {
  bool moved = false;             // the motion gate saw a change since the last decoded frame
  bool decoded = false;           // the decoder ran on this frame
  bool whole_frame = false;       // ...and searched the whole frame (the locator found nothing)
  std::optional<DecodedQr> code;  // the code read from this frame
  bool new_scan = false;          // `code` is a new scan under the double-scan rule
};

// The decisions made for every camera frame, in one place and free of threads and clocks (it
// goes by the frames' capture times), so tests can drive it frame by frame: whether to decode
// (motion gate, still-scene interval, following a code), how (around the last code, via the
// locator, or the whole frame), and whether a code read is a new scan.
class FrameScanner {
 public:
  explicit FrameScanner(FrameScannerSettings settings = {});

  FrameVerdict process(const Frame& frame);

  // Corners of the code read most recently and when, for the preview outline.
  std::optional<std::array<Point, 4>> last_corners() const { return last_corners_; }
  std::optional<FrameClock::time_point> last_code_time() const { return last_code_time_; }

  const FrameScannerSettings& settings() const { return settings_; }

 private:
  FrameScannerSettings settings_;
  FrameDecoder decoder_;
  MotionGate gate_;
  RepeatFilter repeats_;
  std::optional<FrameClock::time_point> last_decode_time_, last_code_time_;
  // Motion was seen and no still frame has been decoded since.
  bool settle_check_due_ = false;
  std::optional<std::array<Point, 4>> last_corners_;
};

}  // namespace einlass::scan
