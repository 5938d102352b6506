#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/scan/grey_filters.hpp"
#include "kiosk/scan/grey_image.hpp"
#include "kiosk/scan/homography.hpp"

namespace einlass::scan {

// A QR code as a webcam sees it: on a phone screen (dark bezel around a white card) or a
// print-out, held at some distance, turned and tilted, with a highlight from a lamp on it.
struct CodeInView {
  std::string text;
  PointF centre{640, 360};  // frame pixels
  double side_px = 200;     // the symbol (modules, no quiet zone) face-on; a ticket has 41
  double rotation_deg = 0;  // turned in the plane of the frame
  double tilt_deg = 0;      // turned about the vertical axis: perspective (0 = face-on)
  int dark = 40;            // grey level of a dark module
  int light = 215;          // grey level of the card (screen or paper white)
  double bezel = 0.12;      // dark frame around the card, as a fraction of the card side
  int bezel_level = 25;
  double glare = 0;            // 0..1: how far a highlight pulls pixels towards white
  PointF glare_at{0.35, 0.4};  // highlight centre, in card coordinates (0..1)
  double glare_radius = 0.22;  // fraction of the card side
};

// One synthetic camera frame. Everything is deterministic for given seeds, so a benchmark can
// show the same images to several decoders and a test failure can be reproduced.
struct SceneSpec {
  int width = 1280;
  int height = 720;
  std::uint32_t background_seed = 1;  // room: smooth shading plus some clutter with edges
  std::optional<CodeInView> code;     // none: a frame without a code
  int defocus_px = 0;                 // lens out of focus (blur radius)
  int motion_px = 0;                  // hand moving sideways during the exposure
  double noise_sigma = 3;             // sensor noise, grey levels
  std::uint64_t noise_seed = 1;
};

// Where the symbol's corners landed (top-left, top-right, bottom-right, bottom-left of the
// symbol itself, without quiet zone), for tests that check the reported outline.
using SymbolCorners = std::array<PointF, 4>;

GreyImage render_scene(const SceneSpec& spec, SymbolCorners* corners = nullptr);

// The pieces render_scene is made of, for the synthetic camera, which keeps one background and
// redraws only the code while it moves.
GreyImage render_background(int width, int height, std::uint32_t seed);
// Draws the code (anti-aliased) and returns the symbol corners. Throws std::invalid_argument
// for text that cannot be a QR code.
SymbolCorners draw_code(GreyImage& frame, const CodeInView& code);
// The frame rectangle the code (with bezel) covers, grown by `margin` pixels.
PixelRect code_bounds(const CodeInView& code, int margin);

}  // namespace einlass::scan
