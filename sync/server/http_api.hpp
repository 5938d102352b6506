#pragma once
// The /api/v1 endpoints (docs/api.md) on a cpp-httplib server. Every request is authenticated
// (device token or organiser token; only enrolment and health need none) and validated; a bad
// one gets a JSON error {"error": code, "reason": text} and changes nothing.

#include <atomic>
#include <memory>

#include <httplib.h>

#include "sync/server/fault_plan.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

class ConfigCache {
 public:
  // The current config; reloaded when `init` or `keys` changed it in the database.
  std::shared_ptr<const ServerConfig> get(const store::Database& db);

 private:
  std::mutex mutex_;
  std::shared_ptr<const ServerConfig> config_;
};

struct ApiContext {
  DbPool* pool = nullptr;
  ConfigCache* config = nullptr;
  FaultPlan* faults = nullptr;  // nullptr unless --allow-faults
  const std::atomic<bool>* stopping = nullptr;
  // The request log's on/off switch (server.toml `request_log`, re-read on SIGHUP); nullptr: on.
  const std::atomic<bool>* request_log = nullptr;
};

// Registers the routes, the JSON error handler and the request log on `server`.
void install_api(httplib::Server& server, ApiContext context);

}  // namespace einlass::sync::server
