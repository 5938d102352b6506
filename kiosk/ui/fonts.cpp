#include "kiosk/ui/fonts.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "kiosk/core/utf8.hpp"
#include "kiosk/ui/ui_error.hpp"

namespace einlass::ui {

namespace fs = std::filesystem;

namespace {

struct Family {
  const char* regular;
  const char* bold;
  const char* known_dir;  // where Debian puts it
};

// Noto Sans first: open, calm shapes at display sizes; DejaVu Sans covers more symbols.
constexpr Family kNoto{"NotoSans-Regular.ttf", "NotoSans-Bold.ttf",
                       "/usr/share/fonts/truetype/noto"};
constexpr Family kDejaVu{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
                         "/usr/share/fonts/truetype/dejavu"};

std::vector<fs::path> search_roots() {
  std::vector<fs::path> roots;
  if (const char* dir = std::getenv("EINLASS_FONT_DIR"); dir && *dir) roots.emplace_back(dir);
  roots.emplace_back("/usr/share/fonts");
  roots.emplace_back("/usr/local/share/fonts");
  if (const char* home = std::getenv("HOME"); home && *home)
    roots.push_back(fs::path(home) / ".local/share/fonts");
  return roots;
}

// The file named `name`: in the override folder, the known Debian folder, or anywhere below the
// font roots (other distributions and hand-installed fonts use other folders).
fs::path find_file(const char* name, const char* known_dir) {
  std::error_code ec;
  if (const char* dir = std::getenv("EINLASS_FONT_DIR"); dir && *dir) {
    if (fs::is_regular_file(fs::path(dir) / name, ec)) return fs::path(dir) / name;
  }
  if (fs::is_regular_file(fs::path(known_dir) / name, ec)) return fs::path(known_dir) / name;
  for (const fs::path& root : search_roots()) {
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->path().filename() == name) return it->path();
    ec.clear();
  }
  return {};
}

std::vector<char> read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UiError("cannot read the font " + file.string());
  return {std::istreambuf_iterator<char>(in), {}};
}

// Everything German, English and Leichte Sprache text needs, plus the Latin letters of names
// from neighbouring countries, typographic punctuation („ “ ‚ ‘ – — … ·), € and arrows.
constexpr std::pair<char32_t, char32_t> kBaseRanges[] = {
    {0x0020, 0x007E}, {0x00A0, 0x017F}, {0x0218, 0x021B}, {0x2010, 0x2027}, {0x2030, 0x203A},
    {0x20AC, 0x20AC}, {0x2190, 0x2193}, {0x2212, 0x2212}, {0x2713, 0x2713}, {0xFFFD, 0xFFFD},
};

}  // namespace

FontFiles find_font_files() {
  FontFiles files;
  const fs::path noto_regular = find_file(kNoto.regular, kNoto.known_dir);
  const fs::path noto_bold = find_file(kNoto.bold, kNoto.known_dir);
  const fs::path dejavu_regular = find_file(kDejaVu.regular, kDejaVu.known_dir);
  const fs::path dejavu_bold = find_file(kDejaVu.bold, kDejaVu.known_dir);
  if (!noto_regular.empty() && !noto_bold.empty()) {
    files = {noto_regular, noto_bold, dejavu_regular, dejavu_bold};
  } else if (!dejavu_regular.empty() && !dejavu_bold.empty()) {
    files = {dejavu_regular, dejavu_bold, {}, {}};
  } else {
    throw UiError(
        "no usable font found (Noto Sans or DejaVu Sans, regular and bold): install the Debian "
        "packages fonts-noto-core and fonts-dejavu-core, or set EINLASS_FONT_DIR to a folder "
        "with NotoSans-Regular.ttf and NotoSans-Bold.ttf");
  }
  return files;
}

float base_font_size(FontRole role) {
  switch (role) {
    case FontRole::Small:
      return 24;  // ~23 px on a 1366×768 kiosk: still readable from a metre
    case FontRole::Body:
    case FontRole::Bold:
      return 27;
    case FontRole::Large:
      return 36;
    case FontRole::Title:
      return 54;
    case FontRole::Count:
      break;
  }
  return 27;
}

FontSet::FontSet(FontFiles files) : files_(std::move(files)) {
  regular_ = read_bytes(files_.regular);
  bold_ = read_bytes(files_.bold);
  if (!files_.fallback_regular.empty()) fallback_regular_ = read_bytes(files_.fallback_regular);
  if (!files_.fallback_bold.empty()) fallback_bold_ = read_bytes(files_.fallback_bold);
  for (const auto& [first, last] : kBaseRanges)
    for (char32_t c = first; c <= last; ++c)
      wanted_.set(c);
}

void FontSet::add_text(std::string_view utf8) {
  core::for_each_codepoint(utf8, [&](char32_t c) {
    if (c < 0x20 || c >= wanted_.size() || wanted_.test(c)) return;
    wanted_.set(c);
    dirty_ = true;
  });
}

float FontSet::size(FontRole role) const {
  return base_font_size(role) * scale_;
}

void FontSet::build(ImFontAtlas& atlas, float scale, float pixel_ratio) {
  scale_ = scale;
  pixel_ratio_ = pixel_ratio;
  atlas.Clear();
  ImFontGlyphRangesBuilder builder;
  for (std::size_t c = 0; c < wanted_.size(); ++c)
    if (wanted_.test(c)) builder.AddChar(static_cast<ImWchar>(c));
  ranges_.clear();
  builder.BuildRanges(&ranges_);

  for (int r = 0; r < static_cast<int>(FontRole::Count); ++r) {
    const auto role = static_cast<FontRole>(r);
    const bool bold = role == FontRole::Bold || role == FontRole::Large || role == FontRole::Title;
    std::vector<char>& primary = bold ? bold_ : regular_;
    std::vector<char>& fallback = bold ? fallback_bold_ : fallback_regular_;
    const float pixels = base_font_size(role) * scale * pixel_ratio;

    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in this FontSet across rebuilds
    config.OversampleH = 1;               // pixel-snapped: oversampling would only grow the atlas
    config.OversampleV = 1;
    config.PixelSnapH = true;
    fonts_[r] = atlas.AddFontFromMemoryTTF(primary.data(), static_cast<int>(primary.size()), pixels,
                                           &config, ranges_.Data);
    if (!fallback.empty()) {
      config.MergeMode = true;  // only glyphs the primary font lacks are taken from here
      atlas.AddFontFromMemoryTTF(fallback.data(), static_cast<int>(fallback.size()), pixels,
                                 &config, ranges_.Data);
    }
  }
  if (!atlas.Build()) throw UiError("building the font atlas failed");
  dirty_ = false;
}

std::vector<char32_t> FontSet::missing_glyphs(std::string_view text, FontRole role) const {
  std::vector<char32_t> missing;
  const ImFont* f = font(role);
  core::for_each_codepoint(text, [&](char32_t c) {
    if (c < 0x20) return;
    if (!f || c > 0xFFFF || !f->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.push_back(c);
  });
  return missing;
}

}  // namespace einlass::ui
