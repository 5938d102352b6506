// The motion gate: a still scene (however noisy the sensor) is recognised as still, so the
// decoder can rest; anything that could be a code arriving is recognised as motion.

#include <gtest/gtest.h>

#include <optional>

#include "kiosk/scan/motion_gate.hpp"
#include "kiosk/scan/synthetic_scene.hpp"
#include "scan_test_support.hpp"

namespace einlass::scan {
namespace {

using testing::empty_scene;
using testing::scene_with_code;
using testing::ticket_text;

TEST(ScanMotionGate, StillSceneWithSensorNoiseIsStill) {
  for (const double sigma : {2.0, 6.0, 20.0}) {
    MotionGate gate;
    SceneSpec spec = empty_scene(5);
    spec.noise_sigma = sigma;
    spec.noise_seed = 1;
    EXPECT_TRUE(gate.moved(render_scene(spec).view()));  // no reference yet
    gate.accept();
    for (std::uint64_t n = 2; n < 8; ++n) {
      spec.noise_seed = n;
      EXPECT_FALSE(gate.moved(render_scene(spec).view())) << "noise " << sigma << " frame " << n;
    }
  }
}

TEST(ScanMotionGate, SmallCodeAppearingIsMotion) {
  MotionGate gate;
  gate.moved(render_scene(empty_scene(5)).view());
  gate.accept();
  // A ticket at the far end of the reading range: ~110 px in a 1280 px frame.
  EXPECT_TRUE(gate.moved(render_scene(scene_with_code(ticket_text(1), 110, 300, 200, 5)).view()));
}

TEST(ScanMotionGate, SomeoneSteppingInFrontIsMotion) {
  MotionGate gate;
  gate.moved(render_scene(empty_scene(5)).view());
  gate.accept();
  EXPECT_TRUE(gate.moved(render_scene(empty_scene(6)).view()));
}

TEST(ScanMotionGate, SlowChangeAddsUpAgainstTheLastDecodedFrame) {
  // A code fading in on a phone screen that is already in view (the screen waking up): each
  // frame differs from the one before by less than the gate's threshold, so a gate comparing
  // with the previous frame would never see it. Compared with the frame the decoder last saw
  // (the one accept() was called for), the change adds up within a few frames. Same sensor
  // noise in every frame, so only the fade differs.
  const auto faded = [](int step) {
    SceneSpec spec = scene_with_code(ticket_text(2), 220, 640, 360, 5);
    spec.code->dark = spec.code->light - step * 6;  // step 0: a blank white card
    return render_scene(spec);
  };
  MotionGate since_decoded, since_previous;
  ASSERT_TRUE(since_decoded.moved(faded(0).view()));
  since_decoded.accept();
  since_previous.moved(faded(0).view());
  since_previous.accept();

  std::optional<int> first_moved;
  for (int step = 1; step <= 6 && !first_moved; ++step) {
    const GreyImage frame = faded(step);
    EXPECT_FALSE(since_previous.moved(frame.view())) << "step " << step << " alone is small";
    since_previous.accept();
    if (since_decoded.moved(frame.view())) first_moved = step;
  }
  ASSERT_TRUE(first_moved.has_value()) << "the fade never added up to motion";
  EXPECT_GE(*first_moved, 2) << "the first step alone must be below the threshold";

  // Once the decoder has looked (accept()), the next small step is compared with that frame.
  since_decoded.accept();
  EXPECT_FALSE(since_decoded.moved(faded(*first_moved + 1).view()));
}

TEST(ScanMotionGate, NewFrameSizeIsMotion) {
  MotionGate gate;
  gate.moved(render_scene(empty_scene(5)).view());
  gate.accept();
  SceneSpec smaller = empty_scene(5);
  smaller.width = 640;
  smaller.height = 360;
  EXPECT_TRUE(gate.moved(render_scene(smaller).view()));
}

}  // namespace
}  // namespace einlass::scan
