// Text must be readable from a metre: the smallest role (agenda rows, the help desk in the
// footer, the venue line) stays at 24 units or more — about 23 px on a 1366×768 kiosk.

#include <gtest/gtest.h>

#include "kiosk/ui/fonts.hpp"

namespace einlass::ui {
namespace {

TEST(ReadableSizes, TheSmallestTextIsReadableFromAMetre) {
  EXPECT_GE(base_font_size(FontRole::Small), 24.0f);
  EXPECT_GT(base_font_size(FontRole::Body), base_font_size(FontRole::Small));
}

}  // namespace
}  // namespace einlass::ui
