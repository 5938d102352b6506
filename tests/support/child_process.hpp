#pragma once
// Child processes for tests and benchmarks: start a program with its standard streams on files,
// wait for it, and read back what it wrote. The integration fixtures, the window tests, the
// virtual X server and the benchmarks all start programs this way. No GoogleTest here, so the
// benchmarks can use it too.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace einlass::testing {

namespace fs = std::filesystem;

// The whole file; empty when it does not exist (a program that never wrote its output).
inline std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline void write_file(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

// Where the child's stdin, stdout and stderr go; an empty path leaves the parent's in place.
struct StdFiles {
  fs::path in{}, out{}, err{};  // defaults, so designated initialisers may leave any out
  // Appending keeps a server's log across restarts, so a failure message shows every start.
  bool append_err = false;
};

// The parent's environment with `overrides` ("NAME=value") replacing variables of those names.
inline std::vector<std::string> environment_with(const std::vector<std::string>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    bool overridden = false;
    for (const std::string& o : overrides)
      overridden = overridden || entry.starts_with(o.substr(0, o.find('=') + 1));
    if (!overridden) env.push_back(entry);
  }
  env.insert(env.end(), overrides.begin(), overrides.end());
  return env;
}

// Starts words[0] (searched in PATH when it has no '/') with `words` as its arguments; the
// parent's environment unless `env` is given. Throws when the program cannot be started.
inline pid_t spawn(const std::vector<std::string>& words, const StdFiles& files,
                   const std::optional<std::vector<std::string>>& env = std::nullopt) {
  // posix_spawn takes char* const[]: copies, so the callers' strings stay const.
  std::vector<std::string> word_copy = words;
  std::vector<char*> argv;
  for (auto& w : word_copy)
    argv.push_back(w.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_copy = env.value_or(std::vector<std::string>{});
  std::vector<char*> envp;
  for (auto& e : env_copy)
    envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!files.in.empty())
    posix_spawn_file_actions_addopen(&actions, 0, files.in.c_str(), O_RDONLY, 0);
  if (!files.out.empty())
    posix_spawn_file_actions_addopen(&actions, 1, files.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
  if (!files.err.empty())
    posix_spawn_file_actions_addopen(&actions, 2, files.err.c_str(),
                                     O_WRONLY | O_CREAT | (files.append_err ? O_APPEND : O_TRUNC),
                                     0600);
  pid_t pid = 0;
  const int rc =
      posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), env ? envp.data() : environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + words[0] + ": " + std::strerror(rc));
  return pid;
}

// A wait status as a shell reports it: the exit code, or 128 + the signal that ended it.
inline int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline int wait_for_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return exit_code_of(status);
}

struct ProgramRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs a program to its end; `files.out` and `files.err` must be given, they are read back.
inline ProgramRun run_to_end(const std::vector<std::string>& words, const StdFiles& files,
                             const std::optional<std::vector<std::string>>& env = std::nullopt) {
  const int exit_code = wait_for_exit(spawn(words, files, env));
  return {exit_code, read_file(files.out), read_file(files.err)};
}

}  // namespace einlass::testing
