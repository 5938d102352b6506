#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace einlass::scan {

// A V4L2 device node as sysfs describes it.
struct CameraNode {
  std::filesystem::path device;  // /dev/video2
  std::string name;              // "HD Webcam C270" (from .../video2/name)
  int index = 0;                 // from .../video2/index: 0 is a camera's capture node; USB
                                 // cameras add a metadata node with the same name and index 1
};

// Every /sys/class/video4linux/video* node, capture nodes (index 0) first, then by number.
// The roots are parameters so tests can build a fake sysfs tree.
std::vector<CameraNode> list_camera_nodes(const std::filesystem::path& sysfs_root = "/sys",
                                          const std::filesystem::path& dev_root = "/dev");

// The device nodes a `--camera` spec may mean, best first: a spec starting with '/' is a path
// and is returned as is; anything else is matched case-insensitively against the node names
// (whole name first, then as a part of the name). Resolved again on every open, because a
// replugged camera may come back as another /dev/videoN.
std::vector<std::filesystem::path> find_camera_nodes(
    const std::string& spec, const std::filesystem::path& sysfs_root = "/sys",
    const std::filesystem::path& dev_root = "/dev");

}  // namespace einlass::scan
