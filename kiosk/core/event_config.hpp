#pragma once
// Reads an event (event_model.hpp) from its config file and checks it completely.
//
// The format is TOML because organisers edit these files by hand: it allows comments (so rooms
// not yet confirmed can be marked as placeholders right where they are), has native date and
// time values (2019-09-12, 15:05:00) instead of strings that might be mistyped, and toml11
// reports syntax errors with file and line. The bundled assets/events/regionalkonferenzen-2019.toml
// is the annotated example of every key.
//
// Every problem a runtime could trip over is found here, before anything runs: a config either
// loads completely or throws EventConfigError — there is no half-valid Event.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kiosk/core/event_model.hpp"

namespace einlass::core {

// what() reads "<file>:<line>: <problem in plain words>", or "<file>: <problem>" when the problem
// is not tied to one line. Syntax errors add toml11's excerpt of the offending line below.
class EventConfigError : public std::runtime_error {
 public:
  EventConfigError(std::string file, int line, const std::string& problem);

  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 0 when not tied to a line

 private:
  std::string file_;
  int line_;
};

// Reads and checks the file; the path as given is the file name in messages.
Event load_event_config(const std::filesystem::path& path);

// Same for text already in memory; `file_name` is only used in messages.
Event parse_event_config(std::string_view toml_text, std::string_view file_name);

}  // namespace einlass::core
