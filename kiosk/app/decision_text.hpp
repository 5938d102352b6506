#pragma once
// A decision in one or two plain lines for a terminal (the demo and staff scripts). The kiosk
// screens have their own, translated texts.

#include <string>

#include "kiosk/core/checkin_decision.hpp"
#include "kiosk/core/event_model.hpp"

namespace einlass::app {

std::string decision_text(const core::Decision& decision, const core::Event& event);

}  // namespace einlass::app
