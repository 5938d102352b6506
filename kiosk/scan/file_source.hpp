#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/scan/frame_source.hpp"
#include "kiosk/scan/grey_image.hpp"

namespace einlass::scan {

struct FileSourceSettings {
  std::chrono::milliseconds hold{3000};  // how long each image is shown
  int fps = 10;                          // frames per second while it is shown
  bool loop = true;                      // start again after the last image
};

// PNG/JPEG files as a camera: a slide show of one image or a folder's images in name order,
// for tests, for the demo, and to try the decoder on photos taken at a venue. Images are
// loaded when the source is opened (at most 64; unreadable files are skipped). Like a camera,
// a reader that falls behind gets the newest frame, but never skips a whole image: each is
// shown at least once, in order, however busy the machine is.
class FileSource final : public FrameSource {
 public:
  explicit FileSource(std::filesystem::path folder_or_file, FileSourceSettings settings = {});

  std::string describe() const override;
  bool open(std::string& why_not) override;
  void close() override;
  FrameStatus next_frame(Frame& out, std::chrono::milliseconds timeout) override;

  // The files open() loaded, in the order they are shown.
  const std::vector<std::filesystem::path>& files() const { return files_; }

 private:
  std::filesystem::path path_;
  FileSourceSettings settings_;
  std::vector<std::filesystem::path> files_;
  std::vector<GreyImage> images_;
  bool open_ = false;
  FrameClock::time_point start_;
  std::optional<std::uint64_t> last_index_;
};

}  // namespace einlass::scan
