#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "kiosk/scan/grey_image.hpp"

namespace einlass::scan {

using FrameClock = std::chrono::steady_clock;

// One camera frame as luminance. `grey` is borrowed from the source (a V4L2 buffer, a decoded
// JPEG, a rendered image) and stays valid until the next next_frame() or close() on it.
struct Frame {
  GreyView grey;
  FrameClock::time_point captured_at{};
  // Counts the source's frames; a jump means frames were dropped because the consumer was
  // busy, which is intended: the decoder always gets the newest frame, never a backlog.
  std::uint64_t sequence = 0;
};

enum class FrameStatus {
  Ok,        // `out` holds a new frame
  NoFrame,   // none within the timeout; try again
  Lost,      // the device went away (unplugged, driver error): close, then open again later
  Finished,  // a finite source (files without looping) has shown everything
};

// Where frames come from: a V4L2 camera, image files, or the synthetic camera. ScanWorker owns
// one and calls it from its own thread only, so implementations need no locking of their own.
// Unplugging and replugging a camera is modelled here: next_frame() says Lost, open() fails
// while the device is gone and succeeds again once it is back.
class FrameSource {
 public:
  virtual ~FrameSource() = default;

  // What this is, for logs and the staff screen: "/dev/video0 (HD Webcam C270)".
  virtual std::string describe() const = 0;

  // Opens (or reopens) and starts streaming. On failure returns false and sets `why_not` to a
  // message a person can act on ("no camera named ...", "/dev/video2: device busy").
  virtual bool open(std::string& why_not) = 0;

  // Stops streaming and releases the device; safe to call when not open.
  virtual void close() = 0;

  // Waits up to `timeout` for a frame newer than the last one returned and returns the newest
  // one available (older ones are dropped).
  virtual FrameStatus next_frame(Frame& out, std::chrono::milliseconds timeout) = 0;
};

}  // namespace einlass::scan
