// The motion gate: a still scene (however noisy the sensor) is recognised as still, so the
// decoder can rest; anything that could be a code arriving is recognised as motion.

#include <gtest/gtest.h>

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
  // A code fading in over many frames (a phone screen waking up) changes each frame only a
  // little, but the gate compares with the frame the decoder last saw, not the previous one.
  MotionGate gate;
  gate.moved(render_scene(empty_scene(5)).view());
  gate.accept();
  bool moved = false;
  for (int step = 1; step <= 10 && !moved; ++step) {
    SceneSpec spec = scene_with_code(ticket_text(2), 220, 640, 360, 5);
    spec.code->dark = 215 - step * 17;  // contrast grows from nothing to full
    moved = gate.moved(render_scene(spec).view());
  }
  EXPECT_TRUE(moved);
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
