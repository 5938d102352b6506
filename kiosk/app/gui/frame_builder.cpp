#include "kiosk/app/gui/frame_builder.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstring>

namespace einlass::app::gui {

namespace {

// 64-bit FNV-1a over 8-byte words (with a tail), fast enough for every idle tick.
struct Fingerprint {
  uint64_t h = 0xcbf29ce484222325ULL;
  void add(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      h = (h ^ w) * 0x100000001b3ULL;
      h ^= h >> 29;
    }
    for (; i < size; ++i)
      h = (h ^ p[i]) * 0x100000001b3ULL;
  }
  template <typename T>
  void add_value(const T& v) {
    add(&v, sizeof v);
  }
};

}  // namespace

uint64_t draw_data_signature(const ImDrawData* data) {
  Fingerprint f;
  if (!data) return 0;
  f.add_value(data->DisplaySize);
  f.add_value(data->FramebufferScale);
  for (int i = 0; i < data->CmdListsCount; ++i) {
    const ImDrawList* list = data->CmdLists[i];
    f.add(list->VtxBuffer.Data, list->VtxBuffer.Size * sizeof(ImDrawVert));
    f.add(list->IdxBuffer.Data, list->IdxBuffer.Size * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      f.add_value(cmd.ClipRect);
      f.add_value(cmd.TextureId);
      f.add_value(cmd.ElemCount);
      f.add_value(cmd.IdxOffset);
      f.add_value(cmd.VtxOffset);
    }
  }
  return f.h;
}

bool draw_data_uses_texture(const ImDrawData* data, ImTextureID texture) {
  if (!data || !texture) return false;
  for (int i = 0; i < data->CmdListsCount; ++i)
    for (const ImDrawCmd& cmd : data->CmdLists[i]->CmdBuffer)
      if (cmd.TextureId == texture) return true;
  return false;
}

uint64_t FrameBuilder::build(const ui::Now& now, const ui::CameraView& camera,
                             const std::optional<sync::client::SyncStatus>& sync,
                             const std::optional<PointerOverride>& pointer) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (pointer) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = pointer->pos;
    for (bool& down : io.MouseDown)
      down = false;
    io.MouseDown[0] = pointer->down;
  }
  ImGui::NewFrame();
  record_.clear();
  ui::Ui ui{strings_, session_.language(), fonts_, record_};
  ui::ScreenContext ctx{ui, session_, now, camera, sync};
  ui::draw_kiosk(ctx);
  ImGui::Render();
  return draw_data_signature(ImGui::GetDrawData());
}

}  // namespace einlass::app::gui
