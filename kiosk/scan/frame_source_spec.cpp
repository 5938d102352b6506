#include "kiosk/scan/frame_source_spec.hpp"

#include <fstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <vector>

#include "kiosk/scan/file_source.hpp"
#include "kiosk/scan/synthetic_camera.hpp"
#include "kiosk/scan/v4l2_camera.hpp"

namespace einlass::scan {
namespace {

constexpr std::string_view kSynthetic = "synthetic:";
constexpr std::string_view kFiles = "files:";

// A file with one code per line (blank lines and lines starting with '#' skipped), or the
// text itself as one code.
std::vector<std::string> synthetic_codes(const std::string& argument) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(argument, error)) return {argument};
  std::ifstream in(argument);
  if (!in) throw std::invalid_argument("synthetic camera: cannot read " + argument);
  std::vector<std::string> codes;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
      line.pop_back();
    if (!line.empty() && line.front() != '#') codes.push_back(line);
  }
  if (codes.empty()) throw std::invalid_argument("synthetic camera: no codes in " + argument);
  return codes;
}

}  // namespace

std::unique_ptr<FrameSource> open_frame_source(const std::string& spec) {
  if (spec.empty()) return nullptr;
  if (spec.rfind(kSynthetic, 0) == 0) {
    const std::string argument = spec.substr(kSynthetic.size());
    if (argument.empty()) throw std::invalid_argument("synthetic: needs a codes file or a code");
    SyntheticCameraSettings settings;
    settings.script = SyntheticCamera::demo_script(synthetic_codes(argument));
    return std::make_unique<SyntheticCamera>(std::move(settings));
  }
  if (spec.rfind(kFiles, 0) == 0) {
    const std::string argument = spec.substr(kFiles.size());
    if (argument.empty()) throw std::invalid_argument("files: needs a folder or an image file");
    return std::make_unique<FileSource>(argument);
  }
  return std::make_unique<V4l2Camera>(spec);
}

}  // namespace einlass::scan
