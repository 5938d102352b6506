#include "kiosk/app/gui/scanner_filter.hpp"

namespace einlass::app::gui {

ScannerFilter::Result ScannerFilter::convert(scan::HidScannerInput::Outcome o,
                                             Clock::time_point t) {
  Result r;
  if (o.scan) {
    std::string code = scan::choose_reading(*o.scan, o.other_readings, roster_knows_);
    if (repeats_.is_new_scan(code, t)) {
      r.scan = std::move(code);
    } else {
      r.repeated = true;
    }
  }
  r.garbled = o.garbled;
  r.typed = std::move(o.typed);
  return r;
}

}  // namespace einlass::app::gui
