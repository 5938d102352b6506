#include "kiosk/core/secret_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace einlass::core {

bool stdin_is_terminal() {
  return ::isatty(STDIN_FILENO) != 0;
}

std::string read_secret_line(const char* prompt) {
  const bool terminal = stdin_is_terminal();
  termios saved{};
  if (terminal) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace einlass::core
