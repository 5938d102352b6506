#include "kiosk/scan/frame_scanner.hpp"

namespace einlass::scan {

FrameScanner::FrameScanner(FrameScannerSettings settings)
    : settings_(settings),
      decoder_(settings.decode),
      gate_(settings.gate),
      repeats_(settings.repeat_hold_off) {}

FrameVerdict FrameScanner::process(const Frame& frame) {
  const FrameClock::time_point t = frame.captured_at;
  FrameVerdict verdict;
  verdict.moved = gate_.moved(frame.grey);
  if (verdict.moved) settle_check_due_ = true;
  const bool following = last_code_time_ && t - *last_code_time_ < settings_.follow_code_for;
  const bool quiet = !verdict.moved && !following;
  const bool still_due = settle_check_due_ || !last_decode_time_ ||
                         t - *last_decode_time_ >= settings_.still_decode_interval;
  if (quiet && !still_due) return verdict;

  verdict.decoded = true;
  verdict.code = decoder_.decode(frame.grey, following ? last_corners_ : std::nullopt);
  if (quiet) settle_check_due_ = false;
  if (!verdict.code && quiet) {
    // Still frames are few (see still_decode_interval), so each can afford the full search.
    verdict.whole_frame = true;
    verdict.code = decoder_.decode_whole(frame.grey);
  }
  // The next frames are compared with this one: what matters is change since the decoder
  // last looked, so a slow drift adds up until it counts as motion.
  gate_.accept();
  last_decode_time_ = t;
  if (verdict.code) {
    last_code_time_ = t;
    last_corners_ = verdict.code->corners;
    verdict.new_scan = repeats_.is_new_scan(verdict.code->text, t);
  }
  return verdict;
}

}  // namespace einlass::scan
