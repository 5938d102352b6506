#pragma once
// What one frame showed, in words: every text drawn, every button with its label and place,
// every input field, the string keys used and the characters the fonts could not draw. Scripts
// click buttons by label through it, and --screenshot-dir writes it as the JSON dump that UI
// tests assert on — so tests see what a person sees, not internal state.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

namespace einlass::ui {

struct RecordedRect {
  float x = 0, y = 0, w = 0, h = 0;
  ImVec2 centre() const { return {x + w / 2, y + h / 2}; }
};

struct RecordedButton {
  std::string label;
  std::string key;  // string key of the label, "" when the label is data (a name, a room)
  RecordedRect rect;
  bool enabled = true;
  bool selected = false;
  std::string style;  // "primary", "secondary", "quiet" (looks like a link), "selected"
};

class FrameRecord {
 public:
  void clear();

  void text(std::string_view text, std::string_view role, RecordedRect rect);
  void button(RecordedButton button);
  void field(std::string_view label, std::string_view value, RecordedRect rect);
  void key(std::string_view key) { keys_.emplace(key); }
  void missing_glyphs(std::string_view text, const std::vector<char32_t>& missing);
  // A text wider or taller than the space it was given: cut off on screen.
  void overflow(std::string_view text) { overflows_.emplace(text); }
  // Facts about the screen for the dump: "screen", "decision", "language", ...
  void fact(std::string_view name, nlohmann::json value) { facts_[std::string(name)] = value; }

  // The enabled button whose label or key is `label_or_key` (keys are written "key:<key>"), or
  // else the text field with that label (as a button to click into).
  std::optional<RecordedButton> find_button(std::string_view label_or_key) const;
  const std::vector<RecordedButton>& buttons() const { return buttons_; }

  nlohmann::json to_json() const;

 private:
  struct Text {
    std::string text, role;
    RecordedRect rect;
  };
  struct Field {
    std::string label, value;
    RecordedRect rect;
  };
  std::vector<Text> texts_;
  std::vector<RecordedButton> buttons_;
  std::vector<Field> fields_;
  std::set<std::string> keys_;
  std::set<std::string> missing_;
  std::set<std::string> overflows_;
  std::map<std::string, nlohmann::json> facts_;
};

}  // namespace einlass::ui
