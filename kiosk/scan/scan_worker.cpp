#include "kiosk/scan/scan_worker.hpp"

#include <time.h>

#include <algorithm>
#include <exception>
#include <utility>

#include "kiosk/scan/grey_filters.hpp"

namespace einlass::scan {
namespace {

// How long one next_frame() call may block: bounds how long stopping the worker takes.
constexpr std::chrono::milliseconds kFrameWait{200};

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

ScanWorker::ScanWorker(std::unique_ptr<FrameSource> source, std::function<void()> wake)
    : ScanWorker(std::move(source), std::move(wake), ScanWorkerSettings{}) {}

ScanWorker::ScanWorker(std::unique_ptr<FrameSource> source, std::function<void()> wake,
                       ScanWorkerSettings settings)
    : source_(std::move(source)),
      wake_(std::move(wake)),
      settings_(settings),
      description_(source_ ? source_->describe() : std::string()),
      scanner_(settings.scanner) {
  if (!source_) return;
  state_ = CameraState::Starting;
  thread_ = std::thread([this] { run(); });
}

ScanWorker::~ScanWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<ScanResult> ScanWorker::take_scan() {
  std::lock_guard lock(mutex_);
  if (pending_scans_.empty()) return std::nullopt;
  ScanResult scan = std::move(pending_scans_.front());
  pending_scans_.pop_front();
  return scan;
}

void ScanWorker::queue_scan(ScanResult scan) {
  std::lock_guard lock(mutex_);
  // A code already waiting is not queued twice (the double-scan rule lets it through again
  // only after its hold-off, by when the window has long taken it).
  const auto same = std::find_if(pending_scans_.begin(), pending_scans_.end(),
                                 [&](const ScanResult& s) { return s.code == scan.code; });
  if (same != pending_scans_.end()) return;
  if (pending_scans_.size() >= kMaxPendingScans) pending_scans_.pop_front();
  pending_scans_.push_back(std::move(scan));
  ++stats_.scans;
}

bool ScanWorker::latest_preview(PreviewFrame& out, uint64_t newer_than) const {
  std::lock_guard lock(mutex_);
  if (preview_.sequence <= newer_than) return false;
  out.width = preview_.width;
  out.height = preview_.height;
  out.pixels.assign(preview_.pixels.begin(), preview_.pixels.end());
  out.code_outline = preview_.code_outline;
  out.sequence = preview_.sequence;
  return true;
}

CameraState ScanWorker::camera_state() const {
  return state_.load();
}

std::string ScanWorker::camera_problem() const {
  std::lock_guard lock(mutex_);
  return problem_;
}

ScanWorkerStats ScanWorker::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void ScanWorker::notify() const {
  if (wake_) wake_();
}

void ScanWorker::set_state(CameraState state, const std::string& problem) {
  bool changed = false;
  {
    std::lock_guard lock(mutex_);
    changed = state_.load() != state || problem_ != problem;
    state_ = state;
    problem_ = problem;
  }
  if (changed) notify();
}

bool ScanWorker::pause(std::chrono::milliseconds d) {
  std::unique_lock lock(mutex_);
  return !stop_signal_.wait_for(lock, d, [this] { return stopping_; });
}

void ScanWorker::run() {
  bool first = true;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      if (!first) ++stats_.reconnects;
    }
    first = false;
    // Nothing thrown on this thread may end the kiosk (an exception leaving a std::thread
    // calls std::terminate): a driver or decoder failure is reported like a lost camera and
    // tried again, and the hardware scanner and typed codes keep working meanwhile.
    try {
      open_and_stream();
    } catch (const std::exception& e) {
      set_state(CameraState::Unavailable, description_ + ": " + e.what());
    } catch (...) {
      set_state(CameraState::Unavailable, description_ + ": unknown error");
    }
    if (state_.load() != CameraState::Unavailable) break;  // stopped, or a finite source ended
    if (!pause(settings_.retry_interval)) break;
  }
}

void ScanWorker::open_and_stream() {
  std::string why_not;
  if (!source_->open(why_not)) {
    set_state(CameraState::Unavailable, why_not);
    return;
  }
  // Closed however streaming ends, also when it throws.
  struct Closer {
    FrameSource& source;
    ~Closer() {
      try {
        source.close();
      } catch (...) {  // a failing close changes nothing: the next open() starts afresh
      }
    }
  } closer{*source_};
  set_state(CameraState::Starting);
  stream();
}

// Reads frames until the worker stops (state unchanged), the source ends (state Finished) or
// the camera is lost (state Unavailable).
void ScanWorker::stream() {
  auto last_frame_at = FrameClock::now();
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    Frame frame;
    const FrameStatus status = source_->next_frame(frame, kFrameWait);
    switch (status) {
      case FrameStatus::Ok:
        last_frame_at = FrameClock::now();
        if (state_.load() != CameraState::Running) set_state(CameraState::Running);
        handle(frame);
        break;
      case FrameStatus::NoFrame:
        if (FrameClock::now() - last_frame_at > settings_.stall_timeout) {
          set_state(CameraState::Unavailable, description_ + ": no picture from the camera");
          return;
        }
        break;
      case FrameStatus::Lost:
        set_state(CameraState::Unavailable, description_ + ": camera disconnected");
        return;
      case FrameStatus::Finished:
        set_state(CameraState::Finished);
        return;
    }
  }
}

void ScanWorker::handle(const Frame& frame) {
  const FrameVerdict verdict = scanner_.process(frame);
  bool news = false;
  if (verdict.new_scan) {
    queue_scan(ScanResult{verdict.code->text, verdict.code->corners, frame.captured_at});
    news = true;
  }
  const bool preview_due =
      verdict.moved || verdict.code || !last_preview_time_ ||
      frame.captured_at - *last_preview_time_ >= settings_.still_preview_interval;
  if (preview_due) {
    publish_preview(frame);
    news = true;
  }
  {
    std::lock_guard lock(mutex_);
    ++stats_.frames;
    stats_.decoded += verdict.decoded ? 1 : 0;
    stats_.whole_frame += verdict.whole_frame ? 1 : 0;
    stats_.thread_cpu_seconds = thread_cpu_seconds();
  }
  if (news) notify();
}

void ScanWorker::publish_preview(const Frame& frame) {
  last_preview_time_ = frame.captured_at;
  const int max_width = std::max(1, settings_.preview_max_width);
  const int factor = std::max(1, (frame.grey.width + max_width - 1) / max_width);
  // Built outside the lock, then swapped in: the UI thread never waits for the copy.
  GreyImage scaled{preview_back_.width, preview_back_.height, std::move(preview_back_.pixels)};
  shrink(frame.grey, factor, scaled);
  preview_back_.width = scaled.width;
  preview_back_.height = scaled.height;
  preview_back_.pixels = std::move(scaled.pixels);
  preview_back_.code_outline.reset();
  const auto seen = scanner_.last_code_time();
  if (seen && frame.captured_at - *seen <= settings_.outline_linger && scanner_.last_corners()) {
    std::array<Point, 4> outline = *scanner_.last_corners();
    for (Point& p : outline)
      p = Point{p.x / factor, p.y / factor};
    preview_back_.code_outline = outline;
  }
  std::lock_guard lock(mutex_);
  preview_back_.sequence = preview_.sequence + 1;
  std::swap(preview_, preview_back_);
}

}  // namespace einlass::scan
