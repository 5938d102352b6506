#include "kiosk/core/event_config.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <toml.hpp>

#include "kiosk/core/event_config_check.hpp"
#include "kiosk/core/event_config_read.hpp"
#include "kiosk/core/event_config_toml.hpp"

namespace einlass::core {

namespace {

std::string located(const std::string& file, int line, const std::string& problem) {
  return file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + problem;
}

// toml11 starts its messages with "[error] toml::parse_xyz: "; the function name means nothing
// to an organiser, the rest (with its excerpt of the line) does.
std::string plain_toml_message(const std::string& message) {
  std::string out = message;
  const std::string tag = "[error] ";
  if (out.rfind(tag, 0) == 0) out.erase(0, tag.size());
  if (out.rfind("toml::", 0) == 0) {
    const std::size_t colon = out.find(": ");
    if (colon != std::string::npos && colon < out.find('\n')) out.erase(0, colon + 2);
  }
  return out;
}

// toml11 sometimes reports line 1 as the location of a syntax error (e.g. an impossible date)
// while its excerpt shows the right line; trust the excerpt when the two disagree.
int syntax_error_line(const toml::exception& e) {
  const int reported = static_cast<int>(e.location().line());
  std::istringstream lines(e.what());
  std::string text;
  int last_shown = 0;
  while (std::getline(lines, text)) {
    const std::size_t bar = text.find(" | ");
    if (bar == std::string::npos || bar == 0) continue;
    const std::string number = text.substr(0, bar);
    const std::size_t digits = number.find_first_of("0123456789");
    if (digits == std::string::npos ||
        number.find_first_not_of(" 0123456789") != std::string::npos) {
      continue;
    }
    const int shown = std::stoi(number.substr(digits));
    if (shown == reported) return reported;
    last_shown = shown;
  }
  return last_shown > 0 ? last_shown : reported;
}

}  // namespace

EventConfigError::EventConfigError(std::string file, int line, const std::string& problem)
    : std::runtime_error(located(file, line, problem)), file_(std::move(file)), line_(line) {}

Event parse_event_config(std::string_view toml_text, std::string_view file_name) {
  const std::string file(file_name);
  const config_detail::Reporter reporter(file);
  toml::value root;
  try {
    std::istringstream stream{std::string(toml_text)};
    root = toml::parse(stream, file);
  } catch (const toml::exception& e) {
    reporter.fail(syntax_error_line(e), "TOML syntax error: " + plain_toml_message(e.what()));
  }
  try {
    return config_detail::finish_config(config_detail::read_config(root, reporter), reporter);
  } catch (const toml::exception& e) {
    // Every value is type-checked before use, so this is a safety net: even a missed check
    // ends as a config error with a line, never as a half-read event.
    reporter.fail(static_cast<int>(e.location().line()), plain_toml_message(e.what()));
  }
}

Event load_event_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw EventConfigError(path.string(), 0, "cannot open: " + std::string(std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    throw EventConfigError(path.string(), 0, "cannot read: " + std::string(std::strerror(errno)));
  return parse_event_config(text.str(), path.string());
}

}  // namespace einlass::core
