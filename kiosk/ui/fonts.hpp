#pragma once
// The kiosk's typefaces: Noto Sans (regular, bold) from Debian's fonts-noto-core, with DejaVu
// Sans (fonts-dejavu-core) merged in for any glyph Noto lacks. Sizes are chosen for reading from
// a metre away and scale with the window; the atlas is rebuilt when that scale changes or when a
// text needs a character not yet in the atlas (a name with "ı" or "ł" scanned at the door).

#include <array>
#include <bitset>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace einlass::ui {

enum class FontRole { Small, Body, Bold, Large, Title, Count };

struct FontFiles {
  std::filesystem::path regular, bold;                    // primary
  std::filesystem::path fallback_regular, fallback_bold;  // merged in for missing glyphs
};

// Looks in $EINLASS_FONT_DIR, then the Debian font folders (known paths first, then a search by
// file name under /usr/share/fonts, /usr/local/share/fonts, ~/.local/share/fonts). Either family
// alone is enough. Throws UiError naming the packages to install when neither is found.
FontFiles find_font_files();

// Size in pixels of each role at scale 1 (a 1280×800 window).
float base_font_size(FontRole role);

class FontSet {
 public:
  explicit FontSet(FontFiles files);  // reads the files; throws UiError

  // Notes the characters `utf8` needs; a character not seen before makes the set dirty, and the
  // next rebuild (between frames) adds it.
  void add_text(std::string_view utf8);
  bool dirty() const { return dirty_; }

  // Clears `atlas` and fills it with every role at `scale` (layout) × `pixel_ratio` (framebuffer
  // pixels per window unit), then builds it. The caller uploads the texture.
  void build(ImFontAtlas& atlas, float scale, float pixel_ratio);

  ImFont* font(FontRole role) const { return fonts_[static_cast<int>(role)]; }
  float size(FontRole role) const;  // in window units, as laid out
  float scale() const { return scale_; }
  float pixel_ratio() const { return pixel_ratio_; }
  const FontFiles& files() const { return files_; }

  // Characters of `text` that the built fonts of `role` cannot draw (control characters aside).
  std::vector<char32_t> missing_glyphs(std::string_view text, FontRole role) const;

 private:
  FontFiles files_;
  std::vector<char> regular_, bold_, fallback_regular_, fallback_bold_;
  std::bitset<0x10000> wanted_;
  bool dirty_ = true;
  ImVector<ImWchar> ranges_;
  std::array<ImFont*, static_cast<int>(FontRole::Count)> fonts_{};
  float scale_ = 1, pixel_ratio_ = 1;
};

}  // namespace einlass::ui
