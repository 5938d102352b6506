#pragma once
// The dashboard's HTML, CSS and JavaScript (assets/web/), compiled into the server binary by
// embed_web_assets.cmake, so an installed server needs no asset folder and serves exactly the
// files it was built with.

#include <cstddef>
#include <optional>
#include <string_view>

namespace einlass::sync::server {

struct WebAsset {
  std::string_view name;  // file name in assets/web, e.g. "dashboard.js"
  std::string_view bytes;
  std::string_view content_type;
};

// Defined in the generated web_assets_data.cpp.
extern const WebAsset kWebAssets[];
extern const std::size_t kWebAssetCount;

std::optional<WebAsset> find_web_asset(std::string_view name);

}  // namespace einlass::sync::server
