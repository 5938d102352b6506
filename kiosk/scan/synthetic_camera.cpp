#include "kiosk/scan/synthetic_camera.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>
#include <utility>

#include "kiosk/scan/grey_filters.hpp"

namespace einlass::scan {
namespace {

CodeInView between(const CodeInView& a, const CodeInView& b, double f) {
  const auto mix = [f](double x, double y) { return x + (y - x) * f; };
  CodeInView c = a;
  c.centre = {mix(a.centre.x, b.centre.x), mix(a.centre.y, b.centre.y)};
  c.side_px = mix(a.side_px, b.side_px);
  c.rotation_deg = mix(a.rotation_deg, b.rotation_deg);
  c.tilt_deg = mix(a.tilt_deg, b.tilt_deg);
  return c;
}

bool inside(const SymbolCorners& corners, int width, int height) {
  return std::all_of(corners.begin(), corners.end(), [&](const PointF& p) {
    return p.x >= 0 && p.y >= 0 && p.x < width && p.y < height;
  });
}

}  // namespace

SyntheticCamera::SyntheticCamera(SyntheticCameraSettings settings)
    : settings_(std::move(settings)),
      period_(std::chrono::nanoseconds(1'000'000'000 / std::max(1, settings_.fps))) {
  for (const SyntheticShot& shot : settings_.script)
    total_ += shot.duration;
}

SyntheticCamera::~SyntheticCamera() {
  close();
}

std::string SyntheticCamera::describe() const {
  return "synthetic camera (" + std::to_string(settings_.script.size()) + " shots, " +
         std::to_string(settings_.fps) + " fps)";
}

bool SyntheticCamera::open(std::string& why_not) {
  close();
  if (settings_.script.empty() || total_.count() <= 0) {
    why_not = "synthetic camera: empty script";
    return false;
  }
  {
    std::lock_guard lock(mutex_);
    running_ = true;
    finished_ = false;
    has_latest_ = false;
    latest_.reset();
    // One frame's time to render the first frame, as a camera takes a moment to start.
    start_ = FrameClock::now() + period_;
  }
  last_returned_.reset();
  cached_shot_.reset();
  producer_ = std::thread([this] { produce(); });
  return true;
}

void SyntheticCamera::close() {
  {
    std::lock_guard lock(mutex_);
    running_ = false;
  }
  changed_.notify_all();
  if (producer_.joinable()) producer_.join();
  held_.reset();
}

SyntheticCamera::Placement SyntheticCamera::place(std::uint64_t index) const {
  auto t = std::chrono::duration_cast<std::chrono::milliseconds>(period_ * index);
  Placement at;
  if (t >= total_) {
    if (!settings_.loop) {
      at.finished = true;
      return at;
    }
    t %= total_;
  }
  for (std::size_t i = 0; i < settings_.script.size(); ++i) {
    const auto d = settings_.script[i].duration;
    if (t < d) {
      at.shot = i;
      at.progress = static_cast<double>(t.count()) / static_cast<double>(d.count());
      return at;
    }
    t -= d;
  }
  at.shot = settings_.script.size() - 1;
  at.progress = 1;
  return at;
}

SyntheticCamera::Rendered SyntheticCamera::render(std::uint64_t index, const Placement& at) {
  const SyntheticShot& shot = settings_.script[at.shot];
  const SceneSpec& scene = shot.scene;
  // The room is drawn once per background; each frame starts from a copy of it.
  if (background_seed_ != scene.background_seed || background_.width != scene.width ||
      background_.height != scene.height) {
    background_ = render_background(scene.width, scene.height, scene.background_seed);
    background_seed_ = scene.background_seed;
  }
  // Draws the code and blurs only around it: the room is smooth already, and blurring the
  // whole frame would cost more than the decoder being measured.
  const auto compose = [&](const std::optional<CodeInView>& code, int motion_px, GreyImage& frame,
                           SymbolCorners& corners) {
    frame = background_;
    if (!code) return;
    corners = draw_code(frame, *code);
    const PixelRect box = code_bounds(*code, motion_px + 2 * scene.defocus_px + 2);
    defocus_blur(frame, box, scene.defocus_px);
    box_blur_horizontal(frame, box, motion_px / 2);
  };

  Rendered r;
  r.has_code = scene.code.has_value();
  if (!shot.code_to || !scene.code) {
    if (cached_shot_ != at.shot) {
      cached_shot_ = at.shot;
      variants_.assign(static_cast<std::size_t>(std::max(1, settings_.still_variants)), nullptr);
      cached_corners_ = {};
    }
    auto& variant = variants_[index % variants_.size()];
    if (!variant) {
      auto frame = std::make_shared<GreyImage>();
      compose(scene.code, scene.motion_px, *frame, cached_corners_);
      add_sensor_noise(*frame, scene.noise_sigma,
                       scene.noise_seed * 131 + index % variants_.size());
      variant = std::move(frame);
    }
    r.image = variant;
    r.corners = cached_corners_;
    r.motion_blur_px = scene.motion_px;
    return r;
  }
  // Moving: eased out, so the hand is fast at first and comes to rest at the end.
  const double eased = 1 - (1 - at.progress) * (1 - at.progress);
  const int motion = static_cast<int>(std::lround(scene.motion_px * (1 - at.progress)));
  auto frame = std::make_shared<GreyImage>();
  compose(between(*scene.code, *shot.code_to, eased), motion, *frame, r.corners);
  r.motion_blur_px = motion;
  // Sensor noise: one noise field per shot, laid over each frame at a different offset.
  // Drawing fresh random numbers for 0.9 million pixels per frame would make the renderer, not
  // the code being measured, the bottleneck.
  if (noise_shot_ != at.shot) {
    noise_shot_ = at.shot;
    GreyImage field{
        scene.width, scene.height,
        std::vector<std::uint8_t>(static_cast<std::size_t>(scene.width) * scene.height, 128)};
    add_sensor_noise(field, scene.noise_sigma, scene.noise_seed * 7919);
    noise_.assign(field.pixels.begin(), field.pixels.end());
  }
  const std::size_t n = noise_.size();
  const std::size_t offset = static_cast<std::size_t>(index * 104729) % n;
  for (std::size_t i = 0; i < frame->pixels.size() && n > 0; ++i) {
    const std::size_t k = i + offset < n ? i + offset : i + offset - n;
    const int value = frame->pixels[i] + noise_[k] - 128;
    frame->pixels[i] = static_cast<std::uint8_t>(std::clamp(value, 0, 255));
  }
  r.image = std::move(frame);
  return r;
}

void SyntheticCamera::produce() {
  std::uint64_t index = 0;
  while (true) {
    // Behind schedule (a slow render): skip to the frame that is due now, as a real camera
    // does not fall behind its own clock.
    const auto now = FrameClock::now();
    if (now > start_) {
      index = std::max<std::uint64_t>(index, static_cast<std::uint64_t>((now - start_) / period_));
    }
    const Placement at = place(index);
    if (at.finished) {
      {
        std::lock_guard lock(mutex_);
        finished_ = true;
      }
      changed_.notify_all();
      return;
    }
    const Rendered frame = render(index, at);
    const FrameClock::time_point due = start_ + period_ * index;
    {
      std::unique_lock lock(mutex_);
      if (changed_.wait_until(lock, due, [this] { return !running_; })) return;
    }
    if (observer_) {
      SyntheticFrameInfo info;
      info.sequence = index;
      info.captured_at = due;
      info.released_at = FrameClock::now();
      info.shot = at.shot;
      if (frame.has_code) {
        info.code = settings_.script[at.shot].scene.code->text;
        info.code_inside = inside(frame.corners, frame.image->width, frame.image->height);
        info.motion_blur_px = frame.motion_blur_px;
      }
      observer_(info);
    }
    {
      std::lock_guard lock(mutex_);
      latest_ = frame.image;
      latest_index_ = index;
      has_latest_ = true;
    }
    changed_.notify_all();
    ++index;
  }
}

FrameStatus SyntheticCamera::next_frame(Frame& out, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  const auto fresh = [this] {
    return has_latest_ && (!last_returned_ || latest_index_ > *last_returned_);
  };
  if (!running_) return FrameStatus::Lost;
  if (!changed_.wait_for(lock, timeout, [&] { return fresh() || finished_ || !running_; })) {
    return FrameStatus::NoFrame;
  }
  if (!running_) return FrameStatus::Lost;
  if (!fresh()) return FrameStatus::Finished;
  held_ = latest_;
  last_returned_ = latest_index_;
  out.grey = held_->view();
  out.captured_at = start_ + period_ * latest_index_;
  out.sequence = latest_index_;
  return FrameStatus::Ok;
}

std::vector<SyntheticShot> SyntheticCamera::demo_script(const std::vector<std::string>& codes) {
  std::vector<SyntheticShot> script;
  std::mt19937 random(2019);
  std::uint32_t seed = 1;
  for (const std::string& text : codes) {
    SceneSpec empty;
    empty.background_seed = seed;
    empty.noise_seed = seed;
    script.push_back({std::chrono::milliseconds(1500), empty, std::nullopt});

    CodeInView held;
    held.text = text;
    held.centre = {500.0 + static_cast<double>(random() % 280),
                   300.0 + static_cast<double>(random() % 120)};
    held.side_px = 150 + static_cast<double>(random() % 150);
    held.rotation_deg = static_cast<double>(random() % 30) - 15;
    held.tilt_deg = static_cast<double>(random() % 30);
    held.glare = (random() % 3 == 0) ? 0.5 : 0.0;
    CodeInView outside = held;
    outside.centre.x = 1280 + held.side_px;

    SceneSpec coming = empty;
    coming.code = outside;
    coming.motion_px = 24;
    script.push_back({std::chrono::milliseconds(400), coming, held});

    SceneSpec still = empty;
    still.code = held;
    script.push_back({std::chrono::milliseconds(2000), still, std::nullopt});

    SceneSpec going = coming;
    going.code = held;
    script.push_back({std::chrono::milliseconds(400), going, outside});
    ++seed;
  }
  return script;
}

}  // namespace einlass::scan
