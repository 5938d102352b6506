// The scan worker as the kiosk window uses it: scans and preview frames arrive on their own
// and wake the window, a camera that is missing or pulled out is reported as unavailable and
// comes back by itself, and every kind of source works through open_frame_source().

#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/scan/file_source.hpp"
#include "kiosk/scan/image_file.hpp"
#include "kiosk/scan/qr_render.hpp"
#include "kiosk/scan/scan_worker.hpp"
#include "kiosk/scan/synthetic_camera.hpp"
#include "scan_test_support.hpp"

namespace einlass::scan {
namespace {

using namespace std::chrono_literals;
using testing::empty_scene;
using testing::eventually;
using testing::PluggableSource;
using testing::scene_with_code;
using testing::ticket_text;

std::unique_ptr<SyntheticCamera> camera_showing(const std::string& text,
                                                std::chrono::milliseconds empty_first = 300ms) {
  SyntheticCameraSettings settings;
  settings.script = {{empty_first, empty_scene(2), std::nullopt},
                     {2000ms, scene_with_code(text, 220, 600, 350, 2), std::nullopt}};
  return std::make_unique<SyntheticCamera>(settings);
}

ScanWorkerSettings quick_retry() {
  ScanWorkerSettings settings;
  settings.retry_interval = 100ms;
  return settings;
}

TEST(ScanWorker, ScanFromTheCameraArrivesAndWakesTheWindow) {
  const std::string text = ticket_text(21);
  std::atomic<int> wakes{0};
  ScanWorker worker(camera_showing(text), [&] { ++wakes; });
  std::optional<ScanResult> scan;
  ASSERT_TRUE(eventually([&] { return (scan = worker.take_scan()).has_value(); }));
  EXPECT_EQ(scan->code, text);
  EXPECT_GT(wakes.load(), 0);
  EXPECT_EQ(worker.camera_state(), CameraState::Running);
  // The scan is taken once.
  EXPECT_FALSE(worker.take_scan());
  // Held up for two seconds, it stays one scan.
  std::this_thread::sleep_for(1s);
  EXPECT_FALSE(worker.take_scan());
}

TEST(ScanWorker, PreviewIsSmallGreyAndOutlinesTheCode) {
  const std::string text = ticket_text(22);
  ScanWorker worker(camera_showing(text, 100ms), [] {});
  PreviewFrame preview;
  std::uint64_t seen = 0;
  ASSERT_TRUE(eventually([&] {
    if (worker.latest_preview(preview, seen)) seen = preview.sequence;
    return preview.code_outline.has_value();
  }));
  EXPECT_EQ(preview.width, 640);
  EXPECT_EQ(preview.height, 360);
  EXPECT_EQ(preview.pixels.size(), 640u * 360u);
  // The code is centred at (600, 350) in the 1280x720 frame: (300, 175) in the preview.
  int cx = 0, cy = 0;
  for (const Point& p : *preview.code_outline)
    cx += p.x, cy += p.y;
  EXPECT_NEAR(cx / 4, 300, 8);
  EXPECT_NEAR(cy / 4, 175, 8);
  // Nothing newer than what was just taken, until the next frame.
  PreviewFrame again;
  EXPECT_FALSE(worker.latest_preview(again, preview.sequence + 1000));
}

TEST(ScanWorker, CameraPulledOutMidStreamIsReportedAndComesBack) {
  const std::string text = ticket_text(23);
  auto source = std::make_unique<PluggableSource>(camera_showing(text, 100ms));
  PluggableSource* plug = source.get();
  ScanWorker worker(
      std::move(source), [] {}, quick_retry());
  ASSERT_TRUE(eventually([&] { return worker.take_scan().has_value(); }));

  plug->set_plugged(false);
  ASSERT_TRUE(eventually([&] { return worker.camera_state() == CameraState::Unavailable; }));
  EXPECT_FALSE(worker.camera_problem().empty());
  // It keeps trying while the cable is out.
  const int opens = plug->opens();
  ASSERT_TRUE(eventually([&] { return plug->opens() >= opens + 2; }));
  EXPECT_EQ(worker.camera_state(), CameraState::Unavailable);

  plug->set_plugged(true);
  ASSERT_TRUE(eventually([&] { return worker.camera_state() == CameraState::Running; }));
  EXPECT_TRUE(worker.camera_problem().empty());
  EXPECT_GE(worker.stats().reconnects, 1u);
}

TEST(ScanWorker, CameraMissingAtStartIsUsedOnceItIsPluggedIn) {
  const std::string text = ticket_text(24);
  auto source = std::make_unique<PluggableSource>(camera_showing(text, 100ms), false);
  PluggableSource* plug = source.get();
  ScanWorker worker(
      std::move(source), [] {}, quick_retry());
  ASSERT_TRUE(eventually([&] { return worker.camera_state() == CameraState::Unavailable; }));
  EXPECT_EQ(worker.camera_problem(), "test camera: no such device");
  plug->set_plugged(true);
  std::optional<ScanResult> scan;
  ASSERT_TRUE(eventually([&] { return (scan = worker.take_scan()).has_value(); }));
  EXPECT_EQ(scan->code, text);
}

// A camera that opens but never delivers a frame (a hung USB device). Its open() waits until
// the test lets it through, so the test sees the Starting state without racing the worker.
class SilentSource final : public FrameSource {
 public:
  std::string describe() const override { return "silent camera"; }
  bool open(std::string&) override {
    std::unique_lock lock(mutex_);
    opened_.wait(lock, [this] { return may_open_; });
    return true;
  }
  void close() override {}
  FrameStatus next_frame(Frame&, std::chrono::milliseconds timeout) override {
    std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(20)));
    return FrameStatus::NoFrame;
  }
  void let_open() {
    {
      std::lock_guard lock(mutex_);
      may_open_ = true;
    }
    opened_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool may_open_ = false;
};

TEST(ScanWorker, CameraThatStopsSendingPicturesIsUnavailable) {
  ScanWorkerSettings settings = quick_retry();
  settings.stall_timeout = 300ms;
  auto source = std::make_unique<SilentSource>();
  SilentSource* silent = source.get();
  ScanWorker worker(
      std::move(source), [] {}, settings);
  EXPECT_EQ(worker.camera_state(), CameraState::Starting);
  silent->let_open();
  ASSERT_TRUE(eventually([&] { return worker.camera_state() == CameraState::Unavailable; }));
  EXPECT_NE(worker.camera_problem().find("no picture"), std::string::npos);
}

// Frames given in advance, delivered one per call with capture times 33 ms apart (the frame
// scanner goes by capture times, so this plays like a 30 fps camera at any speed), then
// Finished. While set_failing(true), next_frame() throws, as a driver or decoder bug would.
class ScriptedSource final : public FrameSource {
 public:
  explicit ScriptedSource(std::vector<GreyImage> frames) : frames_(std::move(frames)) {}
  void set_failing(bool failing) { failing_ = failing; }
  std::string describe() const override { return "scripted camera"; }
  bool open(std::string&) override { return true; }
  void close() override {}
  FrameStatus next_frame(Frame& out, std::chrono::milliseconds) override {
    if (failing_) throw std::runtime_error("driver fell over");
    if (next_ >= frames_.size()) return FrameStatus::Finished;
    out.grey = frames_[next_].view();
    out.captured_at = FrameClock::time_point{} + next_ * 33ms;
    out.sequence = next_++;
    return FrameStatus::Ok;
  }

 private:
  std::vector<GreyImage> frames_;
  std::atomic<bool> failing_{false};
  std::size_t next_ = 0;
};

std::vector<GreyImage> frames_showing(const std::vector<std::string>& texts, int each = 3) {
  std::vector<GreyImage> frames;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const GreyImage image =
        render_scene(scene_with_code(texts[i], 220, 500 + 60 * static_cast<double>(i), 350, 2));
    for (int n = 0; n < each; ++n)
      frames.push_back(image);
  }
  return frames;
}

TEST(ScanWorker, ExceptionOnTheWorkerIsReportedAndTheCameraTriedAgain) {
  const std::string text = ticket_text(25);
  auto source = std::make_unique<ScriptedSource>(frames_showing({text}, 30));
  source->set_failing(true);
  ScriptedSource* scripted = source.get();
  ScanWorker worker(
      std::move(source), [] {}, quick_retry());
  // Reading frames throws: the kiosk lives on, and staff can read why.
  ASSERT_TRUE(eventually(
      [&] { return worker.camera_problem().find("driver fell over") != std::string::npos; }));
  const int opens_while_failing = static_cast<int>(worker.stats().reconnects);
  ASSERT_TRUE(eventually(
      [&] { return static_cast<int>(worker.stats().reconnects) >= opens_while_failing + 2; }));
  scripted->set_failing(false);
  std::optional<ScanResult> scan;
  ASSERT_TRUE(eventually([&] { return (scan = worker.take_scan()).has_value(); }));
  EXPECT_EQ(scan->code, text);
  EXPECT_GE(worker.stats().reconnects, 1u);
}

TEST(ScanWorker, DifferentCodesReadBeforeTheWindowLooksAreAllKept) {
  const std::vector<std::string> texts{ticket_text(26), ticket_text(27), ticket_text(28)};
  ScanWorker worker(std::make_unique<ScriptedSource>(frames_showing(texts)), [] {});
  // Nothing is taken until the source has shown everything.
  ASSERT_TRUE(eventually([&] { return worker.camera_state() == CameraState::Finished; }));
  std::vector<std::string> scans;
  while (auto s = worker.take_scan())
    scans.push_back(s->code);
  EXPECT_EQ(scans, texts);
}

TEST(ScanWorker, NoSourceMeansNoCamera) {
  ScanWorker worker(nullptr, [] {});
  EXPECT_EQ(worker.camera_state(), CameraState::NoCamera);
  EXPECT_FALSE(worker.take_scan());
  PreviewFrame preview;
  EXPECT_FALSE(worker.latest_preview(preview, 0));
}

TEST(ScanWorker, CameraThatIsNotThereIsUnavailableNotAnError) {
  ScanWorker worker(
      open_frame_source("/dev/einlass-test-no-such-camera"), [] {}, quick_retry());
  ASSERT_TRUE(eventually([&] { return worker.camera_state() == CameraState::Unavailable; }));
  EXPECT_NE(worker.camera_problem().find("/dev/einlass-test-no-such-camera"), std::string::npos);
  ScanWorker by_name(open_frame_source("Einlass Test Camera That Does Not Exist"), [] {});
  ASSERT_TRUE(eventually([&] { return by_name.camera_state() == CameraState::Unavailable; }));
  EXPECT_NE(by_name.camera_problem().find("no camera named"), std::string::npos);
}

class ScanWorkerFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("einlass-scan-files-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(ScanWorkerFiles, FolderOfPhotosIsScannedInNameOrder) {
  const std::string first = ticket_text(31), second = ticket_text(32);
  save_grey_png(render_scene(scene_with_code(first, 240, 640, 360, 4)), dir_ / "a.png");
  save_grey_png(render_scene(scene_with_code(second, 240, 500, 300, 5)), dir_ / "b.png");
  std::ofstream(dir_ / "c.png") << "not a picture";
  FileSourceSettings settings;
  settings.hold = 400ms;
  settings.fps = 20;
  settings.loop = false;
  ScanWorker worker(std::make_unique<FileSource>(dir_, settings), [] {});
  std::vector<std::string> scans;
  ASSERT_TRUE(eventually([&] {
    if (auto s = worker.take_scan()) scans.push_back(s->code);
    return scans.size() == 2;
  }));
  EXPECT_EQ(scans, (std::vector<std::string>{first, second}));
  // Shown everything, it says so instead of staying "running".
  EXPECT_TRUE(eventually([&] { return worker.camera_state() == CameraState::Finished; }));
}

TEST_F(ScanWorkerFiles, SpecsNameEveryKindOfSource) {
  EXPECT_EQ(open_frame_source(""), nullptr);
  EXPECT_THROW(open_frame_source("synthetic:"), std::invalid_argument);
  EXPECT_THROW(open_frame_source("files:"), std::invalid_argument);

  const std::string text = ticket_text(33);
  save_grey_png(render_scene(scene_with_code(text, 240)), dir_ / "ticket.png");
  ScanWorker files(open_frame_source("files:" + (dir_ / "ticket.png").string()), [] {});
  std::optional<ScanResult> scan;
  ASSERT_TRUE(eventually([&] { return (scan = files.take_scan()).has_value(); }));
  EXPECT_EQ(scan->code, text);

  // The synthetic camera's demo film brings the code in after 1.5 s of empty room.
  std::ofstream(dir_ / "codes.txt") << "# demo codes\n" << text << "\n\n";
  ScanWorker synthetic(open_frame_source("synthetic:" + (dir_ / "codes.txt").string()), [] {});
  EXPECT_NE(synthetic.source_description().find("synthetic"), std::string::npos);
  scan.reset();
  ASSERT_TRUE(eventually([&] { return (scan = synthetic.take_scan()).has_value(); }));
  EXPECT_EQ(scan->code, text);
}

}  // namespace
}  // namespace einlass::scan
