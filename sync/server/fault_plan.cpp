#include "sync/server/fault_plan.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

namespace einlass::sync::server {

namespace {

Fault read_fault(const nlohmann::json& j) {
  Fault f;
  f.method = j.value("method", "");
  f.path = j.value("path", "");
  const std::string when = j.value("when", "before");
  f.when = when == "during"  ? FaultWhen::During
           : when == "after" ? FaultWhen::After
                             : FaultWhen::Before;
  const std::string action = j.value("action", "status");
  f.action = action == "garbage" ? FaultAction::Garbage
             : action == "drop"  ? FaultAction::Drop
             : action == "stall" ? FaultAction::Stall
             : action == "exit"  ? FaultAction::Exit
                                 : FaultAction::Status;
  f.status = j.value("status", 500);
  f.retry_after = j.value("retry_after", -1);
  f.stall_ms = j.value("stall_ms", 0);
  f.skip = j.value("skip", 0);
  f.times = j.value("times", 1);
  return f;
}

}  // namespace

FaultPlan::FaultPlan(std::filesystem::path file) : file_(std::move(file)) {}

void FaultPlan::reload_if_changed() {
  struct stat info {};
  std::string stamp;
  if (::stat(file_.c_str(), &info) == 0)
    stamp = std::to_string(info.st_ino) + ":" + std::to_string(info.st_size) + ":" +
            std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec);
  if (stamp == stamp_) return;
  stamp_ = stamp;
  faults_.clear();
  if (stamp.empty()) return;
  std::ifstream in(file_);
  const auto plan =
      nlohmann::json::parse(std::string{std::istreambuf_iterator<char>(in), {}}, nullptr, false);
  if (plan.is_discarded() || !plan.contains("faults") || !plan["faults"].is_array()) {
    spdlog::warn("fault plan {} is not valid JSON with a \"faults\" list; no faults",
                 file_.string());
    return;
  }
  for (const auto& f : plan["faults"])
    if (f.is_object()) faults_.push_back(read_fault(f));
  spdlog::warn("fault plan loaded: {} fault(s)", faults_.size());
}

std::optional<Fault> FaultPlan::take(std::string_view method, std::string_view path,
                                     FaultWhen when) {
  std::lock_guard lock(mutex_);
  reload_if_changed();
  for (Fault& f : faults_) {
    if (f.when != when || f.times == 0) continue;
    if (!f.method.empty() && f.method != method) continue;
    if (!f.path.empty() && f.path != path) continue;
    if (f.skip > 0) {
      --f.skip;
      continue;
    }
    if (f.times > 0) --f.times;
    return f;
  }
  return std::nullopt;
}

}  // namespace einlass::sync::server
