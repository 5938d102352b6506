#include "kiosk/app/gui/screenshot.hpp"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <fstream>
#include <iostream>
#include <stdexcept>

namespace einlass::app::gui {

ScreenshotWriter::ScreenshotWriter() : thread_([this] { run(); }) {}

ScreenshotWriter::~ScreenshotWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ScreenshotWriter::capture(const std::filesystem::path& file, int width, int height) {
  Job job{file, width, height,
          std::vector<unsigned char>(static_cast<std::size_t>(width) * height * 3)};
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, job.pixels.data());
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  changed_.notify_all();
}

bool ScreenshotWriter::flush() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return jobs_.empty() && !busy_; });
  return !failed_;
}

void ScreenshotWriter::run() {
  // OpenGL's rows run bottom-up, PNG's top-down. Filter "none" halves the encoding time and,
  // for flat UI colours, even gives smaller files than stb's adaptive filters.
  stbi_flip_vertically_on_write(1);
  stbi_write_force_png_filter = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // stopping, nothing left
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    busy_ = true;
    lock.unlock();
    const bool ok = stbi_write_png(job.file.c_str(), job.width, job.height, 3, job.pixels.data(),
                                   job.width * 3) != 0;
    if (!ok) std::cerr << "einlass-kiosk: cannot write the screenshot " << job.file << "\n";
    lock.lock();
    failed_ = failed_ || !ok;
    busy_ = false;
    changed_.notify_all();
  }
}

void write_json(const std::filesystem::path& file, const nlohmann::json& json) {
  std::ofstream out(file);
  out << json.dump(1) << "\n";
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace einlass::app::gui
