#pragma once
// A virtual X server for the kiosk window in tests and benchmarks: Xvfb with Mesa's software
// OpenGL. -displayfd lets the server pick a free display number and report it, so several
// tests can start servers at once without racing for a number (as xvfb-run -a can).

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace einlass::ui::testing {

class VirtualDisplay {
 public:
  pid_t pid() const { return pid_; }

  VirtualDisplay() {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    // Xvfb inherits only the writing end: the reading end closes in it on exec, so our read
    // sees end-of-file if Xvfb dies before reporting.
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    const std::string fd = std::to_string(fds[1]);
    try {
      pid_ = einlass::testing::spawn({"Xvfb", "-displayfd", fd, "-screen", "0", "1920x1200x24",
                                      "-nolisten", "tcp", "-noreset"},
                                     {.err = "/dev/null"});
    } catch (const std::runtime_error& e) {
      ::close(fds[0]);
      ::close(fds[1]);
      throw std::runtime_error(std::string(e.what()) + " (Debian package xvfb)");
    }
    ::close(fds[1]);
    std::string number;
    pollfd p{fds[0], POLLIN, 0};
    char c = 0;
    while (::poll(&p, 1, 15000) > 0 && ::read(fds[0], &c, 1) == 1 && c != '\n')
      number.push_back(c);
    ::close(fds[0]);
    if (number.empty()) throw std::runtime_error("Xvfb did not report its display");
    name_ = ":" + number;
  }
  ~VirtualDisplay() {
    ::kill(pid_, SIGTERM);
    einlass::testing::wait_for_exit(pid_);
  }
  const std::string& name() const { return name_; }

 private:
  pid_t pid_ = 0;
  std::string name_;
};

}  // namespace einlass::ui::testing
