#pragma once
// The camera as the window uses it: kiosk/scan's ScanWorker (capture and decoding on its own
// thread), its scans handed to the UI, and its preview frames uploaded into an OpenGL texture
// for the welcome screen. Without a camera ("none", or "auto" with no video device) it reports
// itself as not configured and costs nothing; "auto" looks again every two seconds and uses a
// camera plugged in later.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/app/gui/scan_inbox.hpp"
#include "kiosk/ui/screens.hpp"

namespace einlass::app::gui {

class CameraFeed {
 public:
  // `spec`: "auto", "none", "/dev/video0", "synthetic:…", "files:…" (see kiosk/scan).
  CameraFeed(const std::string& spec, std::function<void()> wake);
  ~CameraFeed();

  std::optional<ScanArrival> take_scan();
  // Uploads the newest preview frame if there is one; true when it changed since last time.
  // Called every frame; it is also when "auto" looks for a camera (cheaply, every 2 s).
  bool update_preview();
  ui::CameraView view() const;
  std::string state_name() const;  // for the staff status tab
  // The camera's description while it works, the reason while it is unavailable; "" without.
  std::string detail() const;
  bool configured() const;

 private:
  void look_for_camera();

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace einlass::app::gui
