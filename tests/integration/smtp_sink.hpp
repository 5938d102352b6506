#pragma once
// A real SMTP server on 127.0.0.1 for the ticket e-mail tests and the mail benchmark:
// tests/integration/smtp_sink.py on Debian's python3-aiosmtpd. Every accepted message is
// stored with a JSON summary decoded by Python's e-mail parser (see the script). No GoogleTest
// here, so the benchmark can use it too.

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/child_process.hpp"

namespace einlass::testing {

class SmtpSink {
 public:
  // `options`: e.g. {"--starttls", cert, key} or {"--auth", "user:password"}.
  SmtpSink(const fs::path& dir, const std::vector<std::string>& options = {}) : dir_(dir) {
    fs::create_directories(dir_);
    // Debian's python3 by its path: a python3 earlier in PATH may lack python3-aiosmtpd.
    std::vector<std::string> words{"/usr/bin/python3", EINLASS_SMTP_SINK, dir_.string()};
    words.insert(words.end(), options.begin(), options.end());
    const fs::path out = dir_ / "sink.out";
    pid_ = spawn(words, {.in = "/dev/null", .out = out, .err = dir_ / "sink.err"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string text = read_file(out);
      if (text.find('\n') != std::string::npos) {
        port_ = std::stoi(text.substr(text.find(' ') + 1));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("SMTP sink did not start: " + read_file(dir_ / "sink.err"));
  }
  ~SmtpSink() {
    ::kill(pid_, SIGKILL);
    wait_for_exit(pid_);
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& scheme = "smtp", const std::string& host = "127.0.0.1") const {
    return scheme + "://" + host + ":" + std::to_string(port_);
  }

  // The summaries of every message received so far, in arrival order.
  std::vector<nlohmann::json> messages() const {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir_))
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<nlohmann::json> out;
    for (const fs::path& f : files)
      out.push_back(nlohmann::json::parse(read_file(f)));
    return out;
  }

 private:
  fs::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace einlass::testing
