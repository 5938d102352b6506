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
  // Decode at least this often even when nothing moves, so that a code that slid in too
  // blurred to read and then stopped is read within this time. It also bounds the cost of a
  // still scene: at 30 fps only every 8th frame is decoded.
  std::chrono::milliseconds still_decode_interval{250};
  // After a code was read, decode every frame for this long, starting where it was: the
  // outline follows the code, and its sightings keep the double-scan rule's hold-off running.
  std::chrono::milliseconds follow_code_for{1000};
  // When the locator finds nothing in a still frame, let ZXing search the whole frame at most
  // this often: a safety net for a code the cheap search does not see.
  std::chrono::milliseconds whole_frame_interval{1000};
  // The double-scan rule (see RepeatFilter).
  std::chrono::milliseconds repeat_hold_off{3000};
};

// What FrameScanner did with one frame.
struct FrameVerdict {
  bool moved = false;             // the motion gate saw a change since the last decoded frame
  bool decoded = false;           // the decoder ran on this frame
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
  std::optional<FrameClock::time_point> last_decode_time_, last_code_time_, last_whole_time_;
  std::optional<std::array<Point, 4>> last_corners_;
};

}  // namespace einlass::scan
