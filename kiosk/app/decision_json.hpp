#pragma once
// A check-in decision as one JSON object: the contract of `einlass-kiosk checkin`, read by tests,
// benchmarks and staff scripts. Field names are stable.

#include <nlohmann/json.hpp>

#include "kiosk/core/checkin_decision.hpp"

namespace einlass::app {

nlohmann::json decision_to_json(const core::Decision& decision);

}  // namespace einlass::app
