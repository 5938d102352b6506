#pragma once
// Where a program finds the files its package ships (the bundled event, the language files):
// $EINLASS_ASSETS when set; the source tree's assets/ for a program running from the build
// tree, so edits show without an install; otherwise <prefix>/share/<package> next to the
// program's bin/ folder, whatever the prefix — an installed program never reads a source tree
// elsewhere on the machine, so it runs on exactly what its package shipped. The kiosk's
// package owns /usr/share/einlass; the server's ships its own copy in /usr/share/einlass-server
// (two packages must not ship the same file).

#include <filesystem>
#include <string>

namespace einlass::core {

struct BundledPlaces {
  std::filesystem::path build_tree;     // the CMake build folder the program was built in
  std::filesystem::path source_assets;  // the source tree's assets/
  std::string package_folder;           // "einlass" or "einlass-server", below share/
  std::filesystem::path configured;     // <install prefix>/share/<package>: used without /proc
};

std::filesystem::path bundled_assets_dir(const BundledPlaces& places);

}  // namespace einlass::core
