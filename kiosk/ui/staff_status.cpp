// The kiosk's health for staff: this device, its store and what waits to be synced, the sync
// connection (when the kiosk is enrolled with a server), camera and scanner.

#include <cstdio>

#include "kiosk/store/sync_state.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

namespace {

std::string sync_text(ScreenContext& ctx) {
  const Ui& ui = ctx.ui;
  if (!ctx.sync) return ui.tr("status.sync.off");
  using sync::client::Connection;
  switch (ctx.sync->connection) {
    case Connection::NotEnrolled:
      return ui.tr("status.sync.off");
    case Connection::Connecting:
      return ui.tr("status.sync.connecting");
    case Connection::Online:
      return ui.tr("status.sync.online");
    case Connection::Offline:
      return ui.tr("status.sync.offline");
    case Connection::Revoked:
      // The sync engine stops after either wipe; only the store knows which one it was.
      return ui.tr(store::is_retired_after_retention(ctx.session.store())
                       ? "status.sync.retention_over"
                       : "status.sync.revoked");
  }
  return {};
}

std::string enrolment_text(const Ui& ui, const EnrolmentProgress& e) {
  switch (e.state) {
    case EnrolmentProgress::State::Idle:
      return {};
    case EnrolmentProgress::State::Running:
      return ui.tr("status.enrol.running", {{"server", e.server}});
    case EnrolmentProgress::State::Succeeded:
      return ui.tr("status.enrol.done", {{"server", e.server}, {"details", e.message}});
    case EnrolmentProgress::State::Failed:
      return ui.tr("status.enrol.failed", {{"server", e.server}, {"reason", e.message}});
  }
  return {};
}

std::string camera_text(const Ui& ui, const std::string& state) {
  if (state == "running") return ui.tr("status.camera.running");
  if (state == "starting") return ui.tr("status.camera.starting");
  if (state == "unavailable" || state == "no_camera") return ui.tr("status.camera.unavailable");
  return ui.tr("status.camera.none");
}

}  // namespace

void draw_staff_status(ScreenContext& ctx, ImVec2 pos, ImVec2 size) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  if (ctx.now.steady - session.counts().refreshed_at > std::chrono::seconds(5))
    session.refresh_counts(ctx.now);
  const auto& t = session.counts().totals;
  float y = pos.y;
  text_at(ui, FontRole::Large, ImVec2(pos.x, y), ui.tr("status.title"), theme::kText);
  y += ui.u(60);

  std::vector<std::pair<std::string, std::string>> lines{
      {ui.tr("status.device"), session.store().device_id()},
      {ui.tr("status.store"), session.store().db().file().string()},
      {ui.tr("status.events"),
       ui.tr("status.events_value", {{"events", std::to_string(t.events)},
                                     {"waiting", std::to_string(t.outbox_waiting)},
                                     {"rejected", std::to_string(t.outbox_rejected)}})},
      {ui.tr("status.sync"), sync_text(ctx)},
  };
  if (ctx.sync && ctx.sync->connection != sync::client::Connection::NotEnrolled) {
    std::string last = ui.tr("status.sync.never");
    if (ctx.sync->last_success_ms) {
      const auto at = core::TimePoint(std::chrono::milliseconds(*ctx.sync->last_success_ms));
      last = time_text(ui, session.clock().local_time_of(at).time);
    }
    lines.push_back({ui.tr("status.sync.last_success"), last});
    if (ctx.sync->clock_skew_ms) {
      char skew[32];
      std::snprintf(skew, sizeof skew, "%+.1f s", *ctx.sync->clock_skew_ms / 1000.0);
      lines.push_back({ui.tr("status.sync.clock_skew"), skew});
    }
    if (!ctx.sync->last_error.empty())
      lines.push_back({ui.tr("status.sync.last_error"), ctx.sync->last_error});
  }
  const StatusSources& sources = session.status_sources();
  if (sources.enrolment) {
    const std::string enrol = enrolment_text(ui, sources.enrolment());
    if (!enrol.empty()) lines.push_back({ui.tr("status.enrol"), enrol});
  }
  if (session.out_of_service())
    lines.push_back({ui.tr("status.sync"), ui.tr(store::is_retired_after_retention(session.store())
                                                     ? "status.retention_over"
                                                     : "status.revoked")});
  // Each event the server refused, so staff can settle it by hand: who, when and why.
  for (const RejectedView& r : session.counts().rejected) {
    const std::string at = time_text(ui, session.clock().local_time_of(r.at).time);
    lines.push_back(
        {ui.tr("status.rejected"),
         ui.tr("status.rejected_value", {{"name", r.who}, {"time", at}, {"reason", r.reason}})});
  }
  std::string camera = camera_text(ui, sources.camera ? sources.camera() : "");
  if (const std::string detail = sources.camera_detail ? sources.camera_detail() : "";
      !detail.empty())
    camera += " – " + detail;
  lines.push_back({ui.tr("status.camera"), camera});
  lines.push_back({ui.tr("status.scanner"), ui.tr(sources.scanner_seen && sources.scanner_seen()
                                                      ? "status.scanner.seen"
                                                      : "status.scanner.not_seen")});
  lines.push_back({ui.tr("status.mode"),
                   session.door_room().empty() ? ui.tr("door.entrance") : session.door_room()});

  const float label_w = ui.u(300);
  for (const auto& [label, value] : lines) {
    if (y + ui.u(40) > pos.y + size.y) break;
    text_in_box(ui, FontRole::Small, ImVec2(pos.x, y + ui.u(4)),
                ImVec2(label_w - ui.u(12), ui.u(30)), label, theme::kMuted);
    y += std::max(ui.u(44), text_in_box(ui, FontRole::Body, ImVec2(pos.x + label_w, y),
                                        ImVec2(size.x - label_w, ui.u(72)), value, theme::kText) +
                                ui.u(10));
  }
}

}  // namespace einlass::ui
