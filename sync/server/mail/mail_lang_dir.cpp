// Only this file knows the build tree (set per file in sync/CMakeLists.txt, so the other objects
// stay shared in ccache between build folders).
#include "kiosk/core/bundled_files.hpp"
#include "sync/server/mail/mail_texts.hpp"

namespace einlass::sync::server::mail {

std::filesystem::path bundled_lang_dir() {
  return core::bundled_assets_dir({EINLASS_BUILD_TREE, EINLASS_SOURCE_ASSETS, "einlass-server",
                                   EINLASS_INSTALLED_SERVER_ASSETS}) /
         "lang";
}

}  // namespace einlass::sync::server::mail
