#pragma once
// Screenshots of the kiosk for scripted sessions: the rendered frame as a PNG (read back from
// OpenGL, written with stb_image_write) and what it showed as JSON (the frame record), side by
// side, so a test asserts on the words and a person looks at the picture. PNGs are encoded on a
// worker thread while the script goes on.

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace einlass::app::gui {

class ScreenshotWriter {
 public:
  ScreenshotWriter();
  ~ScreenshotWriter();  // writes everything still queued
  ScreenshotWriter(const ScreenshotWriter&) = delete;
  ScreenshotWriter& operator=(const ScreenshotWriter&) = delete;

  // Reads the current back buffer (after rendering, before presenting) and queues it as PNG.
  void capture(const std::filesystem::path& file, int width, int height);
  // Waits until every queued PNG is written; false if one could not be.
  bool flush();

 private:
  struct Job {
    std::filesystem::path file;
    int width = 0, height = 0;
    std::vector<unsigned char> pixels;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  bool busy_ = false, stopping_ = false, failed_ = false;
  std::thread thread_;
};

void write_json(const std::filesystem::path& file, const nlohmann::json& json);

}  // namespace einlass::app::gui
