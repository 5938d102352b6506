#include "kiosk/core/bundled_files.hpp"

#include <algorithm>
#include <cstdlib>

namespace einlass::core {

namespace fs = std::filesystem;

fs::path bundled_assets_dir(const BundledPlaces& places) {
  if (const char* env = std::getenv("EINLASS_ASSETS"); env && *env) return env;
  std::error_code ec;
  const fs::path program = fs::read_symlink("/proc/self/exe", ec);
  const fs::path build_tree = fs::weakly_canonical(places.build_tree, ec);
  if (!program.empty() && !build_tree.empty()) {
    const auto [mismatch, ignored] =
        std::mismatch(build_tree.begin(), build_tree.end(), program.begin(), program.end());
    if (mismatch == build_tree.end() && fs::is_directory(places.source_assets, ec))
      return places.source_assets;
  }
  // Without /proc (nothing else we support), the prefix the build was configured with.
  if (!program.empty())
    return program.parent_path().parent_path() / "share" / places.package_folder;
  return places.configured;
}

}  // namespace einlass::core
