#include "kiosk/scan/camera_lookup.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <system_error>

namespace einlass::scan {
namespace {

std::string first_line(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
    line.pop_back();
  return line;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "video12" -> 12, so that video10 sorts after video9.
int node_number(const std::filesystem::path& device) {
  const std::string name = device.filename().string();
  int number = 0;
  for (const char c : name) {
    if (std::isdigit(static_cast<unsigned char>(c))) number = number * 10 + (c - '0');
  }
  return number;
}

}  // namespace

std::vector<CameraNode> list_camera_nodes(const std::filesystem::path& sysfs_root,
                                          const std::filesystem::path& dev_root) {
  std::vector<CameraNode> nodes;
  std::error_code error;
  const auto folder = sysfs_root / "class" / "video4linux";
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string node = entry.path().filename().string();
    if (node.rfind("video", 0) != 0) continue;
    CameraNode c;
    c.device = dev_root / node;
    c.name = first_line(entry.path() / "name");
    const std::string index = first_line(entry.path() / "index");
    c.index =
        index.empty() || !std::isdigit(static_cast<unsigned char>(index[0])) ? 0 : std::stoi(index);
    nodes.push_back(std::move(c));
  }
  std::sort(nodes.begin(), nodes.end(), [](const CameraNode& a, const CameraNode& b) {
    if (a.index != b.index) return a.index < b.index;
    return node_number(a.device) < node_number(b.device);
  });
  return nodes;
}

std::vector<std::filesystem::path> find_camera_nodes(const std::string& spec,
                                                     const std::filesystem::path& sysfs_root,
                                                     const std::filesystem::path& dev_root) {
  if (spec.empty()) return {};
  if (spec.front() == '/') return {std::filesystem::path(spec)};
  const std::string wanted = lower(spec);
  std::vector<std::filesystem::path> exact, partial;
  for (const CameraNode& node : list_camera_nodes(sysfs_root, dev_root)) {
    const std::string name = lower(node.name);
    if (name == wanted) {
      exact.push_back(node.device);
    } else if (name.find(wanted) != std::string::npos) {
      partial.push_back(node.device);
    }
  }
  exact.insert(exact.end(), partial.begin(), partial.end());
  return exact;
}

}  // namespace einlass::scan
