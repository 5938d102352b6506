#include "kiosk/app/gui/script.hpp"

#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "kiosk/app/kiosk_setup.hpp"

namespace einlass::app::gui {

namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

const std::set<std::string>& verbs_with_argument() {
  static const std::set<std::string> verbs{"scan", "hid",   "type",   "key",  "click",
                                           "wait", "clock", "resize", "shot", "await"};
  return verbs;
}

}  // namespace

std::chrono::milliseconds parse_duration(const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    const std::string unit = text.substr(used);
    if (value >= 0 && unit == "ms") return std::chrono::milliseconds(static_cast<long>(value));
    if (value >= 0 && (unit == "s" || unit.empty()))
      return std::chrono::milliseconds(static_cast<long>(value * 1000));
  } catch (const std::exception&) {
  }
  throw ConfigurationError("\"" + text + "\" is not a duration; write it like 3s or 500ms");
}

std::vector<ScriptStep> parse_script(const std::string& text, const std::string& name) {
  std::vector<ScriptStep> steps;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string content = trim(line);  // '#' comments whole lines: codes may hold '#'
    if (content.empty() || content.front() == '#') continue;
    const auto space = content.find(' ');
    ScriptStep step{number, content.substr(0, space),
                    space == std::string::npos ? "" : trim(content.substr(space + 1))};
    const bool needs_arg = verbs_with_argument().count(step.verb) > 0;
    if (!needs_arg && step.verb != "quit" && step.verb != "close")
      throw ConfigurationError(name + ":" + std::to_string(number) + ": unknown step \"" +
                               step.verb + "\"");
    if (needs_arg && step.arg.empty())
      throw ConfigurationError(name + ":" + std::to_string(number) + ": \"" + step.verb +
                               "\" needs an argument");
    if (step.verb == "wait") parse_duration(step.arg);  // fail early on a bad duration
    if (step.verb == "await" && step.arg != "enrolment")
      throw ConfigurationError(name + ":" + std::to_string(number) + ": \"await " + step.arg +
                               "\": only \"await enrolment\" exists");
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<ScriptStep> load_script(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw ConfigurationError("cannot read the script " + file.string());
  return parse_script({std::istreambuf_iterator<char>(in), {}}, file.string());
}

}  // namespace einlass::app::gui
