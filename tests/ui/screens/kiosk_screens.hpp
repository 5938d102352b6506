#pragma once
// Runs the real einlass-kiosk window on a virtual X server (Xvfb with Mesa's software OpenGL)
// with a script, and reads back the JSON dump of every step: the screen, the language, the
// texts and buttons shown, the string keys used, glyphs the fonts lacked and texts that did not
// fit. Each test starts its own Xvfb (virtual_display.hpp), so tests can run in parallel.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kiosk/ui/strings.hpp"
#include "tests/support/child_process.hpp"
#include "tests/ui/virtual_display.hpp"

namespace einlass::ui::testing {

namespace fs = std::filesystem;
using einlass::testing::read_file;
using einlass::testing::write_file;
using nlohmann::json;

// One step's dump.
struct Shot {
  json j;
  std::string file;

  std::string screen() const { return j.value("screen", ""); }
  std::string language() const { return j.value("language", ""); }
  std::string decision() const { return j.value("decision", ""); }
  // A fact of the dump ("door_phase", "room_full", …); null when the screen did not report it.
  json fact(const std::string& name) const { return j.contains(name) ? j[name] : json(); }
  bool has_key(const std::string& key) const {
    for (const auto& k : j["keys"])
      if (k == key) return true;
    return false;
  }
  bool shows(const std::string& text) const {
    for (const auto& t : j["texts"])
      if (t["text"].get<std::string>().find(text) != std::string::npos) return true;
    for (const auto& b : j["buttons"])
      if (b["label"].get<std::string>().find(text) != std::string::npos) return true;
    for (const auto& f : j["fields"])
      if (f["value"].get<std::string>().find(text) != std::string::npos) return true;
    return false;
  }
  std::string all_text() const {
    std::string out;
    for (const auto& t : j["texts"])
      out += t["text"].get<std::string>() + " | ";
    return out;
  }
};

struct ScriptRun : einlass::testing::ProgramRun {
  fs::path dir;
  std::vector<Shot> shots;  // in step order

  // The step named `name` by a "shot" step (NNN-<name>.json), else the first whose file name
  // contains `name`.
  const Shot& at(const std::string& name) const {
    for (const Shot& s : shots)
      if (s.file.size() > 4 && s.file.substr(4) == name + ".json") return s;
    for (const Shot& s : shots)
      if (s.file.find(name) != std::string::npos) return s;
    throw std::runtime_error("no step named " + name + " in " + dir.string());
  }
};

inline const StringTables& tables() {
  static const StringTables t =
      StringTables::load(fs::path(EINLASS_SOURCE_DIR) / "assets" / "lang", "de");
  return t;
}

// The text of `key` in `language` with placeholders filled, as the kiosk shows it.
inline std::string text(const std::string& language, const std::string& key, FormatArgs args = {}) {
  const std::size_t l = tables().index_of(language);
  return format_text(tables().text(l, key), args);
}

// The kiosk's languages, for tests that run once in each.
inline auto languages() {
  return ::testing::Values("de", "en", "de-ls");
}

// GoogleTest names allow letters, digits and '_' only: "de-ls" becomes "de_ls".
inline std::string test_name(std::string text) {
  std::replace(text.begin(), text.end(), '-', '_');
  return text;
}
inline std::string language_test_name(const ::testing::TestParamInfo<std::string>& info) {
  return test_name(info.param);
}

class KioskScreens : public ::testing::Test {
 protected:
  KioskScreens() {
    std::string pattern = (fs::temp_directory_path() / "einlass-ui-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
  }
  // Kept when a test failed, or always with EINLASS_UI_KEEP=1 (to look at the screenshots).
  ~KioskScreens() override {
    const char* keep = std::getenv("EINLASS_UI_KEEP");
    if (!HasFailure() && !(keep && *keep == '1')) {
      std::error_code ignored;
      fs::remove_all(dir_, ignored);
    } else {
      std::cerr << "screenshots and dumps kept in " << dir_ << "\n";
    }
  }

  // `einlass-kiosk demo --windowed 1280x800 --script … --screenshot-dir …` plus `extra` (which
  // may give its own --windowed).
  ScriptRun run(const std::string& name, const std::string& script,
                std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"demo", "--dir", (dir_ / name / "world").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_kiosk(name, script, args);
  }

  // `einlass-kiosk ARGS… --script … --screenshot-dir …` (1280×800 unless ARGS give --windowed):
  // any command that opens the window, e.g. `run` on a store of the test's own.
  ScriptRun run_kiosk(const std::string& name, const std::string& script,
                      const std::vector<std::string>& args) {
    ScriptRun r;
    r.dir = dir_ / name;
    fs::create_directories(r.dir);
    write_file(r.dir / "script.txt", script);
    std::vector<std::string> words{EINLASS_KIOSK_BINARY};
    words.insert(words.end(), args.begin(), args.end());
    const std::vector<std::string> script_options{"--script", (r.dir / "script.txt").string(),
                                                  "--screenshot-dir", (r.dir / "shots").string()};
    words.insert(words.end(), script_options.begin(), script_options.end());
    if (std::find(args.begin(), args.end(), "--windowed") == args.end()) {
      words.push_back("--windowed");
      words.push_back("1280x800");
    }
    // This test's display; Mesa's own leaks are not the kiosk's (ASan builds).
    const auto env = einlass::testing::environment_with(
        {"DISPLAY=" + display_.name(), std::string("LSAN_OPTIONS=suppressions=") +
                                           EINLASS_LSAN_SUPPRESSIONS + ":print_suppressions=0"});
    static_cast<einlass::testing::ProgramRun&>(r) = einlass::testing::run_to_end(
        words, {"/dev/null", r.dir / "out.txt", r.dir / "err.txt"}, env);
    std::vector<fs::path> files;
    if (fs::exists(r.dir / "shots"))
      for (const auto& e : fs::directory_iterator(r.dir / "shots"))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      r.shots.push_back({json::parse(read_file(f)), f.filename().string()});
    return r;
  }

  // Every step: nothing cut off, no missing glyph, no script error.
  static void expect_clean(const ScriptRun& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const Shot& s : r.shots) {
      EXPECT_TRUE(s.j["missing_glyphs"].empty()) << s.file << ": " << s.j["missing_glyphs"];
      EXPECT_TRUE(s.j["overflows"].empty()) << s.file << ": " << s.j["overflows"];
      EXPECT_FALSE(s.j.contains("error")) << s.file << ": " << s.j.value("error", "");
      const auto display = s.j["display"];
      for (const auto& t : s.j["texts"]) {
        const auto& rect = t["rect"];
        EXPECT_LE(rect[0].get<int>() + rect[2].get<int>(), display[0].get<int>() + 1)
            << s.file << ": \"" << t["text"] << "\" runs off the right edge";
        EXPECT_LE(rect[1].get<int>() + rect[3].get<int>(), display[1].get<int>() + 1)
            << s.file << ": \"" << t["text"] << "\" runs off the bottom";
      }
    }
  }

  fs::path dir_;
  VirtualDisplay display_;
};

}  // namespace einlass::ui::testing
