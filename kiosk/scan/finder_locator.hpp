#pragma once

#include <vector>

#include "kiosk/scan/grey_image.hpp"

namespace einlass::scan {

// A place that looks like a QR finder pattern (the three nested squares in a code's corners):
// dark-light-dark-light-dark in the ratio 1:1:3:1:1 both across and down.
struct FinderCandidate {
  float x = 0;  // centre, frame pixels
  float y = 0;
  float module = 0;  // estimated module size in pixels
  int hits = 0;      // scan rows that crossed it: more means more certain
};

struct LocatorSettings {
  // Every n-th row is searched. A finder's centre square is 3 modules high, at least 5 px with
  // modules of min_module, so a step of 4 crosses each finder at least once. (The benchmark:
  // same decode rate as every 3rd or 2nd row, at 80 % / 60 % of the cost.)
  int row_step = 4;
  // Half-width of the moving average each pixel is compared with to call it dark or light.
  // Wider than the centre square of the largest expected finder (3 modules of ~15 px), narrow
  // enough to follow a lighting gradient or a highlight.
  int window_radius = 32;
  // Smallest difference between the mean grey of the light and the dark runs: below it the
  // "pattern" is sensor noise on a flat surface.
  int min_contrast = 24;
  // Modules smaller than this are below what ZXing reads in a camera frame anyway, and noise
  // makes tiny 1:1:3:1:1 patterns by chance.
  float min_module = 1.7f;
  float max_module = 40.0f;
};

// Cheaply finds finder-pattern candidates, so that a frame showing none is not handed to the
// full decoder and a frame showing some is decoded only around them. Reads a fraction of the
// rows once; no allocation after the first call with a given frame width (scratch is reused).
class FinderLocator {
 public:
  explicit FinderLocator(LocatorSettings settings = {}) : settings_(settings) {}

  // Candidates, the most often crossed first. Throws std::invalid_argument for an invalid view.
  const std::vector<FinderCandidate>& locate(GreyView frame);

 private:
  void scan_row(GreyView frame, int y);
  bool confirm_vertically(GreyView frame, int cx, int y, int threshold, float module_h,
                          FinderCandidate& out) const;
  void add(const FinderCandidate& c);

  LocatorSettings settings_;
  std::vector<unsigned char> row_;
  std::vector<int> block_sum_;
  std::vector<unsigned char> threshold_;
  std::vector<unsigned char> smooth_;
  std::vector<int> edges_;
  std::vector<FinderCandidate> found_;
};

}  // namespace einlass::scan
