#include "kiosk/scan/v4l2_camera.hpp"

#include <cstdio>

#include "kiosk/scan/camera_lookup.hpp"

namespace einlass::scan {

V4l2Camera::V4l2Camera(std::string spec, V4l2CameraSettings settings,
                       std::filesystem::path sysfs_root, std::filesystem::path dev_root)
    : spec_(std::move(spec)),
      settings_(settings),
      sysfs_root_(std::move(sysfs_root)),
      dev_root_(std::move(dev_root)) {}

std::string V4l2Camera::describe() const {
  if (!device_.card().empty() && device_.card() != spec_)
    return spec_ + " (" + device_.card() + ")";
  return spec_;
}

std::string V4l2Camera::mode_description() const {
  const CaptureMode& m = device_.mode();
  char text[96];
  std::snprintf(text, sizeof text, "%s %dx%d @ %.0f fps%s",
                m.format == PixelFormat::Yuyv ? "YUYV" : "MJPEG", m.width, m.height, m.fps,
                jpeg_scale_ < 8 ? " (decoded at reduced size)" : "");
  return text;
}

bool V4l2Camera::open(std::string& why_not) {
  close();
  const auto nodes = find_camera_nodes(spec_, sysfs_root_, dev_root_);
  if (nodes.empty()) {
    why_not = "no camera named \"" + spec_ + "\" is connected";
    return false;
  }
  // A camera has several nodes (capture, metadata); the first that streams video is it. The
  // first node's problem is the one to report ("busy" says more than the metadata node's
  // "not a video capture node").
  std::string first_problem;
  for (const auto& node : nodes) {
    std::string problem;
    if (open_node(node, problem)) return true;
    if (first_problem.empty()) first_problem = problem;
  }
  why_not = first_problem;
  return false;
}

bool V4l2Camera::open_node(const std::filesystem::path& node, std::string& why_not) {
  if (!device_.open(node)) {
    why_not = device_.error();
    return false;
  }
  const auto offered = device_.offered_modes(settings_.max_fps);
  const auto mode = choose_capture_mode(offered, settings_.preferences);
  if (!mode) {
    why_not = node.string() + ": offers neither YUYV nor MJPEG";
    device_.close();
    return false;
  }
  if (!device_.start(*mode, settings_.buffers)) {
    why_not = device_.error();
    device_.close();
    return false;
  }
  jpeg_scale_ = device_.mode().format == PixelFormat::Mjpeg
                    ? jpeg_scale_eighths(device_.mode().width, settings_.preferences.target_width)
                    : 8;
  return true;
}

void V4l2Camera::close() {
  device_.close();
}

FrameStatus V4l2Camera::next_frame(Frame& out, std::chrono::milliseconds timeout) {
  if (!device_.is_open()) return FrameStatus::Lost;
  V4l2Device::Buffer buffer;
  switch (device_.dequeue_newest(timeout, buffer)) {
    case V4l2Device::Dequeue::Empty:
      return FrameStatus::NoFrame;
    case V4l2Device::Dequeue::Gone:
      return FrameStatus::Lost;
    case V4l2Device::Dequeue::Frame:
      break;
  }
  const CaptureMode& mode = device_.mode();
  out.captured_at = buffer.captured_at;
  out.sequence = buffer.sequence;
  if (mode.format == PixelFormat::Yuyv) {
    // Y0 U Y1 V ...: every second byte is luminance, read where the driver put it.
    const std::size_t needed =
        static_cast<std::size_t>(device_.bytes_per_line()) * static_cast<std::size_t>(mode.height);
    if (buffer.bytes < needed) {
      device_.release();  // a short (partial) frame
      return FrameStatus::NoFrame;
    }
    out.grey = GreyView{buffer.data, mode.width, mode.height, device_.bytes_per_line(), 2};
    return FrameStatus::Ok;
  }
  const bool ok = jpeg_.decode(buffer.data, buffer.bytes, jpeg_scale_, decoded_);
  // The JPEG bytes are no longer needed: hand the buffer back to the driver at once.
  device_.release();
  if (!ok) return FrameStatus::NoFrame;
  out.grey = decoded_.view();
  return FrameStatus::Ok;
}

}  // namespace einlass::scan
