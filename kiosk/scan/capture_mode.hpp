#pragma once

#include <optional>
#include <span>

namespace einlass::scan {

enum class PixelFormat { Yuyv, Mjpeg };

// A size and format a camera offers, with the best frame rate it offers for it (up to the
// rate asked for: more than 30 fps gains the decoder nothing).
struct CaptureMode {
  PixelFormat format = PixelFormat::Yuyv;
  int width = 0;
  int height = 0;
  double fps = 0;
};

struct CapturePreferences {
  // A ticket (41 modules) held at arm's length spans ~120-200 px at 1280 px width: 3-5 px per
  // module, what the decoder needs. Wider costs decode time (and YUYV at 1080p runs at 5 fps
  // on USB 2.0); narrower loses small codes.
  int target_width = 1280;
  // A hand moving a phone needs frames often enough to be caught still for a moment.
  double min_fps = 15;
  double smooth_fps = 24;
};

// Picks the mode that serves decoding best (not the one that looks best), in this order:
// at least min_fps; as close to target_width as offered without going below it if possible;
// smooth_fps or more; YUYV over MJPEG (no decode cost, no compression artefacts on module
// edges); the smaller width (fewer pixels to move); the higher frame rate. nullopt when
// `offered` is empty.
std::optional<CaptureMode> choose_capture_mode(std::span<const CaptureMode> offered,
                                               const CapturePreferences& preferences = {});

// libjpeg-turbo can scale by M/8 inside the inverse DCT, which is much cheaper than decoding
// full size and shrinking. Returns the smallest M in 1..8 whose output is still at least
// target_width wide (8 when the frame is not wider than that).
int jpeg_scale_eighths(int width, int target_width);

}  // namespace einlass::scan
