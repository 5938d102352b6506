#pragma once
// The kiosk's screens, one file each, drawn from the session's state for one frame. A screen
// only draws and calls session actions; it never touches the store or the window directly.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "kiosk/ui/kiosk_session.hpp"
#include "kiosk/ui/ui_frame.hpp"
#include "sync/client/sync_engine.hpp"

namespace einlass::ui {

// The camera as the window sees it this frame.
struct CameraView {
  bool configured = false;  // the kiosk was started with a camera
  bool running = false;
  bool unavailable = false;  // configured, but it failed or was unplugged
  ImTextureID texture = nullptr;
  int width = 0, height = 0;                          // of the preview frame, in pixels
  std::optional<std::array<ImVec2, 4>> code_outline;  // in frame pixels, not yet mirrored
};

struct ScreenContext {
  Ui& ui;
  KioskSession& session;
  Now now;
  CameraView camera;
  std::optional<sync::client::SyncStatus> sync;  // nullopt: the kiosk runs without sync
};

// The whole frame: the screen for the session's state, full window.
void draw_kiosk(ScreenContext& ctx);

void draw_welcome(ScreenContext& ctx);
void draw_door_welcome(ScreenContext& ctx);
void draw_result(ScreenContext& ctx);
void draw_problem(ScreenContext& ctx);
void draw_pin(ScreenContext& ctx);
void draw_staff(ScreenContext& ctx);

// Shared parts (screen_chrome.cpp, agenda_panel.cpp, round_cards.cpp, camera_panel.cpp).
// Event, venue and date at the top; returns the y where the content starts.
float draw_header(ScreenContext& ctx);
// Help desk (unless the screen shows it itself), language buttons and (on participant screens)
// the staff button; returns its top.
float draw_footer(ScreenContext& ctx, bool staff_button, bool help_desk = true);
float footer_height(const Ui& ui);
void draw_language_buttons(ScreenContext& ctx, ImVec2 right_top, float height);
void draw_agenda_panel(ScreenContext& ctx, ImVec2 pos, ImVec2 size);
// One card per round: round and time, topic, room (large) and where it is.
void draw_round_cards(ScreenContext& ctx, const std::vector<core::RoundRoom>& rooms, ImVec2 pos,
                      ImVec2 size);
void draw_camera_panel(ScreenContext& ctx, ImVec2 pos, ImVec2 size);
// A thin bar that empties until the result returns to the welcome (no button to press).
void draw_return_bar(ScreenContext& ctx, float y);
// The coloured band at the top of a result or problem: badge, title and an optional subtitle,
// centred in its height (in layout units).
void draw_status_band(ScreenContext& ctx, ImU32 colour, int badge, const std::string& title,
                      const std::string& subtitle, float height);
// A white panel with an arrow: where to go next, what to do.
void draw_next_panel(ScreenContext& ctx, ImVec2 pos, ImVec2 size, const std::string& text);

// Staff tabs (one file each).
void draw_staff_walk_in(ScreenContext& ctx, ImVec2 pos, ImVec2 size);
void draw_staff_search(ScreenContext& ctx, ImVec2 pos, ImVec2 size);
void draw_staff_undo(ScreenContext& ctx, ImVec2 pos, ImVec2 size);
void draw_staff_counts(ScreenContext& ctx, ImVec2 pos, ImVec2 size);
void draw_staff_status(ScreenContext& ctx, ImVec2 pos, ImVec2 size);
void draw_staff_door(ScreenContext& ctx, ImVec2 pos, ImVec2 size);

}  // namespace einlass::ui
