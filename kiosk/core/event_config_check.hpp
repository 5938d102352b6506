#pragma once
// Internal to the event config loader: the checks that need the whole event at once — each
// day's resolved agenda (order, overlaps, rounds, check-in times) and that every topic has
// exactly one room per round at every venue — and building the final Event.

#include "kiosk/core/event_config_read.hpp"
#include "kiosk/core/event_config_toml.hpp"
#include "kiosk/core/event_model.hpp"

namespace einlass::core::config_detail {

// Resolves every day's agenda (per-date speakers and titles applied) and checks the result;
// throws EventConfigError through `reporter` on the first problem.
Event finish_config(ConfigDraft draft, const Reporter& reporter);

}  // namespace einlass::core::config_detail
