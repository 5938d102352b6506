#include "kiosk/ui/frame_record.hpp"

#include <cstdio>

namespace einlass::ui {

namespace {
nlohmann::json rect_json(const RecordedRect& r) {
  return {static_cast<int>(r.x), static_cast<int>(r.y), static_cast<int>(r.w),
          static_cast<int>(r.h)};
}
}  // namespace

void FrameRecord::clear() {
  texts_.clear();
  buttons_.clear();
  fields_.clear();
  keys_.clear();
  missing_.clear();
  overflows_.clear();
  facts_.clear();
}

void FrameRecord::text(std::string_view text, std::string_view role, RecordedRect rect) {
  texts_.push_back({std::string(text), std::string(role), rect});
}

void FrameRecord::button(RecordedButton button) {
  buttons_.push_back(std::move(button));
}

void FrameRecord::field(std::string_view label, std::string_view value, RecordedRect rect) {
  fields_.push_back({std::string(label), std::string(value), rect});
}

void FrameRecord::missing_glyphs(std::string_view text, const std::vector<char32_t>& missing) {
  for (char32_t c : missing) {
    std::string entry = "U+";
    char hex[9];
    std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(c));
    entry += hex;
    entry += " in \"";
    entry += text;
    entry += "\"";
    missing_.insert(std::move(entry));
  }
}

std::optional<RecordedButton> FrameRecord::find_button(std::string_view label_or_key) const {
  const bool by_key = label_or_key.starts_with("key:");
  const std::string_view wanted = by_key ? label_or_key.substr(4) : label_or_key;
  for (const auto& b : buttons_) {
    if (!b.enabled) continue;
    if (by_key ? b.key == wanted : b.label == wanted) return b;
    if (!by_key && b.key == wanted) return b;  // "lang:en" works without the prefix too
  }
  for (const auto& f : fields_)
    if (!by_key && f.label == wanted)
      return RecordedButton{f.label, "", f.rect, true, false, "field"};
  return std::nullopt;
}

nlohmann::json FrameRecord::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, value] : facts_)
    j[name] = value;
  auto& texts = j["texts"] = nlohmann::json::array();
  for (const auto& t : texts_)
    texts.push_back({{"text", t.text}, {"role", t.role}, {"rect", rect_json(t.rect)}});
  auto& buttons = j["buttons"] = nlohmann::json::array();
  for (const auto& b : buttons_) {
    buttons.push_back({{"label", b.label},
                       {"key", b.key},
                       {"rect", rect_json(b.rect)},
                       {"enabled", b.enabled},
                       {"selected", b.selected},
                       {"style", b.style}});
  }
  auto& fields = j["fields"] = nlohmann::json::array();
  for (const auto& f : fields_)
    fields.push_back({{"label", f.label}, {"value", f.value}, {"rect", rect_json(f.rect)}});
  j["keys"] = keys_;
  j["missing_glyphs"] = missing_;
  j["overflows"] = overflows_;
  return j;
}

}  // namespace einlass::ui
