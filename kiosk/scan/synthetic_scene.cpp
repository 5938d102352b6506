#include "kiosk/scan/synthetic_scene.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <random>
#include <stdexcept>

#include "kiosk/scan/qr_render.hpp"

namespace einlass::scan {
namespace {

// A 720p webcam has a horizontal field of view of about 65 degrees: f = 640 / tan(32.5 deg).
constexpr double kFocalPx = 1000;
// Quiet zone the e-mail leaves around the symbol, in modules.
constexpr int kQuietModules = 4;

struct CardGeometry {
  Homography to_frame;    // card coordinates (0..1, quiet zone included) -> frame
  Homography from_frame;  // frame -> card coordinates
  int modules = 0;        // symbol modules per side
};

CardGeometry card_geometry(const CodeInView& code, int modules) {
  const double card_side = code.side_px * (modules + 2 * kQuietModules) / modules;
  const double rot = code.rotation_deg * std::numbers::pi / 180;
  const double tilt = code.tilt_deg * std::numbers::pi / 180;
  std::array<PointF, 4> quad;
  const std::array<PointF, 4> unit{PointF{0, 0}, PointF{1, 0}, PointF{1, 1}, PointF{0, 1}};
  for (std::size_t i = 0; i < 4; ++i) {
    // Card corner in 3D around the card centre, turned in-plane, then about the vertical axis,
    // then projected through a pinhole camera whose axis meets the card centre at distance f
    // (so a face-on card is exactly side_px wide there).
    const double x = (unit[i].x - 0.5) * card_side, y = (unit[i].y - 0.5) * card_side;
    const double x1 = x * std::cos(rot) - y * std::sin(rot);
    const double y1 = x * std::sin(rot) + y * std::cos(rot);
    const double z = kFocalPx + x1 * std::sin(tilt);
    quad[i] = {code.centre.x + kFocalPx * x1 * std::cos(tilt) / z,
               code.centre.y + kFocalPx * y1 / z};
  }
  CardGeometry g;
  g.to_frame = Homography::square_to_quad(quad);
  g.from_frame = g.to_frame.inverse();
  g.modules = modules;
  return g;
}

PixelRect bounds_of(const CardGeometry& g, double bezel, int margin) {
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  for (const PointF c : {PointF{-bezel, -bezel}, PointF{1 + bezel, -bezel},
                         PointF{1 + bezel, 1 + bezel}, PointF{-bezel, 1 + bezel}}) {
    const PointF p = g.to_frame.map(c);
    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  }
  const int left = static_cast<int>(std::floor(x0)) - margin;
  const int top = static_cast<int>(std::floor(y0)) - margin;
  return {left, top, static_cast<int>(std::ceil(x1)) + margin - left,
          static_cast<int>(std::ceil(y1)) + margin - top};
}

int modules_of(const GreyImage& symbol) {
  return symbol.width;
}

// The synthetic camera redraws the same code in every frame of a moving shot; encoding it once
// per thread instead of twice per frame keeps the renderer from skewing the timings.
const GreyImage& symbol_for(const std::string& text) {
  thread_local std::string cached_text;
  thread_local GreyImage cached_symbol;
  if (cached_symbol.pixels.empty() || cached_text != text) {
    cached_symbol = render_qr(text, 1, 0);
    cached_text = text;
  }
  return cached_symbol;
}

}  // namespace

GreyImage render_background(int width, int height, std::uint32_t seed) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("render_background: empty size");
  GreyImage image{width, height,
                  std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height)};
  std::mt19937 random(seed);
  // Smooth shading: random levels on a coarse grid, interpolated (walls, a person, a window).
  constexpr int kCell = 96;
  const int gw = width / kCell + 2, gh = height / kCell + 2;
  std::vector<int> grid(static_cast<std::size_t>(gw) * gh);
  for (int& level : grid)
    level = 70 + static_cast<int>(random() % 120);
  for (int y = 0; y < height; ++y) {
    const int gy = y / kCell, fy = y % kCell;
    for (int x = 0; x < width; ++x) {
      const int gx = x / kCell, fx = x % kCell;
      const auto at = [&](int cx, int cy) { return grid[static_cast<std::size_t>(cy) * gw + cx]; };
      const int top = at(gx, gy) * (kCell - fx) + at(gx + 1, gy) * fx;
      const int bottom = at(gx, gy + 1) * (kCell - fx) + at(gx + 1, gy + 1) * fx;
      image.pixels[static_cast<std::size_t>(y) * width + x] =
          static_cast<std::uint8_t>((top * (kCell - fy) + bottom * fy) / (kCell * kCell));
    }
  }
  // Clutter with hard edges, which is what makes a decoder look twice: furniture, posters and
  // lines of print (rows of small dark blocks).
  const auto fill = [&](int x, int y, int w, int h, std::uint8_t level) {
    for (int yy = std::max(0, y); yy < std::min(height, y + h); ++yy)
      for (int xx = std::max(0, x); xx < std::min(width, x + w); ++xx)
        image.pixels[static_cast<std::size_t>(yy) * width + xx] = level;
  };
  for (int i = 0; i < 6; ++i) {
    fill(static_cast<int>(random() % width), static_cast<int>(random() % height),
         20 + static_cast<int>(random() % 200), 20 + static_cast<int>(random() % 160),
         static_cast<std::uint8_t>(30 + random() % 200));
  }
  for (int block = 0; block < 2; ++block) {
    const int x0 = static_cast<int>(random() % width), y0 = static_cast<int>(random() % height);
    for (int line = 0; line < 8; ++line) {
      int x = x0;
      for (int word = 0; word < 10; ++word) {
        const int w = 4 + static_cast<int>(random() % 9);
        fill(x, y0 + line * 16, w, 9, 35);
        x += w + 3 + static_cast<int>(random() % 5);
      }
    }
  }
  return image;
}

SymbolCorners draw_code(GreyImage& frame, const CodeInView& code) {
  const GreyImage& symbol = symbol_for(code.text);
  const int modules = modules_of(symbol);
  const CardGeometry g = card_geometry(code, modules);
  const PixelRect box = bounds_of(g, code.bezel, 1);
  const int total = modules + 2 * kQuietModules;
  const double glare_r2 = code.glare_radius * code.glare_radius;

  // Grey level of card point (u, v), 0..1 across the card including the quiet zone.
  const auto level_at = [&](double u, double v) -> int {
    if (u < -code.bezel || v < -code.bezel || u >= 1 + code.bezel || v >= 1 + code.bezel) return -1;
    if (u < 0 || v < 0 || u >= 1 || v >= 1) return code.bezel_level;
    const int mx = static_cast<int>(u * total) - kQuietModules;
    const int my = static_cast<int>(v * total) - kQuietModules;
    if (mx < 0 || my < 0 || mx >= modules || my >= modules) return code.light;
    return symbol.pixels[static_cast<std::size_t>(my) * modules + mx] < 128 ? code.dark
                                                                            : code.light;
  };

  for (int y = std::max(0, box.y); y < std::min(frame.height, box.y + box.height); ++y) {
    for (int x = std::max(0, box.x); x < std::min(frame.width, box.x + box.width); ++x) {
      auto& pixel = frame.pixels[static_cast<std::size_t>(y) * frame.width + x];
      // 2x2 samples per pixel: module edges fall between pixels, as through a real lens.
      int sum = 0, covered = 0;
      for (const double dy : {0.25, 0.75}) {
        for (const double dx : {0.25, 0.75}) {
          const PointF c = g.from_frame.map({x + dx, y + dy});
          const int level = level_at(c.x, c.y);
          sum += level < 0 ? pixel : level;
          covered += level >= 0;
        }
      }
      if (covered == 0) continue;
      double value = sum / 4.0;
      if (code.glare > 0) {
        const PointF c = g.from_frame.map({x + 0.5, y + 0.5});
        const double d2 = ((c.x - code.glare_at.x) * (c.x - code.glare_at.x) +
                           (c.y - code.glare_at.y) * (c.y - code.glare_at.y)) /
                          glare_r2;
        if (d2 < 9) value += (255 - value) * code.glare * std::exp(-d2);
      }
      pixel = static_cast<std::uint8_t>(std::clamp(static_cast<int>(std::lround(value)), 0, 255));
    }
  }

  const double q0 = static_cast<double>(kQuietModules) / total, q1 = 1 - q0;
  return {g.to_frame.map({q0, q0}), g.to_frame.map({q1, q0}), g.to_frame.map({q1, q1}),
          g.to_frame.map({q0, q1})};
}

PixelRect code_bounds(const CodeInView& code, int margin) {
  const int modules = modules_of(symbol_for(code.text));
  return bounds_of(card_geometry(code, modules), code.bezel, margin);
}

GreyImage render_scene(const SceneSpec& spec, SymbolCorners* corners) {
  GreyImage frame = render_background(spec.width, spec.height, spec.background_seed);
  if (spec.code) {
    const SymbolCorners c = draw_code(frame, *spec.code);
    if (corners != nullptr) *corners = c;
  }
  const PixelRect all{0, 0, spec.width, spec.height};
  defocus_blur(frame, all, spec.defocus_px);
  box_blur_horizontal(frame, all, spec.motion_px / 2);
  add_sensor_noise(frame, spec.noise_sigma, spec.noise_seed);
  return frame;
}

}  // namespace einlass::scan
