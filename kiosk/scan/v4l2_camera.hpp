#pragma once

#include <filesystem>
#include <string>

#include "kiosk/scan/capture_mode.hpp"
#include "kiosk/scan/frame_source.hpp"
#include "kiosk/scan/grey_image.hpp"
#include "kiosk/scan/mjpeg_decoder.hpp"
#include "kiosk/scan/v4l2_device.hpp"

namespace einlass::scan {

struct V4l2CameraSettings {
  CapturePreferences preferences;
  double max_fps = 30;
  // Four buffers: one with the decoder, one being filled, two to spare so the driver never
  // has to drop a frame while the newest is being looked for.
  int buffers = 4;
};

// A V4L2 webcam (UVC) as a frame source: mmap streaming, YUYV handed on as a view of the luma
// bytes in the driver's buffer (pixel stride 2; the motion gate and locator read it in place,
// ZXing copies the part it decodes, see grey_image.hpp) or MJPEG decoded straight to grey and
// scaled in the DCT.
// The device is named by path or by (part of) its name, resolved again on every open().
class V4l2Camera final : public FrameSource {
 public:
  explicit V4l2Camera(std::string spec, V4l2CameraSettings settings = {},
                      std::filesystem::path sysfs_root = "/sys",
                      std::filesystem::path dev_root = "/dev");

  std::string describe() const override;
  bool open(std::string& why_not) override;
  void close() override;
  FrameStatus next_frame(Frame& out, std::chrono::milliseconds timeout) override;

  // After open(): what is streaming ("YUYV 1280x720 @ 30 fps").
  std::string mode_description() const;

 private:
  bool open_node(const std::filesystem::path& node, std::string& why_not);

  std::string spec_;
  V4l2CameraSettings settings_;
  std::filesystem::path sysfs_root_, dev_root_;
  V4l2Device device_;
  MjpegDecoder jpeg_;
  GreyImage decoded_;
  int jpeg_scale_ = 8;
};

}  // namespace einlass::scan
