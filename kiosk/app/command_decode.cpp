#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/app/commands.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/scan/image_file.hpp"
#include "kiosk/scan/qr_decoder.hpp"

namespace einlass::app {

namespace {

struct DecodeArgs {
  KioskOptions kiosk;
  std::vector<std::string> images;
};

int run_decode(const DecodeArgs& args) {
  const KioskSetup setup = make_kiosk_setup(args.kiosk);
  const uint32_t event_tag = core::event_tag_for(setup.event.id);
  const scan::QrDecoder decoder;
  bool all_found = true;
  for (const std::string& file : args.images) {
    nlohmann::json j{{"file", file}};
    try {
      const scan::GreyImage image = scan::load_grey_image(file);
      const auto start = std::chrono::steady_clock::now();
      const auto found = decoder.decode(image.view());
      const std::chrono::duration<double, std::milli> took =
          std::chrono::steady_clock::now() - start;
      j["decode_ms"] = std::round(took.count() * 1000) / 1000;
      if (found) {
        j["text"] = found->text;
        const auto unix_now =
            std::chrono::duration_cast<std::chrono::seconds>(setup.clock.now().time_since_epoch())
                .count();
        const auto verified = core::verify_ticket(found->text, setup.keyring, event_tag, unix_now);
        j["ticket"] = core::verdict_name(verified.verdict);
        if (verified.payload) {
          j["registration"] = verified.payload->registration_id;
          j["venue"] = verified.payload->venue_index < setup.event.venues.size()
                           ? setup.event.venues[verified.payload->venue_index].id
                           : "";
        }
      } else {
        j["text"] = nullptr;
        all_found = false;
      }
    } catch (const scan::ImageFileError& e) {
      j["error"] = e.what();
      all_found = false;
    }
    std::cout << j.dump() << std::endl;
  }
  return all_found ? kExitOk : kExitRefused;
}

}  // namespace

CommandRunner add_decode_command(CLI::App& app) {
  auto args = std::make_shared<DecodeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "decode",
      "decode QR codes in PNG/JPEG files; one JSON line per file with the text, the ticket "
      "verdict and the decode time (exit 1 if any file had no readable code)");
  add_kiosk_options(*cmd, args->kiosk);
  cmd->add_option("images", args->images, "image files")->required();
  return [args]() -> int { return run_decode(*args); };
}

}  // namespace einlass::app
