#pragma once
// Test-only fault injection: the tests make a real server misbehave on purpose (answer 500 or
// 429, send garbage, drop the connection after committing, stall, crash mid-batch). Active only
// when `serve --allow-faults --fault-plan FILE` is given; the file is read again whenever it
// changes, so a test can switch faults on and off while the server runs.
//
// Plan file: {"faults": [{"method": "POST", "path": "/api/v1/events", "when": "after",
//   "action": "drop", "times": 1, "skip": 0, "status": 500, "retry_after": 1, "stall_ms": 3000}]}
//   when:   "before" (nothing done yet), "during" (inside the push transaction, before COMMIT),
//           "after" (committed, answer not yet sent)
//   action: "status" (answer `status` with a JSON error, Retry-After if given), "garbage"
//           (200 with a body that is not JSON), "drop" (headers, then close without a body),
//           "stall" (wait stall_ms, then go on), "exit" (the process ends at once, like a crash)
//   skip:   let this many matching requests pass first; times: then fire this often (-1 = always)

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace einlass::sync::server {

enum class FaultWhen { Before, During, After };
enum class FaultAction { Status, Garbage, Drop, Stall, Exit };

struct Fault {
  std::string method;  // "" = any
  std::string path;    // "" = any
  FaultWhen when = FaultWhen::Before;
  FaultAction action = FaultAction::Status;
  int status = 500;
  int retry_after = -1;  // seconds; -1 = no header
  int stall_ms = 0;
  int skip = 0;
  int times = 1;
};

class FaultPlan {
 public:
  explicit FaultPlan(std::filesystem::path file);

  // The fault to inject now, if any; counts it as used.
  std::optional<Fault> take(std::string_view method, std::string_view path, FaultWhen when);

 private:
  void reload_if_changed();

  std::filesystem::path file_;
  std::mutex mutex_;
  std::string stamp_;  // identifies the file version last read
  std::vector<Fault> faults_;
};

}  // namespace einlass::sync::server
