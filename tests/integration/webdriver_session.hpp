#pragma once
// Debian's headless Chromium driven through chromedriver's W3C WebDriver HTTP API: start the
// driver on a free loopback port, open a browser with a fresh profile, find elements, type,
// click, read text, run a script, take PNG screenshots. No Selenium, no npm.

#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/support/child_process.hpp"

namespace einlass::testing {

// A port nobody listens on right now (the kernel's pick for a socket bound to port 0).
inline int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

class WebDriverError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class BrowserSession {
 public:
  // Starts chromedriver and a headless Chromium whose profile lives in `dir`.
  explicit BrowserSession(const fs::path& dir) {
    // The free port may be taken by someone else before chromedriver binds it: try another.
    for (int attempt = 1; !start_driver(dir); ++attempt)
      if (attempt == 3)
        throw WebDriverError("chromedriver did not start: " + read_file(dir / "chromedriver.err"));
    const nlohmann::json options{
        {"binary", "/usr/bin/chromium"},
        {"args",
         {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--user-data-dir=" + (dir / "chromium-profile").string(), "--window-size=1366,768",
          "--lang=de-DE"}}};
    const nlohmann::json session =
        command("POST", "/session",
                {{"capabilities", {{"alwaysMatch", {{"goog:chromeOptions", options}}}}}});
    id_ = session.at("sessionId").get<std::string>();
    if (session.at("capabilities").contains("goog:processID"))
      browser_pid_ = session.at("capabilities").at("goog:processID").get<int>();
  }

  ~BrowserSession() {
    try {
      if (!id_.empty()) command("DELETE", "/session/" + id_, nullptr);
    } catch (const std::exception&) {
    }
    // The browser is ours (its pid came from the driver); make sure it is gone.
    if (browser_pid_ > 0) ::kill(browser_pid_, SIGKILL);
    stop_driver();
  }
  BrowserSession(const BrowserSession&) = delete;
  BrowserSession& operator=(const BrowserSession&) = delete;

  void go(const std::string& url) { session_command("POST", "/url", {{"url", url}}); }
  std::string url() { return session_command("GET", "/url", nullptr).get<std::string>(); }
  void resize(int width, int height) {
    session_command("POST", "/window/rect", {{"width", width}, {"height", height}});
  }

  // The element's WebDriver id, or "" when nothing matches.
  std::string find(const std::string& css) {
    try {
      const nlohmann::json v =
          session_command("POST", "/element", {{"using", "css selector"}, {"value", css}});
      return v.begin().value().get<std::string>();
    } catch (const WebDriverError&) {
      return "";
    }
  }
  std::string require(const std::string& css) {
    const std::string id = find(css);
    if (id.empty()) throw WebDriverError("no element matches " + css);
    return id;
  }
  void type(const std::string& css, const std::string& text) {
    session_command("POST", "/element/" + require(css) + "/value", {{"text", text}});
  }
  void click(const std::string& css) {
    session_command("POST", "/element/" + require(css) + "/click", nlohmann::json::object());
  }
  // The rendered text of the first match, "" when nothing matches (yet). One script reads it,
  // so an element the page re-renders in between cannot go stale; a page that is navigating
  // answers "" too, and wait_until asks again.
  std::string text(const std::string& css) {
    try {
      const nlohmann::json v = script(
          "const e = document.querySelector(arguments[0]); return e ? (e.innerText ?? "
          "e.textContent) : '';",
          {css});
      return v.is_string() ? v.get<std::string>() : "";
    } catch (const WebDriverError&) {
      return "";
    }
  }
  nlohmann::json script(const std::string& code, nlohmann::json args = nlohmann::json::array()) {
    return session_command("POST", "/execute/sync", {{"script", code}, {"args", args}});
  }
  // The page as a PNG file.
  void screenshot(const fs::path& file) {
    const std::string base64 = session_command("GET", "/screenshot", nullptr).get<std::string>();
    std::string png(base64.size(), '\0');
    size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(png.data()), png.size(), base64.data(),
                          base64.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
      throw WebDriverError("the screenshot is not base64");
    png.resize(length);
    write_file(file, png);
  }

 private:
  // Starts chromedriver on a free port; false when it exited or did not answer within 20 s.
  bool start_driver(const fs::path& dir) {
    stop_driver();
    port_ = free_loopback_port();
    http_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    http_->set_read_timeout(60);
    driver_pid_ = spawn({"chromedriver", "--port=" + std::to_string(port_)},
                        {"", dir / "chromedriver.out", dir / "chromedriver.err"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!http_->Get("/status")) {
      if (::waitpid(driver_pid_, nullptr, WNOHANG) == driver_pid_) {
        driver_pid_ = -1;  // it could not bind the port, most likely
        return false;
      }
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
  }
  void stop_driver() {
    if (driver_pid_ <= 0) return;
    ::kill(driver_pid_, SIGTERM);
    ::waitpid(driver_pid_, nullptr, 0);
    driver_pid_ = -1;
  }

  nlohmann::json session_command(const std::string& method, const std::string& path,
                                 const nlohmann::json& body) {
    return command(method, "/session/" + id_ + path, body);
  }

  nlohmann::json command(const std::string& method, const std::string& path,
                         const nlohmann::json& body) {
    httplib::Result res = method == "GET" ? http_->Get(path.c_str())
                          : method == "DELETE"
                              ? http_->Delete(path.c_str())
                              : http_->Post(path.c_str(), body.dump(), "application/json");
    if (!res) throw WebDriverError(method + " " + path + ": no answer from chromedriver");
    const nlohmann::json answer = nlohmann::json::parse(res->body, nullptr, false);
    if (res->status != 200 || answer.is_discarded())
      throw WebDriverError(method + " " + path + ": HTTP " + std::to_string(res->status) + " " +
                           res->body.substr(0, 400));
    return answer.at("value");
  }

  int port_ = 0;
  std::unique_ptr<httplib::Client> http_;
  pid_t driver_pid_ = -1;
  int browser_pid_ = -1;
  std::string id_;
};

}  // namespace einlass::testing
