#pragma once

#include <memory>
#include <string>

#include "kiosk/scan/frame_source.hpp"

namespace einlass::scan {

// The frame source a `--camera` option names:
//   ""                              none (the kiosk runs with a hardware scanner only)
//   "/dev/video0", "/dev/v4l/by-id/..."   a V4L2 device by path
//   "HD Webcam C270"                a V4L2 camera by (part of) its name, as in
//                                   /sys/class/video4linux/*/name; found again after replugging
//                                   even when it comes back as another /dev/videoN
//   "synthetic:<file or text>"      the synthetic camera showing the codes listed in the file
//                                   (one per line) or the text itself as one code, in turn
//   "files:<folder or image>"       PNG/JPEG files as a slide show, each held for 3 s, looping
// Returns nullptr for "". Throws std::invalid_argument for "synthetic:" or "files:" with
// nothing after the colon, or a synthetic codes file that cannot be read. A camera that is not
// there is not an error here: the worker reports it as unavailable and keeps trying.
std::unique_ptr<FrameSource> open_frame_source(const std::string& spec);

}  // namespace einlass::scan
