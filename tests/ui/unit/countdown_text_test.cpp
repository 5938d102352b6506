// Countdowns under ten minutes say minutes and seconds in words in every language: "in 3:00
// Min." read like a clock time.

#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/ui_frame.hpp"

namespace einlass::ui {
namespace {

class CountdownText : public ::testing::Test {
 protected:
  CountdownText()
      : tables_(StringTables::load(std::filesystem::path(EINLASS_SOURCE_DIR) / "assets/lang")),
        fonts_(find_font_files()) {}

  std::string text(const std::string& language, int64_t seconds) {
    Ui ui{tables_, tables_.index_of(language), fonts_, record_};
    return countdown_text(ui, seconds);
  }

  StringTables tables_;
  FontSet fonts_;
  FrameRecord record_;
};

TEST_F(CountdownText, WholeMinutesHaveNoSeconds) {
  EXPECT_EQ(text("de", 600), "in 10 Min.");
  EXPECT_EQ(text("de", 180), "in 3 Min.");
  EXPECT_EQ(text("en", 180), "in 3 min");
}

TEST_F(CountdownText, MinutesAndSecondsInWords) {
  EXPECT_EQ(text("de", 150), "in 2 Min. 30 s");
  EXPECT_EQ(text("en", 150), "in 2 min 30 s");
  EXPECT_EQ(text("de-ls", 150), "in 2 Minuten und 30 Sekunden");
  EXPECT_EQ(text("de", 45), "in 45 s");
}

TEST_F(CountdownText, NoClockLikeColonInAnyLanguage) {
  for (const std::string l : {"de", "en", "de-ls"})
    for (int64_t s : {1, 59, 61, 150, 599, 600})
      EXPECT_EQ(text(l, s).find(':'), std::string::npos) << l << " " << s << ": " << text(l, s);
}

}  // namespace
}  // namespace einlass::ui
