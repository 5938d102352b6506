// What happens frame by frame in front of the camera: the motion gate must not hide a code
// held still, a code held up for a while is one scan, showing it again right away is not a
// second check-in attempt, and a different code is handled at once. Driven with synthetic
// frames and their capture times, so no test waits for a clock.

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <vector>

#include "kiosk/scan/frame_scanner.hpp"
#include "kiosk/scan/synthetic_scene.hpp"
#include "scan_test_support.hpp"

namespace einlass::scan {
namespace {

using namespace std::chrono_literals;
using testing::empty_scene;
using testing::scene_with_code;
using testing::ticket_text;

constexpr auto kFramePeriod = 33ms;  // 30 fps

// A few renderings of one scene with different sensor noise, cycled like camera frames.
struct Footage {
  std::vector<GreyImage> variants;
  explicit Footage(SceneSpec spec) {
    for (std::uint64_t n = 0; n < 3; ++n) {
      spec.noise_seed = 100 + n;
      variants.push_back(render_scene(spec));
    }
  }
};

class Camera {
 public:
  explicit Camera(FrameScannerSettings settings = {}) : scanner_(settings) {}

  // Shows `footage` for `duration`; returns the verdict of each frame.
  std::vector<FrameVerdict> show(const Footage& footage, std::chrono::milliseconds duration) {
    std::vector<FrameVerdict> verdicts;
    for (auto shown = 0ms; shown < duration; shown += kFramePeriod) {
      Frame frame;
      frame.grey = footage.variants[sequence_ % footage.variants.size()].view();
      frame.captured_at = now_;
      frame.sequence = sequence_++;
      verdicts.push_back(scanner_.process(frame));
      now_ += kFramePeriod;
    }
    return verdicts;
  }

 private:
  FrameScanner scanner_;
  FrameClock::time_point now_{};
  std::uint64_t sequence_ = 0;
};

int scans_in(const std::vector<FrameVerdict>& verdicts) {
  int n = 0;
  for (const auto& v : verdicts)
    n += v.new_scan ? 1 : 0;
  return n;
}

// Index of the first frame with a new scan, or nullopt.
std::optional<std::size_t> first_scan(const std::vector<FrameVerdict>& verdicts) {
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    if (verdicts[i].new_scan) return i;
  }
  return std::nullopt;
}

class ScanFrameScanner : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    room_ = new Footage(empty_scene(3));
    code_a_ = new Footage(scene_with_code(ticket_text(11), 200, 600, 340, 3));
    code_b_ = new Footage(scene_with_code(ticket_text(12), 220, 660, 380, 3));
    SceneSpec smeared = scene_with_code(ticket_text(11), 200, 600, 340, 3);
    smeared.motion_px = 60;  // a phone being swung up: too smeared to read
    smeared_a_ = new Footage(smeared);
  }
  static void TearDownTestSuite() {
    delete room_;
    delete code_a_;
    delete code_b_;
    delete smeared_a_;
  }
  static Footage* room_;
  static Footage* code_a_;
  static Footage* code_b_;
  static Footage* smeared_a_;
};
Footage* ScanFrameScanner::room_ = nullptr;
Footage* ScanFrameScanner::code_a_ = nullptr;
Footage* ScanFrameScanner::code_b_ = nullptr;
Footage* ScanFrameScanner::smeared_a_ = nullptr;

// Settings under which nothing ever counts as motion and the finder-pattern locator never
// finds anything: only the still-scene schedule and the whole-frame search are left.
FrameScannerSettings blind_gate_and_locator() {
  FrameScannerSettings blind;
  blind.gate.min_level_change = 255;
  blind.gate.moved_share = 1.0;
  blind.decode.locator.min_contrast = 256;  // no pattern has that much contrast
  return blind;
}

TEST_F(ScanFrameScanner, CodeHeldStillIsReadEvenWhenTheGateSeesNoMotionAtAll) {
  // The worst case for the gate: it is made blind (nothing ever counts as motion). A code
  // that appears and is held still for half a second must still be read.
  FrameScannerSettings blind;
  blind.gate.min_level_change = 255;
  blind.gate.moved_share = 1.0;
  Camera camera(blind);
  camera.show(*room_, 1s);
  const auto held = camera.show(*code_a_, 500ms);
  EXPECT_EQ(scans_in(held), 1);
}

TEST_F(ScanFrameScanner, CodeTheLocatorMissesIsReadWithinHalfASecondWhateverTheTiming) {
  // Neither the gate nor the locator sees anything: the whole-frame search on still frames
  // must come often enough that the code is read however its appearance falls between them.
  for (int offset = 0; offset < 14; ++offset) {
    Camera camera(blind_gate_and_locator());
    camera.show(*room_, 500ms + offset * kFramePeriod);
    const auto held = camera.show(*code_a_, 500ms);
    EXPECT_EQ(scans_in(held), 1) << "code shown " << offset << " frames later";
  }
}

TEST_F(ScanFrameScanner, FirstStillFrameAfterMotionIsSearchedWhole) {
  // A code brought in too smeared to read, that the locator then misses: the first frame
  // after it stops is searched whole, not a still-scene interval later.
  FrameScannerSettings settings;
  settings.decode.locator.min_contrast = 256;
  Camera camera(settings);
  camera.show(*room_, 1s);
  EXPECT_EQ(scans_in(camera.show(*smeared_a_, 300ms)), 0);
  const auto still = camera.show(*code_a_, 300ms);
  ASSERT_TRUE(first_scan(still).has_value());
  // Frame 0 still differs from the smeared one (motion); frame 1 is the first still frame.
  EXPECT_LE(*first_scan(still), 1u);
  EXPECT_TRUE(still[*first_scan(still)].whole_frame);
}

TEST_F(ScanFrameScanner, CodeBroughtInTooSmearedToReadIsReadOnceItStops) {
  Camera camera;
  camera.show(*room_, 1s);
  EXPECT_EQ(scans_in(camera.show(*smeared_a_, 300ms)), 0);
  const auto still = camera.show(*code_a_, 500ms);
  EXPECT_EQ(scans_in(still), 1);
}

TEST_F(ScanFrameScanner, CodeThatAppearsIsReadOnTheFirstFrameShowingIt) {
  Camera camera;
  camera.show(*room_, 1s);
  const auto shown = camera.show(*code_a_, 300ms);
  EXPECT_EQ(first_scan(shown), std::optional<std::size_t>(0));
}

TEST_F(ScanFrameScanner, CodeHeldUpForSecondsIsOneScan) {
  Camera camera;
  camera.show(*room_, 500ms);
  EXPECT_EQ(scans_in(camera.show(*code_a_, 5s)), 1);
}

TEST_F(ScanFrameScanner, SameCodeShownAgainWithinSecondsIsNotASecondAttempt) {
  Camera camera;
  EXPECT_EQ(scans_in(camera.show(*code_a_, 1s)), 1);
  camera.show(*room_, 1s);
  EXPECT_EQ(scans_in(camera.show(*code_a_, 1s)), 0);
  // Someone coming back later gets an answer again.
  camera.show(*room_, 4s);
  EXPECT_EQ(scans_in(camera.show(*code_a_, 1s)), 1);
}

TEST_F(ScanFrameScanner, DifferentCodeIsHandledAtOnce) {
  Camera camera;
  EXPECT_EQ(scans_in(camera.show(*code_a_, 1s)), 1);
  const auto next = camera.show(*code_b_, 1s);
  EXPECT_EQ(first_scan(next), std::optional<std::size_t>(0));
  EXPECT_EQ(scans_in(next), 1);
  // And back to the first, still within its hold-off: someone waving their ticket again.
  EXPECT_EQ(scans_in(camera.show(*code_a_, 1s)), 0);
}

TEST_F(ScanFrameScanner, StillSceneIsDecodedOnlyAFewTimesASecond) {
  Camera camera;
  camera.show(*room_, 1s);
  const auto idle = camera.show(*room_, 3s);
  int decoded = 0;
  for (const auto& v : idle)
    decoded += v.decoded ? 1 : 0;
  // Every 400 ms (13 frames at 30 fps), each with the locator and the whole-frame search.
  EXPECT_LE(decoded, 8) << "of " << idle.size() << " frames";
  EXPECT_GE(decoded, 6);  // still looked at, more than twice a second
}

}  // namespace
}  // namespace einlass::scan
