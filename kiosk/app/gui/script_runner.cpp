#include "kiosk/app/gui/script_runner.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cctype>
#include <iostream>
#include <map>

#include "kiosk/app/gui/screenshot.hpp"
#include "kiosk/core/utf8.hpp"

namespace einlass::app::gui {

namespace {

using std::chrono::milliseconds;

const std::map<std::string, int>& named_keys() {
  static const std::map<std::string, int> keys{
      {"escape", GLFW_KEY_ESCAPE},       {"enter", GLFW_KEY_ENTER}, {"tab", GLFW_KEY_TAB},
      {"backspace", GLFW_KEY_BACKSPACE}, {"space", GLFW_KEY_SPACE}, {"left", GLFW_KEY_LEFT},
      {"right", GLFW_KEY_RIGHT},         {"up", GLFW_KEY_UP},       {"down", GLFW_KEY_DOWN},
      {"delete", GLFW_KEY_DELETE},       {"home", GLFW_KEY_HOME},   {"end", GLFW_KEY_END},
  };
  return keys;
}

std::string lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct KeyPress {
  int key = GLFW_KEY_UNKNOWN;
  int mods = 0;
  char32_t character = 0;  // also typed as a character (letters, digits)
};

KeyPress parse_key(const std::string& spec) {
  KeyPress k;
  std::string rest = spec;
  for (;;) {
    const auto plus = rest.find('+');
    if (plus == std::string::npos || plus + 1 == rest.size()) break;
    const std::string mod = lower(rest.substr(0, plus));
    if (mod == "alt") k.mods |= GLFW_MOD_ALT;
    if (mod == "ctrl") k.mods |= GLFW_MOD_CONTROL;
    if (mod == "shift") k.mods |= GLFW_MOD_SHIFT;
    rest = rest.substr(plus + 1);
  }
  const std::string name = lower(rest);
  if (auto it = named_keys().find(name); it != named_keys().end()) {
    k.key = it->second;
  } else if (name.size() >= 2 && name[0] == 'f' &&
             std::isdigit(static_cast<unsigned char>(name[1]))) {
    k.key = GLFW_KEY_F1 + std::stoi(name.substr(1)) - 1;
  } else if (name.size() == 1 && std::isalnum(static_cast<unsigned char>(name[0]))) {
    k.key = std::isdigit(static_cast<unsigned char>(name[0])) ? GLFW_KEY_0 + (name[0] - '0')
                                                              : GLFW_KEY_A + (name[0] - 'a');
    if (k.mods == 0 || k.mods == GLFW_MOD_SHIFT) k.character = static_cast<char32_t>(rest[0]);
  } else {
    throw ConfigurationError("unknown key \"" + spec + "\"");
  }
  return k;
}

// The key a US keyboard types `c` with, and whether Shift is held: what GLFW reports before
// the character. Characters beyond ASCII come from a layout's extra keys.
KeyPress key_for_char(char32_t c) {
  static const std::string shifted_digits = ")!@#$%^&*(";
  static const std::map<char32_t, std::pair<int, bool>> punctuation{
      {' ', {GLFW_KEY_SPACE, false}},        {'-', {GLFW_KEY_MINUS, false}},
      {'_', {GLFW_KEY_MINUS, true}},         {'=', {GLFW_KEY_EQUAL, false}},
      {'+', {GLFW_KEY_EQUAL, true}},         {'[', {GLFW_KEY_LEFT_BRACKET, false}},
      {'{', {GLFW_KEY_LEFT_BRACKET, true}},  {']', {GLFW_KEY_RIGHT_BRACKET, false}},
      {'}', {GLFW_KEY_RIGHT_BRACKET, true}}, {'\\', {GLFW_KEY_BACKSLASH, false}},
      {'|', {GLFW_KEY_BACKSLASH, true}},     {';', {GLFW_KEY_SEMICOLON, false}},
      {':', {GLFW_KEY_SEMICOLON, true}},     {'\'', {GLFW_KEY_APOSTROPHE, false}},
      {'"', {GLFW_KEY_APOSTROPHE, true}},    {',', {GLFW_KEY_COMMA, false}},
      {'<', {GLFW_KEY_COMMA, true}},         {'.', {GLFW_KEY_PERIOD, false}},
      {'>', {GLFW_KEY_PERIOD, true}},        {'/', {GLFW_KEY_SLASH, false}},
      {'?', {GLFW_KEY_SLASH, true}},         {'`', {GLFW_KEY_GRAVE_ACCENT, false}},
      {'~', {GLFW_KEY_GRAVE_ACCENT, true}},
  };
  KeyPress k;
  k.character = c;
  if (c >= 'a' && c <= 'z') {
    k.key = GLFW_KEY_A + static_cast<int>(c - 'a');
  } else if (c >= 'A' && c <= 'Z') {
    k.key = GLFW_KEY_A + static_cast<int>(c - 'A');
    k.mods = GLFW_MOD_SHIFT;
  } else if (c >= '0' && c <= '9') {
    k.key = GLFW_KEY_0 + static_cast<int>(c - '0');
  } else if (const auto d = shifted_digits.find(static_cast<char>(c));
             c < 0x80 && d != std::string::npos) {
    k.key = GLFW_KEY_0 + static_cast<int>(d);
    k.mods = GLFW_MOD_SHIFT;
  } else if (const auto it = punctuation.find(c); it != punctuation.end()) {
    k.key = it->second.first;
    k.mods = it->second.second ? GLFW_MOD_SHIFT : 0;
  } else {
    k.key = GLFW_KEY_WORLD_1;
  }
  return k;
}

std::string slug(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
    if (out.size() >= 28) break;
  }
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  return out;
}

class Runner {
 public:
  Runner(KioskRuntime& rt, std::filesystem::path dir) : rt_(rt), dir_(std::move(dir)) {
    if (!dir_.empty()) std::filesystem::create_directories(dir_);
  }

  int run(const std::vector<ScriptStep>& steps) {
    settle();  // the first frame, before any step
    int index = 0;
    for (const ScriptStep& step : steps) {
      ++index;
      std::string error;
      try {
        apply(step);
      } catch (const std::exception& e) {
        error = e.what();
      }
      if (step.verb != "quit") settle();
      snapshot(index, step, error);
      if (!error.empty()) {
        std::cerr << "script line " << step.line << " (" << step.verb << " " << step.arg
                  << "): " << error << "\n";
        return kExitScriptFailed;
      }
      if (step.verb == "quit" || rt_.session().quit_requested()) break;
    }
    return shots_.flush() ? 0 : kExitScriptFailed;
  }

 private:
  ui::Now now() const { return rt_.now(); }

  // Time passes in steps of at most a second, with a frame each, so timeouts and the clock
  // advance as they would live.
  void pass(milliseconds total) {
    while (total.count() > 0) {
      const milliseconds step = std::min(total, milliseconds(1000));
      rt_.clock().advance(step);
      total -= step;
      frame();
    }
  }

  // Frames between screenshots are drawn only when they change, as in live use.
  void frame(const std::optional<PointerOverride>& pointer = std::nullopt) {
    std::chrono::steady_clock::time_point arrival{};
    glfwPollEvents();
    rt_.poll_inputs(arrival);
    rt_.frame(false, pointer ? pointer : pointer_);
  }

  // The enrolment worker talks to a real server: wait (in real time, woken by the worker) for
  // the condition, never for a guessed duration. The script's clock stands still meanwhile.
  void await_enrolment() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (rt_.enrolment_busy()) {
      if (std::chrono::steady_clock::now() >= deadline)
        throw std::runtime_error("the enrolment did not end within 60 s");
      glfwWaitEventsTimeout(0.05);
      frame();
    }
  }

  // A few frames: ImGui settles hover/active state and fonts pick up new characters.
  void settle() {
    for (int i = 0; i < 3; ++i)
      frame();
  }

  std::string resolve_code(const std::string& arg) const {
    if (!arg.starts_with("demo:")) return arg;
    const auto& codes = rt_.demo_codes();
    const auto it = codes.find(arg.substr(5));
    if (it == codes.end()) throw std::runtime_error("no demo code named \"" + arg.substr(5) + "\"");
    return it->second;
  }

  // Each character as GLFW delivers it on X11: Shift (when needed) and the key pressed, then
  // the character, then the releases — so the scanner filter sees the real order of events.
  void type_text(const std::string& text, milliseconds gap) {
    InputRouter& router = rt_.router();
    core::for_each_codepoint(text, [&](char32_t c) {
      const KeyPress k = key_for_char(c);
      if (k.mods & GLFW_MOD_SHIFT) router.on_key(GLFW_KEY_LEFT_SHIFT, GLFW_PRESS, 0, now());
      router.on_key(k.key, GLFW_PRESS, k.mods, now());
      router.on_char(k.character, now());
      router.on_key(k.key, GLFW_RELEASE, k.mods, now());
      if (k.mods & GLFW_MOD_SHIFT)
        router.on_key(GLFW_KEY_LEFT_SHIFT, GLFW_RELEASE, GLFW_MOD_SHIFT, now());
      rt_.clock().advance(gap);
    });
  }

  void apply(const ScriptStep& step) {
    const std::string& arg = step.arg;
    if (step.verb == "scan") {
      rt_.inbox().push(resolve_code(arg));
    } else if (step.verb == "hid") {
      // A keyboard-wedge scanner: a character every 4 ms, then Enter.
      type_text(resolve_code(arg), milliseconds(4));
      rt_.router().on_key(GLFW_KEY_ENTER, GLFW_PRESS, 0, now());
      rt_.router().on_key(GLFW_KEY_ENTER, GLFW_RELEASE, 0, now());
    } else if (step.verb == "type") {
      type_text(arg, milliseconds(150));  // a person: several characters a second
      rt_.clock().advance(milliseconds(600));
      rt_.router().on_idle(now());
    } else if (step.verb == "key") {
      const KeyPress k = parse_key(arg);
      rt_.router().on_key(k.key, GLFW_PRESS, k.mods, now());
      if (k.character) rt_.router().on_char(k.character, now());
      // A person's key: the scanner filter releases it after a short pause.
      rt_.clock().advance(milliseconds(100));
      frame();
      rt_.router().on_key(k.key, GLFW_RELEASE, k.mods, now());
    } else if (step.verb == "click") {
      click(arg);
    } else if (step.verb == "wait") {
      pass(parse_duration(arg));
    } else if (step.verb == "await") {
      await_enrolment();
    } else if (step.verb == "clock") {
      rt_.clock().set_wall(parse_time_option(arg, rt_.session().event().timezone));
    } else if (step.verb == "resize") {
      const WindowSize size = parse_window_size(arg);
      rt_.window().set_size(size.width, size.height);
      glfwPollEvents();
    } else if (step.verb == "close") {
      rt_.router().on_close_request(now());
    } else if (step.verb == "quit") {
      rt_.session().quit();
    }
  }

  void click(const std::string& label) {
    const std::optional<ui::RecordedButton> b = rt_.builder().record().find_button(label);
    if (!b) throw std::runtime_error("no enabled button \"" + label + "\" on this screen");
    const ImVec2 at = b->rect.centre();
    pointer_ = PointerOverride{at, false};
    frame();  // hover
    pointer_->down = true;
    frame();  // press
    pointer_->down = false;
    frame();  // release: the click
    rt_.session().activity(now());
    pointer_ = PointerOverride{ImVec2(-1, -1), false};  // the pointer leaves: no hover left over
  }

  void snapshot(int index, const ScriptStep& step, const std::string& error) {
    if (dir_.empty()) return;
    char number[16];
    std::snprintf(number, sizeof number, "%03d", index);
    std::string name = std::string(number) + "-" + step.verb;
    const std::string detail = step.verb == "shot" ? step.arg : slug(step.arg);
    if (step.verb == "shot")
      name = std::string(number) + "-" + slug(step.arg);
    else if (!detail.empty() && step.verb != "type")
      name += "-" + detail;

    int fw = 0, fh = 0;
    glfwGetFramebufferSize(rt_.window().handle(), &fw, &fh);
    rt_.frame(true, pointer_, [&] { shots_.capture(dir_ / (name + ".png"), fw, fh); });
    nlohmann::json dump = rt_.builder().record().to_json();
    dump["step"] = index;
    dump["line"] = step.line;
    dump["command"] = step.verb + (step.arg.empty() ? "" : " " + step.arg);
    const auto local = rt_.session().clock().local_time_of(now().wall);
    dump["clock"] = core::format_hhmm(local.time);
    if (!error.empty()) dump["error"] = error;
    write_json(dir_ / (name + ".json"), dump);
  }

  KioskRuntime& rt_;
  std::filesystem::path dir_;
  ScreenshotWriter shots_;
  // Scripts own the pointer: off the window unless a click puts it somewhere.
  std::optional<PointerOverride> pointer_ = PointerOverride{ImVec2(-1, -1), false};
};

}  // namespace

int run_script(KioskRuntime& runtime, const std::vector<ScriptStep>& steps,
               const std::filesystem::path& screenshot_dir) {
  return Runner(runtime, screenshot_dir).run(steps);
}

}  // namespace einlass::app::gui
