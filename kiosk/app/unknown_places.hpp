#pragma once
// Check-ins at a venue or day the event config does not have: the config given is not the one
// the kiosk ran with. Export and purge both refuse then, with the same message, instead of
// listing without those people or going by another event's retention period.

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/store/attendance_list.hpp"

namespace einlass::app {

// "this kiosk has check-ins the event config FILE does not know (2 at venue "x" on DAY): give
// the event file the kiosk ran with (--event FILE). <outcome>"
std::string unknown_places_message(const std::vector<store::UnknownPlace>& unknown,
                                   const std::filesystem::path& event_file,
                                   const std::string& outcome);

}  // namespace einlass::app
