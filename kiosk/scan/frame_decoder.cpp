#include "kiosk/scan/frame_decoder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <stdexcept>

#include "kiosk/scan/grey_filters.hpp"

namespace einlass::scan {
namespace {

// A finder centre sits 3.5 modules inside the symbol's corner (5 along the diagonal of a turned
// code); ZXing wants some of the quiet zone too, and perspective moves the fourth corner.
constexpr float kMarginAroundFinders = 10.0f;
// With fewer than three finders seen (glare on one, or one cut off), the code may extend this
// many modules from the one seen in any direction: a version 10 symbol (57 modules) is the
// largest a ticket-printing system would sensibly use.
constexpr float kReachFromOneFinder = 56.0f;
// Candidates further apart than this many modules cannot belong to one code.
constexpr float kSameCodeSpan = 64.0f;
// A region this big a share of the frame is decoded as the whole frame: cropping saves nothing.
constexpr double kWholeFrameShare = 0.6;
// Below this module size the 2x2-averaged copy would merge modules.
constexpr float kHalfResolutionFloor = 2.5f;

void validate(GreyView frame) {
  if (frame.data == nullptr || frame.width <= 0 || frame.height <= 0 || frame.pixel_stride < 1 ||
      frame.stride < frame.width * frame.pixel_stride) {
    throw std::invalid_argument("FrameDecoder::decode: invalid grey view");
  }
}

}  // namespace

FrameDecoder::FrameDecoder(FrameDecodeSettings settings)
    : settings_(settings),
      region_decoder_(settings.region),
      whole_decoder_(settings.whole),
      locator_(settings.locator) {}

std::optional<DecodedQr> FrameDecoder::decode(GreyView frame,
                                              const std::optional<std::array<Point, 4>>& hint) {
  validate(frame);
  trace_ = {};
  if (hint) {
    int x0 = frame.width, y0 = frame.height, x1 = 0, y1 = 0;
    for (const Point& p : *hint) {
      x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x),
      y1 = std::max(y1, p.y);
    }
    // The code may have moved or grown a little since: look a third of its size further out.
    const int side = std::max(x1 - x0, y1 - y0);
    const int grow = side / 3 + 8;
    Region r{std::max(0, x0 - grow), std::max(0, y0 - grow), 0, 0,
             static_cast<float>(side) / 41.0f};
    r.width = std::min(frame.width, x1 + grow) - r.x;
    r.height = std::min(frame.height, y1 + grow) - r.y;
    if (r.width > 0 && r.height > 0) {
      trace_.used_hint = true;
      ++trace_.regions;
      if (auto found = decode_region(frame, r)) return found;
    }
  }
  if (!settings_.locate_first) return decode_whole(frame);

  const std::vector<FinderCandidate>& candidates = locator_.locate(frame);
  trace_.candidates = static_cast<int>(candidates.size());
  std::vector<bool> used(candidates.size(), false);
  for (int round = 0; round < settings_.max_regions; ++round) {
    const auto first = std::find(used.begin(), used.end(), false);
    if (first == used.end()) break;
    const FinderCandidate& lead = candidates[static_cast<std::size_t>(first - used.begin())];
    // The candidates that could be this code's other finders: similar module size, close by.
    float x0 = lead.x, y0 = lead.y, x1 = lead.x, y1 = lead.y, module = lead.module;
    std::vector<const FinderCandidate*> members;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const FinderCandidate& c = candidates[i];
      const float ratio = c.module / lead.module;
      const float span = kSameCodeSpan * std::max(c.module, lead.module);
      if (used[i] || ratio < 0.5f || ratio > 2.0f || std::abs(c.x - lead.x) > span ||
          std::abs(c.y - lead.y) > span) {
        continue;
      }
      used[i] = true;
      members.push_back(&c);
      x0 = std::min(x0, c.x), y0 = std::min(y0, c.y), x1 = std::max(x1, c.x),
      y1 = std::max(y1, c.y);
    }
    // The module size of the (up to) three most certain members, by their median: a stray
    // candidate with a wrong size must not blow up the margins.
    if (members.size() >= 3) {
      std::array<float, 3> sizes{members[0]->module, members[1]->module, members[2]->module};
      std::sort(sizes.begin(), sizes.end());
      module = sizes[1];
    }
    // A region around the finders. With three, they are three corners of the symbol, and a
    // turned symbol's fourth corner lies outside their bounding box: first guess it opposite
    // the finder at the right angle (the one not on the longest side); perspective can fool
    // that guess, so the second region holds all three possible fourth corners.
    std::vector<Region> regions;
    const auto region_around = [&](float rx0, float ry0, float rx1, float ry1, float margin) {
      Region r;
      r.x = std::max(0, static_cast<int>(rx0 - margin));
      r.y = std::max(0, static_cast<int>(ry0 - margin));
      r.width = std::min(frame.width, static_cast<int>(std::ceil(rx1 + margin))) - r.x;
      r.height = std::min(frame.height, static_cast<int>(std::ceil(ry1 + margin))) - r.y;
      r.module = module;
      if (static_cast<double>(r.width) * r.height >=
          kWholeFrameShare * static_cast<double>(frame.width) * frame.height) {
        r = Region{0, 0, frame.width, frame.height, module};
      }
      return r;
    };
    if (members.size() >= 3) {
      const auto d2 = [](const FinderCandidate* a, const FinderCandidate* b) {
        return (a->x - b->x) * (a->x - b->x) + (a->y - b->y) * (a->y - b->y);
      };
      const FinderCandidate *a = members[0], *b = members[1], *c = members[2];
      if (d2(a, b) > d2(a, c) && d2(a, b) > d2(b, c)) {
        std::swap(a, c);
      } else if (d2(a, c) > d2(b, c)) {
        std::swap(a, b);
      }
      const float mx = b->x + c->x - a->x, my = b->y + c->y - a->y;
      regions.push_back(region_around(std::min(x0, mx), std::min(y0, my), std::max(x1, mx),
                                      std::max(y1, my), kMarginAroundFinders * module));
      float ax0 = x0, ay0 = y0, ax1 = x1, ay1 = y1;
      for (const auto* corner : {a, b, c}) {
        const float fx = a->x + b->x + c->x - 2 * corner->x;
        const float fy = a->y + b->y + c->y - 2 * corner->y;
        ax0 = std::min(ax0, fx), ay0 = std::min(ay0, fy), ax1 = std::max(ax1, fx),
        ay1 = std::max(ay1, fy);
      }
      const Region all_corners = region_around(ax0, ay0, ax1, ay1, kMarginAroundFinders * module);
      const Region& first_guess = regions.front();
      if (all_corners.x != first_guess.x || all_corners.y != first_guess.y ||
          all_corners.width != first_guess.width || all_corners.height != first_guess.height) {
        regions.push_back(all_corners);
      }
    } else {
      regions.push_back(region_around(x0, y0, x1, y1, kReachFromOneFinder * module));
    }
    for (const Region& r : regions) {
      ++trace_.regions;
      if (auto found = decode_region(frame, r)) return found;
    }
  }
  return std::nullopt;
}

std::optional<DecodedQr> FrameDecoder::decode_whole(GreyView frame) {
  validate(frame);
  trace_.whole_frame = true;
  return whole_decoder_.decode(frame);
}

std::optional<DecodedQr> FrameDecoder::decode_region(GreyView frame, const Region& region) {
  const bool can_halve = region.module >= kHalfResolutionFloor;
  const bool half = can_halve && region.module >= settings_.half_resolution_from_module_px;
  if (auto found = decode_at(frame, region, half)) return found;
  if (settings_.try_other_resolution && (half || can_halve)) return decode_at(frame, region, !half);
  return std::nullopt;
}

std::optional<DecodedQr> FrameDecoder::decode_at(GreyView frame, const Region& region, bool half) {
  const std::uint8_t* origin = frame.data + static_cast<std::ptrdiff_t>(region.y) * frame.stride +
                               static_cast<std::ptrdiff_t>(region.x) * frame.pixel_stride;
  std::optional<DecodedQr> found;
  int scale = 1;
  if (!half) {
    found = region_decoder_.decode(
        GreyView{origin, region.width, region.height, frame.stride, frame.pixel_stride});
  } else {
    if (region.width / 2 < 21 || region.height / 2 < 21) return std::nullopt;  // below any QR
    shrink(GreyView{origin, region.width, region.height, frame.stride, frame.pixel_stride}, 2,
           half_);
    found = region_decoder_.decode(half_.view());
    scale = 2;
  }
  if (found) {
    for (Point& p : found->corners) {
      p.x = p.x * scale + region.x;
      p.y = p.y * scale + region.y;
    }
  }
  return found;
}

}  // namespace einlass::scan
