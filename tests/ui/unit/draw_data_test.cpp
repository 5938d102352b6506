// The window presents a new camera image only when the frame shows the camera: on the staff,
// result and problem screens a camera streaming 5–30 previews a second must not make the
// kiosk redraw (battery). These tests pin down the check the loop relies on.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdint>

#include "kiosk/app/gui/frame_builder.hpp"

namespace einlass::app::gui {
namespace {

// A headless ImGui frame: no window, no OpenGL — a built font atlas and a display size are all
// NewFrame() needs.
class HeadlessFrame : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // like the kiosk: no imgui.ini written into the working folder
    io.DisplaySize = ImVec2(1280, 800);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ImGui::NewFrame();
  }
  void TearDown() override { ImGui::DestroyContext(); }
};

ImTextureID fake_texture(std::uintptr_t id) {
  return reinterpret_cast<ImTextureID>(id);
}

TEST_F(HeadlessFrame, AFrameThatDrawsTheCameraImageUsesItsTexture) {
  ImGui::GetForegroundDrawList()->AddImage(fake_texture(0x51), ImVec2(0, 0), ImVec2(640, 360));
  ImGui::Render();
  EXPECT_TRUE(draw_data_uses_texture(ImGui::GetDrawData(), fake_texture(0x51)));
  EXPECT_FALSE(draw_data_uses_texture(ImGui::GetDrawData(), fake_texture(0x52)));
}

TEST_F(HeadlessFrame, AFrameWithoutTheCameraDoesNotUseItsTexture) {
  ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(100, 100),
                                                IM_COL32(255, 0, 0, 255));
  ImGui::Render();
  EXPECT_FALSE(draw_data_uses_texture(ImGui::GetDrawData(), fake_texture(0x51)));
  // No camera at all (no texture yet): never a reason to redraw.
  EXPECT_FALSE(draw_data_uses_texture(ImGui::GetDrawData(), nullptr));
}

}  // namespace
}  // namespace einlass::app::gui
