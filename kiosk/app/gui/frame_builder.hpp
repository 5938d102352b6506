#pragma once
// Builds one frame of the kiosk with Dear ImGui (CPU only, no OpenGL) and fingerprints its draw
// data. Building costs a fraction of a millisecond; rendering and presenting cost far more, so
// the loop builds a frame whenever something might have changed and renders it only when the
// fingerprint differs from what is on screen — an idle kiosk stays asleep.

#include <cstdint>
#include <optional>

#include <imgui.h>

#include "kiosk/ui/frame_record.hpp"
#include "kiosk/ui/screens.hpp"

namespace einlass::app::gui {

// Scripted pointer: where the mouse is and whether its button is down.
struct PointerOverride {
  ImVec2 pos{-1, -1};
  bool down = false;
};

class FrameBuilder {
 public:
  FrameBuilder(const ui::StringTables& strings, ui::FontSet& fonts, ui::KioskSession& session)
      : strings_(strings), fonts_(fonts), session_(session) {}

  // Returns the fingerprint of the frame's draw data.
  uint64_t build(const ui::Now& now, const ui::CameraView& camera,
                 const std::optional<sync::client::SyncStatus>& sync,
                 const std::optional<PointerOverride>& pointer);

  const ui::FrameRecord& record() const { return record_; }

 private:
  const ui::StringTables& strings_;
  ui::FontSet& fonts_;
  ui::KioskSession& session_;
  ui::FrameRecord record_;
};

// A 64-bit fingerprint of everything ImGui asks the renderer to draw.
uint64_t draw_data_signature(const ImDrawData* data);

// Whether the frame draws this texture. The signature cannot see a texture's content change
// (same id, same vertices): a new camera image is worth presenting only when the frame shows
// the camera, not on the staff, result or problem screens.
bool draw_data_uses_texture(const ImDrawData* data, ImTextureID texture);

}  // namespace einlass::app::gui
