#include "kiosk/app/gui/camera_feed.hpp"

#include <GL/gl.h>

#include <chrono>
#include <vector>

#include "kiosk/scan/camera_lookup.hpp"
#include "kiosk/scan/scan_worker.hpp"

namespace einlass::app::gui {

namespace {

// How often "auto" looks for a camera while it has none: a look is a directory listing in
// sysfs, and someone plugging a webcam in sees it used within this time.
constexpr std::chrono::seconds kAutoLookInterval{2};

// "auto": the first camera's capture node, by name, so that the camera is found again when it
// comes back as another /dev/videoN after replugging; "" while the laptop has none.
std::string find_auto_camera() {
  for (const scan::CameraNode& node : scan::list_camera_nodes()) {
    if (node.index != 0) continue;  // a metadata node, no pictures
    return node.name.empty() ? node.device.string() : node.name;
  }
  return "";
}

// A grey preview frame as an RGBA texture (plain GL 1.1 calls, no loader needed).
class PreviewTexture {
 public:
  ~PreviewTexture() {
    if (id_) glDeleteTextures(1, &id_);
  }
  void upload(int width, int height, const std::vector<uint8_t>& grey) {
    rgba_.resize(static_cast<std::size_t>(width) * height * 4);
    for (std::size_t i = 0; i < grey.size() && i * 4 + 3 < rgba_.size(); ++i) {
      rgba_[i * 4] = rgba_[i * 4 + 1] = rgba_[i * 4 + 2] = grey[i];
      rgba_[i * 4 + 3] = 255;
    }
    if (!id_) glGenTextures(1, &id_);
    glBindTexture(GL_TEXTURE_2D, id_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (width != width_ || height != height_) {
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                   rgba_.data());
      width_ = width;
      height_ = height;
    } else {
      glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE,
                      rgba_.data());
    }
  }
  ImTextureID id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(id_)); }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  GLuint id_ = 0;
  int width_ = 0, height_ = 0;
  std::vector<uint8_t> rgba_;
};

}  // namespace

struct CameraFeed::Impl {
  std::function<void()> wake;
  bool looking = false;  // "auto" without a camera so far: look again now and then
  std::chrono::steady_clock::time_point next_look{};
  std::unique_ptr<scan::ScanWorker> worker;
  PreviewTexture texture;
  scan::PreviewFrame frame;
  uint64_t sequence = 0;
  std::optional<std::array<ImVec2, 4>> outline;
};

CameraFeed::CameraFeed(const std::string& spec, std::function<void()> wake)
    : impl_(std::make_unique<Impl>()) {
  impl_->wake = std::move(wake);
  if (spec == "none") return;
  if (spec == "auto") {
    impl_->looking = true;
    look_for_camera();
    return;
  }
  impl_->worker = std::make_unique<scan::ScanWorker>(scan::open_frame_source(spec), impl_->wake);
}

void CameraFeed::look_for_camera() {
  const auto now = std::chrono::steady_clock::now();
  if (!impl_->looking || now < impl_->next_look) return;
  impl_->next_look = now + kAutoLookInterval;
  const std::string found = find_auto_camera();
  if (found.empty()) return;
  // From here on the worker owns it: a camera pulled out is shown as unavailable and is
  // opened again when it is back.
  impl_->looking = false;
  impl_->worker = std::make_unique<scan::ScanWorker>(scan::open_frame_source(found), impl_->wake);
}

CameraFeed::~CameraFeed() = default;

bool CameraFeed::configured() const {
  return impl_->worker != nullptr;
}

std::optional<ScanArrival> CameraFeed::take_scan() {
  if (!impl_->worker) return std::nullopt;
  auto scan = impl_->worker->take_scan();
  if (!scan) return std::nullopt;
  // The capture time of the frame it was read from: latency figures include the camera's
  // exposure, the wait for the worker and the decoding, not just the hand-over.
  return ScanArrival{std::move(scan->code), scan->seen_at};
}

bool CameraFeed::update_preview() {
  look_for_camera();
  if (!impl_->worker) return false;
  if (!impl_->worker->latest_preview(impl_->frame, impl_->sequence)) return false;
  impl_->sequence = impl_->frame.sequence;
  impl_->texture.upload(impl_->frame.width, impl_->frame.height, impl_->frame.pixels);
  impl_->outline.reset();
  if (impl_->frame.code_outline) {
    std::array<ImVec2, 4> points;
    for (int i = 0; i < 4; ++i)
      points[i] = ImVec2(static_cast<float>((*impl_->frame.code_outline)[i].x),
                         static_cast<float>((*impl_->frame.code_outline)[i].y));
    impl_->outline = points;
  }
  return true;
}

ui::CameraView CameraFeed::view() const {
  ui::CameraView v;
  if (!impl_->worker) return v;
  v.configured = true;
  const scan::CameraState state = impl_->worker->camera_state();
  v.running = state == scan::CameraState::Running && impl_->texture.width() > 0;
  v.unavailable = state == scan::CameraState::Unavailable || state == scan::CameraState::NoCamera ||
                  state == scan::CameraState::Finished;
  v.texture = impl_->texture.id();
  v.width = impl_->texture.width();
  v.height = impl_->texture.height();
  v.code_outline = impl_->outline;
  return v;
}

std::string CameraFeed::state_name() const {
  if (!impl_->worker) return "none";
  switch (impl_->worker->camera_state()) {
    case scan::CameraState::NoCamera:
      return "no_camera";
    case scan::CameraState::Starting:
      return "starting";
    case scan::CameraState::Running:
      return "running";
    case scan::CameraState::Unavailable:
    case scan::CameraState::Finished:  // a slide show that has ended shows nothing new
      return "unavailable";
  }
  return "none";
}

std::string CameraFeed::detail() const {
  if (!impl_->worker) return "";
  if (impl_->worker->camera_state() == scan::CameraState::Unavailable) {
    const std::string problem = impl_->worker->camera_problem();
    if (!problem.empty()) return problem;
  }
  return impl_->worker->source_description();
}

}  // namespace einlass::app::gui
