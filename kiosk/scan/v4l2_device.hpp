#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/scan/capture_mode.hpp"
#include "kiosk/scan/frame_source.hpp"

namespace einlass::scan {

// One V4L2 capture device streaming into memory-mapped driver buffers: the thin, Linux-facing
// layer under V4l2Camera. Methods that fail return false (or nullopt) and leave a message a
// person can act on in error(); a device that went away is reported as such by dequeue.
class V4l2Device {
 public:
  V4l2Device() = default;
  ~V4l2Device();
  V4l2Device(const V4l2Device&) = delete;
  V4l2Device& operator=(const V4l2Device&) = delete;

  // Opens the node and checks that it can capture video by streaming.
  bool open(const std::filesystem::path& node);
  void close();
  bool is_open() const { return fd_ >= 0; }

  const std::string& error() const { return error_; }
  const std::string& card() const { return card_; }  // the driver's name for the camera

  // Every YUYV and MJPEG size the device offers, each with its best frame rate <= max_fps.
  std::vector<CaptureMode> offered_modes(double max_fps) const;

  // Sets the format and frame rate and starts streaming into `buffers` mmap buffers. The
  // driver may adjust the size; the mode actually set is in mode() afterwards.
  bool start(const CaptureMode& mode, int buffers);
  const CaptureMode& mode() const { return mode_; }
  int bytes_per_line() const { return bytes_per_line_; }

  enum class Dequeue { Frame, Empty, Gone };
  struct Buffer {
    const std::uint8_t* data = nullptr;
    std::size_t bytes = 0;
    FrameClock::time_point captured_at;
    std::uint64_t sequence = 0;
  };
  // Waits up to `timeout` for filled buffers and takes the newest, handing the older ones
  // straight back to the driver (newest frame wins). The buffer stays ours until release().
  Dequeue dequeue_newest(std::chrono::milliseconds timeout, Buffer& out);
  // Gives the buffer taken by the last dequeue_newest() back to the driver.
  void release();

 private:
  bool requeue(std::uint32_t index);
  void unmap();

  int fd_ = -1;
  std::string error_;
  std::string card_;
  std::filesystem::path node_;
  CaptureMode mode_;
  int bytes_per_line_ = 0;
  struct Mapping {
    void* start = nullptr;
    std::size_t length = 0;
  };
  std::vector<Mapping> buffers_;
  std::optional<std::uint32_t> held_;
  bool streaming_ = false;
};

}  // namespace einlass::scan
