#include "kiosk/app/unknown_places.hpp"

namespace einlass::app {

std::string unknown_places_message(const std::vector<store::UnknownPlace>& unknown,
                                   const std::filesystem::path& event_file,
                                   const std::string& outcome) {
  std::string places;
  for (const store::UnknownPlace& p : unknown)
    places += (places.empty() ? "" : ", ") + std::to_string(p.events) + " at venue \"" + p.venue +
              "\" on " + p.day;
  return "this kiosk has check-ins the event config " + event_file.string() + " does not know (" +
         places + "): give the event file the kiosk ran with (--event FILE). " + outcome;
}

}  // namespace einlass::app
