#include "kiosk/scan/homography.hpp"

namespace einlass::scan {

Homography Homography::square_to_quad(const std::array<PointF, 4>& q) {
  // Write the mapping as x = (a u + b v + c) / (g u + h v + 1), same for y with d e f. The four
  // corner conditions give c, f directly (corner 0), and g, h from the quad's deviation from a
  // parallelogram (zero for an affine quad); a, b, d, e then follow from corners 1 and 3.
  const double sx = q[0].x - q[1].x + q[2].x - q[3].x;
  const double sy = q[0].y - q[1].y + q[2].y - q[3].y;
  const double dx1 = q[1].x - q[2].x, dx2 = q[3].x - q[2].x;
  const double dy1 = q[1].y - q[2].y, dy2 = q[3].y - q[2].y;
  double g = 0, h = 0;
  const double det = dx1 * dy2 - dx2 * dy1;
  if ((sx != 0 || sy != 0) && det != 0) {
    g = (sx * dy2 - dx2 * sy) / det;
    h = (dx1 * sy - sx * dy1) / det;
  }
  Homography result;
  result.m_ = {q[1].x - q[0].x + g * q[1].x,
               q[3].x - q[0].x + h * q[3].x,
               q[0].x,
               q[1].y - q[0].y + g * q[1].y,
               q[3].y - q[0].y + h * q[3].y,
               q[0].y,
               g,
               h,
               1};
  return result;
}

PointF Homography::map(PointF p) const {
  const double w = m_[6] * p.x + m_[7] * p.y + m_[8];
  return {(m_[0] * p.x + m_[1] * p.y + m_[2]) / w, (m_[3] * p.x + m_[4] * p.y + m_[5]) / w};
}

Homography Homography::inverse() const {
  // The adjugate is the inverse up to a scale factor, and a homography does not care about
  // scale, so there is no need to divide by the determinant.
  const auto& m = m_;
  Homography inv;
  inv.m_ = {m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]};
  return inv;
}

}  // namespace einlass::scan
