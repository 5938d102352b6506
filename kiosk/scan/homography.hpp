#pragma once

#include <array>

namespace einlass::scan {

struct PointF {
  double x = 0;
  double y = 0;
};

// A plane-to-plane perspective mapping. The synthetic camera uses it to draw a tilted ticket: it
// walks the frame pixels and needs, for each, the point of the ticket seen there, so it keeps
// both directions.
class Homography {
 public:
  // Maps the unit square's corners (0,0), (1,0), (1,1), (0,1) onto `quad` in that order.
  // The quad must be convex and not degenerate (the caller builds it from a real 3D pose).
  static Homography square_to_quad(const std::array<PointF, 4>& quad);

  PointF map(PointF p) const;
  Homography inverse() const;

 private:
  // Row-major 3x3 matrix; m_[8] is kept at 1 where possible but not required to be.
  std::array<double, 9> m_{1, 0, 0, 0, 1, 0, 0, 0, 1};
};

}  // namespace einlass::scan
