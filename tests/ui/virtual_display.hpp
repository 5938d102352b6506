#pragma once
// A virtual X server for the kiosk window in tests and benchmarks: Xvfb with Mesa's software
// OpenGL. -displayfd lets the server pick a free display number and report it, so several
// tests can start servers at once without racing for a number (as xvfb-run -a can).

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace einlass::ui::testing {

class VirtualDisplay {
 public:
  pid_t pid() const { return pid_; }

  VirtualDisplay() {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    const std::string fd = std::to_string(fds[1]);
    std::vector<std::string> words{"Xvfb",         "-displayfd", fd,    "-screen", "0",
                                   "1920x1200x24", "-nolisten",  "tcp", "-noreset"};
    std::vector<char*> argv;
    for (auto& w : words)
      argv.push_back(w.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const int rc = posix_spawnp(&pid_, "Xvfb", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) throw std::runtime_error("cannot start Xvfb (Debian package xvfb)");
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
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  const std::string& name() const { return name_; }

 private:
  pid_t pid_ = 0;
  std::string name_;
};

}  // namespace einlass::ui::testing
