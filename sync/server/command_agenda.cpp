#include <date/tz.h>

#include <iostream>
#include <memory>

#include "kiosk/core/agenda_changes.hpp"
#include "sync/protocol/protocol_error.hpp"
#include "sync/protocol/wire_roster.hpp"
#include "sync/server/agenda_log.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

struct AgendaArgs {
  std::string db, venue, day, from, item, start, end, title;
  int minutes = 0;
};

// The venue's local time now, if today is `day` there.
std::optional<core::LocalTime> now_at_venue(const core::Event& event, const std::string& day) {
  const auto local =
      date::make_zoned(event.timezone, std::chrono::system_clock::now()).get_local_time();
  const auto today = date::floor<date::days>(local);
  if (date::format("%F", today) != day) return std::nullopt;
  const auto minutes = date::floor<std::chrono::minutes>(local - today).count();
  return core::LocalTime{static_cast<int>(minutes)};
}

// "--item 3" (third item) or "--item 15:35" (the item planned to start then).
int resolve_item(const core::Day& day, const std::string& text) {
  if (text.find(':') != std::string::npos) {
    const core::LocalTime start = protocol::parse_hhmm(text, "--item");
    for (size_t i = 0; i < day.agenda.size(); ++i)
      if (day.agenda[i].start == start) return static_cast<int>(i);
    throw AgendaChangeError("no item of " + day.date + " is planned to start at " + text);
  }
  try {
    return std::stoi(text) - 1;
  } catch (const std::exception&) {
    throw AgendaChangeError("--item must be an item number (1 = first) or its planned start time");
  }
}

void print_day(const core::Day& day) {
  for (const core::AgendaItem& item : day.agenda)
    std::cout << core::format_hhmm(item.start) << "–" << core::format_hhmm(item.end) << "  "
              << item.title << "\n";
}

}  // namespace

CommandRunner add_agenda_command(CLI::App& app) {
  auto args = std::make_shared<AgendaArgs>();
  CLI::App* cmd = app.add_subcommand(
      "agenda", "live agenda changes kiosks show within seconds: delay, change, reset, list");
  add_db_option(*cmd, args->db);
  cmd->require_subcommand(1);
  const auto where = [&](CLI::App* sub) {
    sub->add_option("--venue", args->venue, "venue id")->required();
    sub->add_option("--day", args->day, "conference day (YYYY-MM-DD)")->required();
  };
  CLI::App* delay = cmd->add_subcommand(
      "delay", "move everything from a time on by N minutes (negative: earlier)");
  where(delay);
  delay->add_option("--minutes", args->minutes, "minutes")->required();
  delay->add_option("--from", args->from, "HH:MM; default: now at the venue (if it is the day)");
  CLI::App* change = cmd->add_subcommand("change", "give one item a new start, end or title");
  where(change);
  change->add_option("--item", args->item, "item number (1 = first) or planned start HH:MM")
      ->required();
  change->add_option("--start", args->start, "new start HH:MM");
  change->add_option("--end", args->end, "new end HH:MM");
  change->add_option("--title", args->title, "new title");
  CLI::App* reset = cmd->add_subcommand("reset", "back to the planned agenda of the day");
  where(reset);
  CLI::App* list = cmd->add_subcommand("list", "the agenda of the day as it now runs");
  where(list);

  return [=]() -> int {
    const auto db = open_server_db(server_db_path(args->db));
    const auto config = load_server_config(*db);
    try {
      if (list->parsed()) {
        print_day(current_day(*db, *config, args->venue, args->day));
        return kExitOk;
      }
      core::AgendaChange c;
      c.venue = args->venue;
      c.day = args->day;
      const auto& venue = require_venue(config->event, args->venue);
      const auto day_index = core::day_index(venue, args->day);
      if (!day_index) throw AgendaChangeError(args->day + " is not a day of venue " + venue.id);
      const core::Day& planned = venue.days[*day_index];
      if (delay->parsed()) {
        c.kind = core::AgendaChangeKind::Delay;
        c.minutes = args->minutes;
        if (!args->from.empty()) {
          c.from = protocol::parse_hhmm(args->from, "--from");
        } else if (const auto now = now_at_venue(config->event, args->day)) {
          c.from = *now;
        } else {
          throw AgendaChangeError(args->day +
                                  " is not today at the venue: say from when with "
                                  "--from HH:MM");
        }
      } else if (change->parsed()) {
        c.kind = core::AgendaChangeKind::ChangeItem;
        // Items are named by their place in the planned agenda, which a delay does not move.
        c.item = resolve_item(planned, args->item);
        if (!args->start.empty()) c.start = protocol::parse_hhmm(args->start, "--start");
        if (!args->end.empty()) c.end = protocol::parse_hhmm(args->end, "--end");
        if (!args->title.empty()) c.title = args->title;
      } else {
        c.kind = core::AgendaChangeKind::Reset;
      }
      const core::AgendaChange stored = add_agenda_change(*db, *config, c, unix_now_ms());
      std::cout << "change " << stored.id << ": " << core::describe_agenda_change(stored, planned)
                << "\n";
      print_day(current_day(*db, *config, args->venue, args->day));
      return kExitOk;
    } catch (const AgendaChangeError& e) {
      std::cerr << "agenda: " << e.what() << "\n";
      return kExitFailed;
    } catch (const protocol::ProtocolError& e) {
      std::cerr << "agenda: " << e.what() << "\n";
      return kExitUsage;
    } catch (const ServerConfigError& e) {
      std::cerr << "agenda: " << e.what() << "\n";
      return kExitUsage;
    }
  };
}

}  // namespace einlass::sync::server
