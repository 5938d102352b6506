// Frame sources below the worker: MJPEG frames decoded straight to grey, the choice of camera
// mode and device, and the synthetic camera's real-time behaviour. (No camera is attached to
// the test machine: the V4L2 path is tested up to the device, and the worker's handling of a
// camera that goes away is tested at the FrameSource interface in scan_worker_test.cpp.)

#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/scan/camera_lookup.hpp"
#include "kiosk/scan/capture_mode.hpp"
#include "kiosk/scan/file_source.hpp"
#include "kiosk/scan/frame_decoder.hpp"
#include "kiosk/scan/image_file.hpp"
#include "kiosk/scan/mjpeg_decoder.hpp"
#include "kiosk/scan/synthetic_camera.hpp"
#include "kiosk/scan/v4l2_camera.hpp"
#include "scan_test_support.hpp"

namespace einlass::scan {
namespace {

using namespace std::chrono_literals;
using testing::empty_scene;
using testing::scene_with_code;
using testing::ticket_text;

std::vector<std::uint8_t> encode_jpeg(const GreyImage& image, int quality) {
  std::vector<std::uint8_t> bytes;
  stbi_write_jpg_to_func(
      [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<std::uint8_t>*>(context);
        const auto* p = static_cast<const std::uint8_t*>(data);
        out->insert(out->end(), p, p + size);
      },
      &bytes, image.width, image.height, 1, image.pixels.data(), quality);
  return bytes;
}

// Motion-JPEG webcams leave out the Huffman tables (DHT segments) and rely on the standard
// ones; this makes such a frame from an ordinary JPEG.
std::vector<std::uint8_t> without_huffman_tables(const std::vector<std::uint8_t>& jpeg) {
  std::vector<std::uint8_t> out(jpeg.begin(), jpeg.begin() + 2);  // SOI
  std::size_t i = 2;
  while (i + 4 <= jpeg.size() && jpeg[i] == 0xFF && jpeg[i + 1] != 0xDA) {
    const std::size_t length = (static_cast<std::size_t>(jpeg[i + 2]) << 8) | jpeg[i + 3];
    if (jpeg[i + 1] != 0xC4) out.insert(out.end(), jpeg.begin() + i, jpeg.begin() + i + 2 + length);
    i += 2 + length;
  }
  out.insert(out.end(), jpeg.begin() + i, jpeg.end());
  return out;
}

class ScanMjpeg : public ::testing::Test {
 protected:
  const std::string text_ = ticket_text(41);
  const GreyImage frame_ = render_scene(scene_with_code(text_, 300, 640, 360, 6));
};

TEST_F(ScanMjpeg, FrameDecodesToGreyAndTheCodeReads) {
  const auto jpeg = encode_jpeg(frame_, 85);
  MjpegDecoder decoder;
  GreyImage grey;
  ASSERT_TRUE(decoder.decode(jpeg.data(), jpeg.size(), 8, grey));
  EXPECT_EQ(grey.width, 1280);
  EXPECT_EQ(grey.height, 720);
  const auto found = FrameDecoder().decode(grey.view());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->text, text_);
}

TEST_F(ScanMjpeg, ScaledInTheDctAndStillReadable) {
  const auto jpeg = encode_jpeg(frame_, 85);
  MjpegDecoder decoder;
  GreyImage half;
  ASSERT_TRUE(decoder.decode(jpeg.data(), jpeg.size(), 4, half));
  EXPECT_EQ(half.width, 640);
  EXPECT_EQ(half.height, 360);
  const auto found = FrameDecoder().decode(half.view());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->text, text_);
}

TEST_F(ScanMjpeg, FrameWithoutHuffmanTablesDecodes) {
  const auto mjpeg = without_huffman_tables(encode_jpeg(frame_, 85));
  MjpegDecoder decoder;
  GreyImage grey;
  std::string error;
  ASSERT_TRUE(decoder.decode(mjpeg.data(), mjpeg.size(), 8, grey, &error)) << error;
  EXPECT_EQ(grey.width, 1280);
}

TEST_F(ScanMjpeg, DamagedFramesAreRefusedWithAReason) {
  const auto jpeg = encode_jpeg(frame_, 85);
  MjpegDecoder decoder;
  GreyImage grey;
  std::string error;
  EXPECT_FALSE(decoder.decode(jpeg.data(), jpeg.size() / 2, 8, grey, &error));
  EXPECT_FALSE(error.empty());
  const std::vector<std::uint8_t> junk(1000, 0x42);
  EXPECT_FALSE(decoder.decode(junk.data(), junk.size(), 8, grey, &error));
  EXPECT_FALSE(decoder.decode(nullptr, 0, 8, grey, &error));
  // The decoder is fine afterwards.
  EXPECT_TRUE(decoder.decode(jpeg.data(), jpeg.size(), 8, grey));
}

TEST(ScanCaptureMode, PicksWhatServesDecoding) {
  using F = PixelFormat;
  // A typical USB 2.0 webcam: YUYV is slow above 640x480, MJPEG is fast at every size.
  const std::vector<CaptureMode> c270{{F::Yuyv, 640, 480, 30},
                                      {F::Yuyv, 1280, 720, 7.5},
                                      {F::Mjpeg, 640, 480, 30},
                                      {F::Mjpeg, 1280, 720, 30},
                                      {F::Mjpeg, 1920, 1080, 30}};
  auto m = choose_capture_mode(c270);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format, F::Mjpeg);
  EXPECT_EQ(m->width, 1280);
  // When raw 720p comes at full rate, no JPEG decoding is needed.
  const std::vector<CaptureMode> usb3{
      {F::Yuyv, 1280, 720, 30}, {F::Mjpeg, 1280, 720, 30}, {F::Mjpeg, 1920, 1080, 30}};
  m = choose_capture_mode(usb3);
  EXPECT_EQ(m->format, F::Yuyv);
  // 1080p only: take it (and scale it down in the DCT).
  const std::vector<CaptureMode> big{{F::Mjpeg, 1920, 1080, 30}, {F::Yuyv, 1920, 1080, 5}};
  m = choose_capture_mode(big);
  EXPECT_EQ(m->format, F::Mjpeg);
  EXPECT_EQ(jpeg_scale_eighths(1920, 1280), 6);
  EXPECT_EQ(jpeg_scale_eighths(1280, 1280), 8);
  EXPECT_EQ(jpeg_scale_eighths(2560, 1280), 4);
  // An old camera: the most pixels it offers at a usable rate.
  const std::vector<CaptureMode> old{
      {F::Yuyv, 320, 240, 30}, {F::Yuyv, 640, 480, 30}, {F::Yuyv, 800, 600, 10}};
  m = choose_capture_mode(old);
  EXPECT_EQ(m->width, 640);
  EXPECT_FALSE(choose_capture_mode({}));
}

class ScanCameraLookup : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        std::filesystem::temp_directory_path() / ("einlass-sysfs-" + std::to_string(::getpid()));
    add("video0", "Integrated Camera: Integrated C", 0);
    add("video1", "Integrated Camera: Integrated C", 1);  // its metadata node
    add("video2", "HD Webcam C270", 1);
    add("video3", "HD Webcam C270", 0);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void add(const std::string& node, const std::string& name, int index) {
    const auto dir = root_ / "class" / "video4linux" / node;
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "name") << name << "\n";
    std::ofstream(dir / "index") << index << "\n";
  }
  std::filesystem::path root_;
};

TEST_F(ScanCameraLookup, FindsACameraByNameCaptureNodeFirst) {
  const auto nodes = find_camera_nodes("hd webcam c270", root_, "/dev");
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0], "/dev/video3");
  EXPECT_EQ(nodes[1], "/dev/video2");
  EXPECT_EQ(find_camera_nodes("C270", root_, "/dev").front(), "/dev/video3");
  EXPECT_EQ(find_camera_nodes("Integrated", root_, "/dev").front(), "/dev/video0");
  EXPECT_TRUE(find_camera_nodes("Logitech Brio", root_, "/dev").empty());
  EXPECT_EQ(find_camera_nodes("/dev/video7", root_, "/dev").front(), "/dev/video7");
}

TEST_F(ScanCameraLookup, CameraNamedButAbsentSaysSo) {
  V4l2Camera camera("Logitech Brio", {}, root_, "/dev");
  std::string why;
  EXPECT_FALSE(camera.open(why));
  EXPECT_EQ(why, "no camera named \"Logitech Brio\" is connected");
}

TEST(ScanV4l2Camera, NodeThatIsNoCameraIsRefusedWithAReason) {
  V4l2Camera missing("/dev/einlass-no-such-node");
  std::string why;
  EXPECT_FALSE(missing.open(why));
  EXPECT_NE(why.find("no such device"), std::string::npos);
  V4l2Camera not_video("/dev/null");
  EXPECT_FALSE(not_video.open(why));
  EXPECT_NE(why.find("not a V4L2 device"), std::string::npos);
  Frame frame;
  EXPECT_EQ(not_video.next_frame(frame, 10ms), FrameStatus::Lost);
}

TEST(ScanSyntheticCamera, LateReaderGetsTheNewestFrameNotABacklog) {
  SyntheticCameraSettings settings;
  settings.fps = 10;
  settings.script = {{10s, empty_scene(1), std::nullopt}};
  SyntheticCamera camera(settings);
  // The newest frame the camera has released (the observer runs before a reader can see it).
  std::atomic<std::uint64_t> released{0};
  camera.set_observer([&](const SyntheticFrameInfo& info) { released = info.sequence; });
  std::string why;
  ASSERT_TRUE(camera.open(why));
  Frame frame;
  ASSERT_EQ(camera.next_frame(frame, 30s), FrameStatus::Ok);
  const auto first = frame.sequence;
  // A slow consumer: several frames go by before it asks again (however long that takes).
  ASSERT_TRUE(testing::eventually([&] { return released.load() >= first + 4; }));
  std::uint64_t newest = released.load();
  ASSERT_EQ(camera.next_frame(frame, 30s), FrameStatus::Ok);
  EXPECT_GE(frame.sequence, newest) << "the newest frame, not the oldest one missed";
  // The next call waits for a newer frame and again returns the newest, never one it skipped.
  const auto second = frame.sequence;
  newest = released.load();
  ASSERT_EQ(camera.next_frame(frame, 30s), FrameStatus::Ok);
  EXPECT_GT(frame.sequence, second);
  EXPECT_GE(frame.sequence, newest);
}

TEST(ScanSyntheticCamera, ReportsWhatEachFrameShowsAndEndsWithItsScript) {
  SyntheticCameraSettings settings;
  settings.fps = 10;
  settings.loop = false;
  const std::string text = ticket_text(42);
  // The camera runs in real time and skips frames it renders late: shots of a second each
  // leave room for a slow (sanitizer, loaded) machine to render at least one frame of each.
  settings.script = {{1000ms, empty_scene(1), std::nullopt},
                     {1000ms, scene_with_code(text), std::nullopt}};
  SyntheticCamera camera(settings);
  std::vector<SyntheticFrameInfo> seen;
  camera.set_observer([&](const SyntheticFrameInfo& info) { seen.push_back(info); });
  std::string why;
  ASSERT_TRUE(camera.open(why));
  Frame frame;
  FrameStatus status;
  while ((status = camera.next_frame(frame, 30s)) == FrameStatus::Ok) {
  }
  EXPECT_EQ(status, FrameStatus::Finished);
  ASSERT_GE(seen.size(), 2u);
  EXPECT_TRUE(seen.front().code.empty());
  EXPECT_EQ(seen.back().code, text);
  EXPECT_TRUE(seen.back().code_inside);
}

TEST(ScanFileSource, MissingOrEmptyFolderIsRefusedWithAReason) {
  FileSource missing("/nonexistent/einlass/photos");
  std::string why;
  EXPECT_FALSE(missing.open(why));
  EXPECT_NE(why.find("no such file or folder"), std::string::npos);
  const auto empty =
      std::filesystem::temp_directory_path() / ("einlass-empty-" + std::to_string(::getpid()));
  std::filesystem::create_directories(empty);
  FileSource none(empty);
  EXPECT_FALSE(none.open(why));
  EXPECT_NE(why.find("no readable PNG or JPEG"), std::string::npos);
  std::filesystem::remove_all(empty);
}

TEST(ScanFileSource, ReaderThatFallsBehindStillGetsEveryImageInOrder) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("einlass-slides-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (int i = 0; i < 3; ++i) {
    GreyImage image{8, 8, std::vector<std::uint8_t>(64, static_cast<std::uint8_t>(50 * i))};
    save_grey_png(image, dir / ("slide" + std::to_string(i) + ".png"));
  }
  FileSourceSettings settings;
  settings.hold = 50ms;
  settings.fps = 100;
  settings.loop = false;
  FileSource slides(dir, settings);
  std::string why;
  ASSERT_TRUE(slides.open(why)) << why;
  std::vector<int> shown;
  Frame frame;
  FrameStatus status;
  while ((status = slides.next_frame(frame, 30s)) == FrameStatus::Ok) {
    const int level = frame.grey.data[0];
    if (shown.empty() || shown.back() != level) shown.push_back(level);
    std::this_thread::sleep_for(120ms);  // busier than an image is long (any longer works too)
  }
  EXPECT_EQ(status, FrameStatus::Finished);
  EXPECT_EQ(shown, (std::vector<int>{0, 50, 100}));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace einlass::scan
