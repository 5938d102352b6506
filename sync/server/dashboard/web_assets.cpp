#include "sync/server/dashboard/web_assets.hpp"

namespace einlass::sync::server {

std::optional<WebAsset> find_web_asset(std::string_view name) {
  for (std::size_t i = 0; i < kWebAssetCount; ++i)
    if (kWebAssets[i].name == name) return kWebAssets[i];
  return std::nullopt;
}

}  // namespace einlass::sync::server
