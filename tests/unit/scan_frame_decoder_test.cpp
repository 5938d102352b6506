// Reading codes from camera frames: the locate-then-decode pipeline the kiosk camera uses,
// on synthetic 720p frames like a webcam's (clutter, noise, a phone held at various
// distances, angles, blur and glare).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kiosk/scan/frame_decoder.hpp"
#include "kiosk/scan/synthetic_scene.hpp"
#include "scan_test_support.hpp"

namespace einlass::scan {
namespace {

using testing::empty_scene;
using testing::scene_with_code;
using testing::ticket_text;

double distance(Point a, PointF b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

TEST(ScanFrameDecoder, ReadsTicketsHeldNearAndFarAnywhereInTheFrame) {
  FrameDecoder decoder;
  const struct {
    double side, x, y;
  } placements[] = {
      {120, 200, 150}, {160, 1000, 560}, {240, 640, 360}, {360, 400, 400}, {480, 800, 360}};
  unsigned seed = 1;
  for (const auto& p : placements) {
    const std::string text = ticket_text(seed);
    SymbolCorners truth{};
    const GreyImage frame = render_scene(scene_with_code(text, p.side, p.x, p.y, seed++), &truth);
    const auto found = decoder.decode(frame.view());
    ASSERT_TRUE(found) << "code of " << p.side << " px at " << p.x << "," << p.y;
    EXPECT_EQ(found->text, text);
    // The outline the kiosk draws sits on the code (within a module or two).
    for (std::size_t i = 0; i < 4; ++i) {
      EXPECT_LT(distance(found->corners[i], truth[i]), p.side / 41 * 2.5) << "corner " << i;
    }
  }
}

TEST(ScanFrameDecoder, ReadsBlurredNoisyTiltedAndGlaringCodes) {
  FrameDecoder decoder;
  const std::string text = ticket_text(7);
  SceneSpec blurred = scene_with_code(text, 260);
  blurred.defocus_px = 2;
  SceneSpec moving = scene_with_code(text, 260);
  moving.motion_px = 6;
  SceneSpec dim = scene_with_code(text, 220);
  dim.noise_sigma = 20;
  SceneSpec tilted = scene_with_code(text, 240);
  tilted.code->tilt_deg = 40;
  SceneSpec glare = scene_with_code(text, 240);
  glare.code->glare = 0.7;
  for (const SceneSpec& spec : {blurred, moving, dim, tilted, glare}) {
    const auto found = decoder.decode(render_scene(spec).view());
    ASSERT_TRUE(found);
    EXPECT_EQ(found->text, text);
  }
}

TEST(ScanFrameDecoder, FramesWithoutACodeGiveNothing) {
  FrameDecoder decoder;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    SceneSpec spec = empty_scene(seed);
    spec.noise_sigma = seed * 4.0;
    EXPECT_FALSE(decoder.decode(render_scene(spec).view())) << "seed " << seed;
  }
}

TEST(ScanFrameDecoder, YuyvLumaReadInPlaceGivesTheSameCode) {
  const std::string text = ticket_text(3);
  const GreyImage grey = render_scene(scene_with_code(text, 180, 500, 300, 3));
  // A YUYV buffer as a webcam delivers it: Y U Y V ..., rows padded to a 64-byte multiple.
  const int stride = (grey.width * 2 + 63) / 64 * 64 + 64;
  std::vector<std::uint8_t> yuyv(static_cast<std::size_t>(stride) * grey.height, 0x80);
  for (int y = 0; y < grey.height; ++y) {
    for (int x = 0; x < grey.width; ++x) {
      yuyv[static_cast<std::size_t>(y) * stride + 2 * x] =
          grey.pixels[static_cast<std::size_t>(y) * grey.width + x];
      yuyv[static_cast<std::size_t>(y) * stride + 2 * x + 1] = static_cast<std::uint8_t>(x * 7 + y);
    }
  }
  FrameDecoder decoder;
  const auto from_grey = decoder.decode(grey.view());
  const auto from_yuyv = decoder.decode(GreyView{yuyv.data(), grey.width, grey.height, stride, 2});
  ASSERT_TRUE(from_grey);
  ASSERT_TRUE(from_yuyv);
  EXPECT_EQ(from_yuyv->text, text);
  EXPECT_EQ(from_yuyv->corners[0].x, from_grey->corners[0].x);
  EXPECT_EQ(from_yuyv->corners[0].y, from_grey->corners[0].y);
}

TEST(ScanFrameDecoder, FollowsACodeThatMovedSinceTheLastFrame) {
  FrameDecoder decoder;
  const std::string text = ticket_text(4);
  const auto first = decoder.decode(render_scene(scene_with_code(text, 220, 600, 350)).view());
  ASSERT_TRUE(first);
  // The hand moved 30 px: the region around the last position is tried first and still fits.
  const auto next =
      decoder.decode(render_scene(scene_with_code(text, 230, 630, 360)).view(), first->corners);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->text, text);
  // A hint pointing at the wrong place costs a try but does not hide the code.
  const auto moved_far =
      decoder.decode(render_scene(scene_with_code(text, 200, 250, 200)).view(), first->corners);
  ASSERT_TRUE(moved_far);
  EXPECT_EQ(moved_far->text, text);
}

TEST(ScanFrameDecoder, WholeFrameSearchFindsWhatTheLocatorFinds) {
  FrameDecoder decoder;
  const std::string text = ticket_text(5);
  const GreyImage frame = render_scene(scene_with_code(text, 200));
  const auto found = decoder.decode_whole(frame.view());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->text, text);
}

TEST(ScanFrameDecoder, InvalidViewIsRejected) {
  FrameDecoder decoder;
  EXPECT_THROW(decoder.decode(GreyView{}), std::invalid_argument);
  std::vector<std::uint8_t> pixels(100);
  EXPECT_THROW(decoder.decode(GreyView{pixels.data(), 10, 10, 5, 1}), std::invalid_argument);
}

}  // namespace
}  // namespace einlass::scan
