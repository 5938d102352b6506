// Every character the kiosk shows must be in the fonts it loads: a missing glyph would show as
// "?" on a screen people read from a metre away. Builds the real font atlas headless (no
// OpenGL needed) from the Debian fonts and checks every string of every language, the bundled
// event's names and the demo's people.

#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>
#include <string>

#include "kiosk/app/demo_world.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/event_config.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/strings.hpp"

namespace einlass::ui {
namespace {

namespace fs = std::filesystem;

class GlyphCoverage : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    strings_ = std::make_unique<StringTables>(
        StringTables::load(fs::path(EINLASS_SOURCE_DIR) / "assets" / "lang", "de"));
    fonts_ = std::make_unique<FontSet>(find_font_files());
  }
  void TearDown() override { ImGui::DestroyContext(); }

  void build(float scale = 1) { fonts_->build(*ImGui::GetIO().Fonts, scale, 1); }

  void expect_drawable(const std::string& text, const std::string& what) {
    for (int r = 0; r < static_cast<int>(FontRole::Count); ++r) {
      const auto missing = fonts_->missing_glyphs(text, static_cast<FontRole>(r));
      std::string list;
      for (char32_t c : missing) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X ", static_cast<unsigned>(c));
        list += hex;
      }
      EXPECT_TRUE(missing.empty()) << what << " needs " << list << "in \"" << text << "\"";
    }
  }

  std::unique_ptr<StringTables> strings_;
  std::unique_ptr<FontSet> fonts_;
};

TEST_F(GlyphCoverage, FontsComeFromDebianPackages) {
  const FontFiles files = find_font_files();
  EXPECT_TRUE(fs::exists(files.regular));
  EXPECT_TRUE(fs::exists(files.bold));
  EXPECT_NE(files.regular.string().find("/usr/share/fonts"), std::string::npos);
}

TEST_F(GlyphCoverage, EveryStringOfEveryLanguageIsDrawable) {
  // Only the base ranges: the tables must not rely on on-demand glyphs.
  build();
  for (std::size_t l = 0; l < strings_->languages().size(); ++l) {
    expect_drawable(strings_->languages()[l].name, "language name");
    for (const auto& [key, text] : strings_->table(l))
      expect_drawable(text, strings_->languages()[l].code + " " + key);
  }
}

TEST_F(GlyphCoverage, GermanTypographyIsInTheBaseSet) {
  build();
  expect_drawable("äöüÄÖÜß „Anführung“ ‚halb‘ – … · €", "German typography");
  expect_drawable("Yılmaz Łukasz Dvořák Ærø Şahin Ğ", "names from neighbouring languages");
}

TEST_F(GlyphCoverage, BundledEventAndDemoPeopleAreDrawable) {
  const core::Event event = core::load_event_config(app::default_event_file());
  for (const auto& v : event.venues) {
    fonts_->add_text(v.name + v.city + v.help_desk + v.hall + v.entrance);
    for (const auto& r : v.rooms)
      fonts_->add_text(r.name + r.location);
  }
  build();
  expect_drawable(event.name, "event name");
  for (const auto& t : event.topics)
    expect_drawable(t.name, "topic");
  for (const auto& v : event.venues) {
    expect_drawable(v.name + " " + v.city + " " + v.help_desk, "venue");
    for (const auto& item : v.days.front().agenda)
      expect_drawable(item.title + " " + item.speaker, "agenda");
  }
  for (const auto& p : app::demo_people())
    expect_drawable(p.first + " " + p.last + " " + p.organisation, "demo person");
}

TEST_F(GlyphCoverage, CharactersSeenLaterAreAddedOnRebuild) {
  build();
  const std::string greek = "Αλέξανδρος";
  EXPECT_FALSE(fonts_->missing_glyphs(greek, FontRole::Title).empty());
  fonts_->add_text(greek);
  EXPECT_TRUE(fonts_->dirty());
  build();
  EXPECT_TRUE(fonts_->missing_glyphs(greek, FontRole::Title).empty());
}

TEST_F(GlyphCoverage, AtlasStaysSmallAtFullHdScale) {
  build(1.35f);  // 1920×1080
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  EXPECT_LE(atlas.TexWidth * atlas.TexHeight, 4096 * 4096);
}

}  // namespace
}  // namespace einlass::ui
