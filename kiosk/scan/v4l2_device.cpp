#include "kiosk/scan/v4l2_device.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace einlass::scan {
namespace {

int xioctl(int fd, unsigned long request, void* arg) {
  int result = 0;
  do {
    result = ioctl(fd, request, arg);
  } while (result == -1 && errno == EINTR);
  return result;
}

// errno values that mean the device itself is gone (cable pulled, driver unbound).
bool device_gone(int error) {
  return error == ENODEV || error == EIO || error == ENXIO;
}

std::string open_problem(const std::filesystem::path& node, int error) {
  const std::string where = node.string() + ": ";
  switch (error) {
    case ENOENT:
      return where + "no such device (camera not plugged in?)";
    case EACCES:
      return where + "permission denied (is the kiosk user in the 'video' group?)";
    case EBUSY:
      return where + "busy (another program is using the camera)";
    default:
      return where + std::strerror(error);
  }
}

std::uint32_t fourcc(PixelFormat f) {
  return f == PixelFormat::Yuyv ? V4L2_PIX_FMT_YUYV : V4L2_PIX_FMT_MJPEG;
}

// Best frame rate for a size not above max_fps (the lowest offered if all are above it).
double best_fps(int fd, std::uint32_t pixel_format, std::uint32_t width, std::uint32_t height,
                double max_fps) {
  double best = 0, lowest = 0;
  v4l2_frmivalenum interval{};
  interval.pixel_format = pixel_format;
  interval.width = width;
  interval.height = height;
  for (interval.index = 0; xioctl(fd, VIDIOC_ENUM_FRAMEINTERVALS, &interval) == 0;
       ++interval.index) {
    const v4l2_fract f =
        interval.type == V4L2_FRMIVAL_TYPE_DISCRETE ? interval.discrete : interval.stepwise.min;
    if (f.numerator == 0) continue;
    const double fps = static_cast<double>(f.denominator) / f.numerator;
    if (fps <= max_fps + 0.01) best = std::max(best, fps);
    lowest = lowest == 0 ? fps : std::min(lowest, fps);
    if (interval.type != V4L2_FRMIVAL_TYPE_DISCRETE) {
      best = std::max(best, std::min(fps, max_fps));
      break;
    }
  }
  // Drivers that do not enumerate intervals stream at their default, usually 30 fps.
  if (best == 0 && lowest == 0) return std::min(30.0, max_fps);
  return best > 0 ? best : lowest;
}

}  // namespace

V4l2Device::~V4l2Device() {
  close();
}

bool V4l2Device::open(const std::filesystem::path& node) {
  close();
  node_ = node;
  // Non-blocking, so that dequeue returns at once when no buffer is filled and the newest
  // one can be found by dequeuing until the queue is empty.
  fd_ = ::open(node.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) {
    error_ = open_problem(node, errno);
    return false;
  }
  v4l2_capability caps{};
  if (xioctl(fd_, VIDIOC_QUERYCAP, &caps) != 0) {
    error_ = node.string() + ": not a V4L2 device";
    close();
    return false;
  }
  const std::uint32_t device_caps =
      (caps.capabilities & V4L2_CAP_DEVICE_CAPS) != 0 ? caps.device_caps : caps.capabilities;
  if ((device_caps & V4L2_CAP_VIDEO_CAPTURE) == 0 || (device_caps & V4L2_CAP_STREAMING) == 0) {
    // A USB camera's second node (metadata) lands here; the caller tries the next node.
    error_ = node.string() + ": not a video capture node";
    close();
    return false;
  }
  card_.assign(reinterpret_cast<const char*>(caps.card),
               strnlen(reinterpret_cast<const char*>(caps.card), sizeof caps.card));
  return true;
}

void V4l2Device::close() {
  if (fd_ >= 0 && streaming_) {
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    xioctl(fd_, VIDIOC_STREAMOFF, &type);
  }
  streaming_ = false;
  held_.reset();
  unmap();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void V4l2Device::unmap() {
  for (const Mapping& m : buffers_) {
    if (m.start != nullptr && m.start != MAP_FAILED) munmap(m.start, m.length);
  }
  buffers_.clear();
}

std::vector<CaptureMode> V4l2Device::offered_modes(double max_fps) const {
  std::vector<CaptureMode> modes;
  if (fd_ < 0) return modes;
  v4l2_fmtdesc format{};
  format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  for (format.index = 0; xioctl(fd_, VIDIOC_ENUM_FMT, &format) == 0; ++format.index) {
    PixelFormat kind;
    if (format.pixelformat == V4L2_PIX_FMT_YUYV) {
      kind = PixelFormat::Yuyv;
    } else if (format.pixelformat == V4L2_PIX_FMT_MJPEG) {
      kind = PixelFormat::Mjpeg;
    } else {
      continue;  // other layouts would need a converter; every UVC webcam offers one of these
    }
    v4l2_frmsizeenum size{};
    size.pixel_format = format.pixelformat;
    for (size.index = 0; xioctl(fd_, VIDIOC_ENUM_FRAMESIZES, &size) == 0; ++size.index) {
      if (size.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
        const auto& d = size.discrete;
        modes.push_back({kind, static_cast<int>(d.width), static_cast<int>(d.height),
                         best_fps(fd_, format.pixelformat, d.width, d.height, max_fps)});
        continue;
      }
      // A range of sizes: offer the sizes a decoder would want, where the range has them.
      const auto& s = size.stepwise;
      for (const auto& [w, h] : {std::pair<std::uint32_t, std::uint32_t>{1280, 720}, {640, 480}}) {
        if (w >= s.min_width && w <= s.max_width && h >= s.min_height && h <= s.max_height) {
          modes.push_back({kind, static_cast<int>(w), static_cast<int>(h),
                           best_fps(fd_, format.pixelformat, w, h, max_fps)});
        }
      }
      break;
    }
  }
  return modes;
}

bool V4l2Device::start(const CaptureMode& mode, int buffer_count) {
  v4l2_format format{};
  format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  format.fmt.pix.width = static_cast<std::uint32_t>(mode.width);
  format.fmt.pix.height = static_cast<std::uint32_t>(mode.height);
  format.fmt.pix.pixelformat = fourcc(mode.format);
  format.fmt.pix.field = V4L2_FIELD_ANY;
  if (xioctl(fd_, VIDIOC_S_FMT, &format) != 0) {
    error_ = node_.string() + ": cannot set the capture format: " + std::strerror(errno);
    return false;
  }
  if (format.fmt.pix.pixelformat != fourcc(mode.format)) {
    error_ = node_.string() + ": the camera refused the requested pixel format";
    return false;
  }
  mode_ = mode;
  mode_.width = static_cast<int>(format.fmt.pix.width);
  mode_.height = static_cast<int>(format.fmt.pix.height);
  bytes_per_line_ = static_cast<int>(format.fmt.pix.bytesperline);
  if (mode.format == PixelFormat::Yuyv && bytes_per_line_ < 2 * mode_.width) {
    bytes_per_line_ = 2 * mode_.width;
  }

  // The frame rate is a wish; cameras that cannot set it keep their own.
  v4l2_streamparm parm{};
  parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  parm.parm.capture.timeperframe = {1, static_cast<std::uint32_t>(std::max(1.0, mode.fps))};
  xioctl(fd_, VIDIOC_S_PARM, &parm);
  // In a dim hall, UVC cameras lower the frame rate to expose longer unless told not to: a
  // darker but steady 30 fps reads a moving phone better than a bright 7.5 fps.
  v4l2_control priority{V4L2_CID_EXPOSURE_AUTO_PRIORITY, 0};
  xioctl(fd_, VIDIOC_S_CTRL, &priority);

  v4l2_requestbuffers request{};
  request.count = static_cast<std::uint32_t>(buffer_count);
  request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  request.memory = V4L2_MEMORY_MMAP;
  if (xioctl(fd_, VIDIOC_REQBUFS, &request) != 0 || request.count < 2) {
    error_ = node_.string() + ": cannot get capture buffers (no mmap streaming?)";
    return false;
  }
  for (std::uint32_t i = 0; i < request.count; ++i) {
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    buffer.index = i;
    if (xioctl(fd_, VIDIOC_QUERYBUF, &buffer) != 0) {
      error_ = node_.string() + ": cannot query capture buffer";
      unmap();
      return false;
    }
    void* start =
        mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, buffer.m.offset);
    buffers_.push_back({start, buffer.length});
    if (start == MAP_FAILED || !requeue(i)) {
      error_ = node_.string() + ": cannot map capture buffer";
      unmap();
      return false;
    }
  }
  v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  if (xioctl(fd_, VIDIOC_STREAMON, &type) != 0) {
    error_ = node_.string() + ": cannot start streaming: " + std::strerror(errno);
    unmap();
    return false;
  }
  streaming_ = true;
  return true;
}

bool V4l2Device::requeue(std::uint32_t index) {
  v4l2_buffer buffer{};
  buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  buffer.memory = V4L2_MEMORY_MMAP;
  buffer.index = index;
  return xioctl(fd_, VIDIOC_QBUF, &buffer) == 0;
}

void V4l2Device::release() {
  if (held_) requeue(*held_);
  held_.reset();
}

V4l2Device::Dequeue V4l2Device::dequeue_newest(std::chrono::milliseconds timeout, Buffer& out) {
  release();
  pollfd p{fd_, POLLIN, 0};
  const int ready = poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready < 0) return errno == EINTR ? Dequeue::Empty : Dequeue::Gone;
  if (ready == 0) return Dequeue::Empty;
  if ((p.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 && (p.revents & POLLIN) == 0) {
    error_ = node_.string() + ": camera disconnected";
    return Dequeue::Gone;
  }
  std::optional<v4l2_buffer> newest;
  while (true) {
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_, VIDIOC_DQBUF, &buffer) != 0) {
      if (errno == EAGAIN) break;
      if (device_gone(errno)) {
        error_ = node_.string() + ": camera disconnected";
        if (newest) requeue(newest->index);
        return Dequeue::Gone;
      }
      break;
    }
    if ((buffer.flags & V4L2_BUF_FLAG_ERROR) != 0 || buffer.bytesused == 0) {
      requeue(buffer.index);  // a damaged frame: skip it
      continue;
    }
    if (newest) requeue(newest->index);  // an older frame: give it straight back
    newest = buffer;
  }
  if (!newest) return Dequeue::Empty;
  held_ = newest->index;
  out.data = static_cast<const std::uint8_t*>(buffers_[newest->index].start);
  out.bytes = newest->bytesused;
  out.sequence = newest->sequence;
  // UVC drivers stamp buffers with CLOCK_MONOTONIC, which is steady_clock on Linux.
  if ((newest->flags & V4L2_BUF_FLAG_TIMESTAMP_MASK) == V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC) {
    out.captured_at = FrameClock::time_point(std::chrono::seconds(newest->timestamp.tv_sec) +
                                             std::chrono::microseconds(newest->timestamp.tv_usec));
  } else {
    out.captured_at = FrameClock::now();
  }
  return Dequeue::Frame;
}

}  // namespace einlass::scan
