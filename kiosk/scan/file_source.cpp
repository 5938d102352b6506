#include "kiosk/scan/file_source.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>
#include <thread>

#include "kiosk/scan/image_file.hpp"

namespace einlass::scan {
namespace {

constexpr std::size_t kMaxImages = 64;

bool is_image_name(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

}  // namespace

FileSource::FileSource(std::filesystem::path folder_or_file, FileSourceSettings settings)
    : path_(std::move(folder_or_file)), settings_(settings) {
  settings_.fps = std::max(1, settings_.fps);
}

std::string FileSource::describe() const {
  return "image files " + path_.string();
}

bool FileSource::open(std::string& why_not) {
  std::error_code error;
  std::vector<std::filesystem::path> candidates;
  if (std::filesystem::is_directory(path_, error)) {
    for (const auto& entry : std::filesystem::directory_iterator(path_, error)) {
      if (entry.is_regular_file() && is_image_name(entry.path()))
        candidates.push_back(entry.path());
    }
    std::sort(candidates.begin(), candidates.end());
  } else if (std::filesystem::is_regular_file(path_, error)) {
    candidates.push_back(path_);
  } else {
    why_not = path_.string() + ": no such file or folder";
    return false;
  }
  files_.clear();
  images_.clear();
  for (const auto& file : candidates) {
    if (images_.size() == kMaxImages) break;
    try {
      images_.push_back(load_grey_image(file));
      files_.push_back(file);
    } catch (const ImageFileError&) {
      // A broken file in a folder of test photos should not stop the others being shown.
    }
  }
  if (images_.empty()) {
    why_not = path_.string() + ": no readable PNG or JPEG images";
    return false;
  }
  open_ = true;
  start_ = FrameClock::now();
  last_index_.reset();
  return true;
}

void FileSource::close() {
  open_ = false;
}

FrameStatus FileSource::next_frame(Frame& out, std::chrono::milliseconds timeout) {
  if (!open_) return FrameStatus::Lost;
  const auto period = std::chrono::nanoseconds(1'000'000'000 / settings_.fps);
  const std::uint64_t next = last_index_ ? *last_index_ + 1 : 0;
  const FrameClock::time_point due = start_ + period * next;
  if (due > FrameClock::now() + timeout) {
    std::this_thread::sleep_for(timeout);
    return FrameStatus::NoFrame;
  }
  std::this_thread::sleep_until(due);
  std::uint64_t index = std::max<std::uint64_t>(
      next, static_cast<std::uint64_t>((FrameClock::now() - start_) / period));
  const auto hold_frames =
      std::max<std::uint64_t>(1, static_cast<std::uint64_t>(settings_.hold / period));
  std::uint64_t image = index / hold_frames;
  const std::uint64_t next_image = last_index_ ? *last_index_ / hold_frames + 1 : 0;
  if (image > next_image) {
    // The reader was busy for longer than an image is held: show the image it would have
    // missed rather than skip it (every photo of a folder is to be tried), and let the slide
    // show's time line continue from there.
    image = next_image;
    index = image * hold_frames;
    start_ = FrameClock::now() - period * index;
  }
  if (image >= images_.size()) {
    if (!settings_.loop) return FrameStatus::Finished;
    image %= images_.size();
  }
  last_index_ = index;
  out.grey = images_[static_cast<std::size_t>(image)].view();
  out.captured_at = start_ + period * index;
  out.sequence = index;
  return FrameStatus::Ok;
}

}  // namespace einlass::scan
