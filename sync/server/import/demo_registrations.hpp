#pragma once
// A realistic registration list as the 2019 state registration site exported it: German
// headers, ';', UTF-8 with BOM, CRLF; German and international names as people type them in
// Latin script, e-mails derived from the names, organisations like the seeds' (Kommunen,
// Landkreise, Migrantenorganisationen, Wohlfahrtsverbände …), every venue, 0–2 topics. The
// same seed gives the same file, byte for byte, on every machine.

#include <cstdint>
#include <string>

#include "kiosk/core/event_model.hpp"

namespace einlass::sync::server::import {

std::string demo_registrations_csv(const core::Event& event, int count, uint64_t seed);

}  // namespace einlass::sync::server::import
