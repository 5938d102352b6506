// Camera scanning figures: how often and how fast the kiosk's frame pipeline reads a ticket
// compared with ZXing-cpp's own defaults and with zbar, on the same synthetic 1280x720 frames;
// why the pipeline is set up as it is (a tuning table on the same frames); the CPU a running
// ScanWorker costs on a still scene at 30 fps; and the time from the first camera frame that
// shows a code to the scan being available to the window.
//
// Times per frame are CPU time of the decoding thread (CLOCK_THREAD_CPUTIME_ID): the figure
// does not change when other programs load the machine, as they do on a shared build host;
// wall-clock medians are printed next to them. Figures only, no assertions on time.
//
//   scan_bench            full run (about three minutes), the figures in the README
//   scan_bench --smoke    a few frames of everything, so CTest keeps it working
//   scan_bench --per-level N   N frames per condition (default 20)

// zbar.h first: ZXing's headers define a macro that clashes with a name in zbar's C++ part.
#include <zbar.h>

#ifndef ZX_USE_UTF8
#define ZX_USE_UTF8
#endif
#include <ZXing/ReadBarcode.h>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/ticket_alphabet.hpp"
#include "kiosk/scan/frame_decoder.hpp"
#include "kiosk/scan/scan_worker.hpp"
#include "kiosk/scan/synthetic_camera.hpp"
#include "kiosk/scan/synthetic_scene.hpp"

namespace {

using namespace einlass::scan;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

// A ticket-shaped text: "EL1" + 144 characters of the ticket alphabet (QR version 6, 41x41).
std::string ticket_text(unsigned seed) {
  std::mt19937 random(seed);
  std::string text = "EL1";
  while (text.size() < 147) {
    text += einlass::core::kTicketAlphabet[random() % einlass::core::kTicketAlphabet.size()];
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The frame set: ticket-sized codes at several sizes, blur, motion, noise, perspective and
// glare levels, and frames without a code. Each condition varies position, turn and clutter.

struct TestFrame {
  std::string group;     // row of the result table
  std::string expected;  // "" for a frame without a code
  GreyImage image;
};

std::vector<TestFrame> make_frames(int per_level) {
  std::vector<TestFrame> frames;
  unsigned seed = 1;
  const auto add = [&](const std::string& group, const std::function<void(SceneSpec&)>& adjust) {
    for (int i = 0; i < per_level; ++i, ++seed) {
      std::mt19937 random(seed * 7919);
      SceneSpec spec;
      spec.background_seed = seed;
      spec.noise_seed = seed;
      spec.noise_sigma = 3;
      CodeInView code;
      code.text = ticket_text(seed);
      code.side_px = 200;
      code.rotation_deg = static_cast<double>(random() % 41) - 20;
      spec.code = code;
      adjust(spec);
      if (spec.code) {
        // Anywhere in the frame, but all of the code (with its quiet zone, turned) inside it:
        // a code cut off by the frame edge is unreadable for every decoder and says nothing.
        const double reach = spec.code->side_px * 49 / 41 * 0.65;
        const auto place = [&](int size) {
          const auto room = static_cast<unsigned>(std::max(0.0, size - 2 * reach));
          return room > 0 ? reach + static_cast<double>(random() % room) : size / 2.0;
        };
        spec.code->centre = {place(spec.width), place(spec.height)};
      }
      frames.push_back({group, spec.code ? spec.code->text : "", render_scene(spec)});
    }
  };
  for (const int side : {110, 140, 200, 300, 450}) {
    add("size " + std::to_string(side) + " px", [&](SceneSpec& s) { s.code->side_px = side; });
  }
  // Blur at 260 px (6 px modules): levels either side of where every decoder gives up.
  for (const int radius : {1, 2, 3}) {
    add("defocus r" + std::to_string(radius), [&](SceneSpec& s) {
      s.code->side_px = 260;
      s.defocus_px = radius;
    });
  }
  for (const int length : {6, 10}) {
    add("motion " + std::to_string(length) + " px", [&](SceneSpec& s) {
      s.code->side_px = 260;
      s.motion_px = length;
    });
  }
  for (const int sigma : {8, 16, 24}) {
    add("noise sigma " + std::to_string(sigma), [&](SceneSpec& s) { s.noise_sigma = sigma; });
  }
  for (const int tilt : {25, 40, 55}) {
    add("tilt " + std::to_string(tilt) + " deg", [&](SceneSpec& s) { s.code->tilt_deg = tilt; });
  }
  for (const double glare : {0.5, 0.7, 0.9}) {
    add("glare " + std::to_string(static_cast<int>(glare * 100)) + "%",
        [&](SceneSpec& s) { s.code->glare = glare; });
  }
  // Frames without a code: the room, at the same noise levels as the frames with one.
  for (const int sigma : {3, 8, 16, 24}) {
    add("no code, noise " + std::to_string(sigma), [&](SceneSpec& s) {
      s.code.reset();
      s.noise_sigma = sigma;
    });
  }
  return frames;
}

// ---------------------------------------------------------------------------------------------
// Decoders under test. Each takes a frame and returns the text found ("" for none).

// A frame is a grey view: dense (pixel stride 1), or the luma bytes of a YUYV frame (pixel
// stride 2), as a webcam's YUYV buffer is handed on.
using DecodeFn = std::function<std::string(const GreyView&)>;

DecodeFn zxing_with(ZXing::DecodeHints hints) {
  return [hints](const GreyView& image) {
    const ZXing::ImageView view(image.data, image.width, image.height, ZXing::ImageFormat::Lum,
                                image.stride, image.pixel_stride);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    return result.isValid() ? result.text() : std::string();
  };
}

DecodeFn pipeline_with(FrameDecodeSettings settings) {
  auto decoder = std::make_shared<FrameDecoder>(settings);
  return [decoder](const GreyView& image) {
    const auto found = decoder->decode(image);
    return found ? found->text : std::string();
  };
}

// The frame as a camera's YUYV buffer (Y0 U Y1 V ...; grey, so chroma 128).
std::vector<std::uint8_t> to_yuyv(const GreyImage& image) {
  std::vector<std::uint8_t> yuyv(image.pixels.size() * 2, 128);
  for (std::size_t i = 0; i < image.pixels.size(); ++i)
    yuyv[i * 2] = image.pixels[i];
  return yuyv;
}

// zbar as an application would use it: one scanner, QR enabled and nothing else (its fastest
// setting; with every symbology enabled it is slower still).
DecodeFn zbar_qr() {
  std::shared_ptr<zbar::zbar_image_scanner_t> scanner(zbar::zbar_image_scanner_create(),
                                                      zbar::zbar_image_scanner_destroy);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  return [scanner](const GreyView& image) {
    // zbar scans only grey images: a YUYV frame goes through its own conversion first.
    zbar::zbar_image_t* z = zbar::zbar_image_create();
    zbar::zbar_image_set_format(z, image.pixel_stride == 2 ? zbar_fourcc('Y', 'U', 'Y', 'V')
                                                           : zbar_fourcc('Y', '8', '0', '0'));
    zbar::zbar_image_set_size(z, static_cast<unsigned>(image.width),
                              static_cast<unsigned>(image.height));
    zbar::zbar_image_set_data(
        z, image.data,
        static_cast<unsigned long>(image.stride) * static_cast<unsigned long>(image.height),
        nullptr);
    if (image.pixel_stride == 2) {
      zbar::zbar_image_t* grey = zbar::zbar_image_convert(z, zbar_fourcc('Y', '8', '0', '0'));
      zbar::zbar_image_destroy(z);
      z = grey;
    }
    std::string text;
    if (zbar::zbar_scan_image(scanner.get(), z) > 0) {
      text = zbar::zbar_symbol_get_data(zbar::zbar_image_first_symbol(z));
    }
    zbar::zbar_image_destroy(z);
    return text;
  };
}

struct Measured {
  int frames = 0, correct = 0;
  std::vector<double> cpu_ms, wall_ms;
};

// Runs `decode` over `frames`, grouped by the frames' group (and "all with code" /
// "all without code"). With `yuyv` each frame is handed over as YUYV luma (pixel stride 2),
// grouped only as "YUYV, with code" / "YUYV, no code".
std::map<std::string, Measured> measure(const DecodeFn& decode,
                                        const std::vector<TestFrame>& frames, bool yuyv = false) {
  std::map<std::string, Measured> by_group;
  std::vector<std::uint8_t> packed;
  for (const TestFrame& frame : frames) {
    GreyView view = frame.image.view();
    if (yuyv) {
      packed = to_yuyv(frame.image);
      view =
          GreyView{packed.data(), frame.image.width, frame.image.height, frame.image.width * 2, 2};
    }
    const auto wall_start = Clock::now();
    const double cpu_start = thread_cpu_ms();
    const std::string text = decode(view);
    const double cpu = thread_cpu_ms() - cpu_start;
    const double wall =
        std::chrono::duration<double, std::milli>(Clock::now() - wall_start).count();
    const bool ok = text == frame.expected;
    std::vector<std::string> keys = {frame.group,
                                     frame.expected.empty() ? "ALL without code" : "ALL with code"};
    if (yuyv) keys = {frame.expected.empty() ? "YUYV, no code" : "YUYV, with code"};
    // Like for like: the frames with the everyday sensor noise (sigma 3), with and without.
    if (!yuyv &&
        (frame.group.find("noise") == std::string::npos || frame.group == "no code, noise 3")) {
      keys.push_back(frame.expected.empty() ? "quiet sensor, no code" : "quiet sensor, code");
    }
    for (const std::string& key : keys) {
      Measured& m = by_group[key];
      ++m.frames;
      m.correct += ok ? 1 : 0;
      m.cpu_ms.push_back(cpu);
      m.wall_ms.push_back(wall);
    }
  }
  return by_group;
}

double rate(const Measured& m) {
  return m.frames ? 100.0 * m.correct / m.frames : 0;
}

void print_comparison(const std::vector<TestFrame>& frames) {
  const std::vector<std::pair<std::string, DecodeFn>> decoders = {
      {"pipeline", pipeline_with({})},
      {"ZXing defaults", zxing_with(ZXing::DecodeHints())},
      {"zbar (QR only)", zbar_qr()},
  };
  std::vector<std::map<std::string, Measured>> results;
  for (const auto& [name, decode] : decoders) {
    results.push_back(measure(decode, frames));
    // The same frames as a YUYV webcam delivers them: what the copy into a dense buffer costs.
    results.back().merge(measure(decode, frames, true));
  }

  std::printf("\n1. Decode rate and median CPU ms per 1280x720 frame, same frames for all three\n");
  std::printf("   (rate for frames without a code = share correctly reporting none; YUYV rows:\n");
  std::printf("   the same frames as the luma bytes of a YUYV buffer, pixel stride 2)\n\n");
  std::printf("%-20s %6s |", "frames", "n");
  for (const auto& d : decoders)
    std::printf(" %16s      |", d.first.c_str());
  std::printf("\n%-20s %6s |", "", "");
  for (std::size_t i = 0; i < decoders.size(); ++i)
    std::printf("   rate    median ms |");
  std::printf("\n");
  std::vector<std::string> groups;
  for (const TestFrame& f : frames) {
    if (std::find(groups.begin(), groups.end(), f.group) == groups.end()) groups.push_back(f.group);
  }
  groups.push_back("ALL with code");
  groups.push_back("ALL without code");
  groups.push_back("quiet sensor, code");
  groups.push_back("quiet sensor, no code");
  groups.push_back("YUYV, with code");
  groups.push_back("YUYV, no code");
  for (const std::string& group : groups) {
    if (group == "ALL with code" || group == "quiet sensor, code" || group == "YUYV, with code") {
      std::printf("%s\n", std::string(96, '-').c_str());
    }
    std::printf("%-20s %6d |", group.c_str(), results[0][group].frames);
    for (auto& r : results) {
      const Measured& m = r[group];
      std::printf(" %5.1f%%  %9.2f   |", rate(m), percentile(m.cpu_ms, 0.5));
    }
    std::printf("\n");
  }
  std::printf("%-20s %6s |", "wall median, code", "");
  for (auto& r : results)
    std::printf("          %9.2f   |", percentile(r["ALL with code"].wall_ms, 0.5));
  std::printf("\n%-20s %6s |", "wall median, none", "");
  for (auto& r : results)
    std::printf("          %9.2f   |", percentile(r["ALL without code"].wall_ms, 0.5));
  std::printf("\n");
}

// ---------------------------------------------------------------------------------------------
// Why the pipeline is set up as it is: variants on the same frames.

void print_tuning(const std::vector<TestFrame>& frames) {
  const auto qr = [] {
    return ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode).setMaxNumberOfSymbols(1);
  };
  FrameDecodeSettings no_try_harder;
  no_try_harder.region.try_harder = false;
  FrameDecodeSettings half_early;
  half_early.half_resolution_from_module_px = 3.5f;
  FrameDecodeSettings half_late;
  half_late.half_resolution_from_module_px = 6.0f;
  FrameDecodeSettings one_resolution;
  one_resolution.try_other_resolution = false;
  FrameDecodeSettings whole_frame;
  whole_frame.locate_first = false;
  FrameDecodeSettings rows2;
  rows2.locator.row_step = 2;
  FrameDecodeSettings rows3;
  rows3.locator.row_step = 3;

  const std::vector<std::pair<std::string, DecodeFn>> variants = {
      {"pipeline as shipped", pipeline_with({})},
      {"  regions without tryHarder", pipeline_with(no_try_harder)},
      {"  half res from 3.5 px modules", pipeline_with(half_early)},
      {"  half res from 6 px modules", pipeline_with(half_late)},
      {"  one resolution per region", pipeline_with(one_resolution)},
      {"  locator every 3rd row (not 4th)", pipeline_with(rows3)},
      {"  locator every 2nd row", pipeline_with(rows2)},
      {"no locator: ZXing QR, whole frame", pipeline_with(whole_frame)},
      {"ZXing QR, tryHarder+downscale", zxing_with(qr())},
      {"ZXing QR, tryHarder, no downscale", zxing_with(qr().setTryDownscale(false))},
      {"ZXing QR, GlobalHistogram",
       zxing_with(qr().setTryHarder(false).setTryDownscale(false).setBinarizer(
           ZXing::Binarizer::GlobalHistogram))},
  };
  std::printf("\n2. Tuning: variants on the same frames (median CPU ms per frame)\n\n");
  std::printf("%-36s | %9s | %12s | %12s\n", "variant", "rate", "ms with code", "ms no code");
  for (const auto& [name, decode] : variants) {
    auto r = measure(decode, frames);
    std::printf("%-36s | %8.1f%% | %12.2f | %12.2f\n", name.c_str(), rate(r["ALL with code"]),
                percentile(r["ALL with code"].cpu_ms, 0.5),
                percentile(r["ALL without code"].cpu_ms, 0.5));
  }

  // Following a code: the previous frame's position is tried first.
  FrameDecoder decoder;
  std::vector<double> hinted, fresh;
  int hinted_ok = 0, pairs = 0;
  for (const TestFrame& f : frames) {
    if (f.expected.empty() || f.group.rfind("size", 0) != 0) continue;
    const auto first = decoder.decode(f.image.view());
    if (!first) continue;
    ++pairs;
    double start = thread_cpu_ms();
    const auto again = decoder.decode(f.image.view(), first->corners);
    hinted.push_back(thread_cpu_ms() - start);
    hinted_ok += again && again->text == f.expected ? 1 : 0;
    start = thread_cpu_ms();
    decoder.decode(f.image.view());
    fresh.push_back(thread_cpu_ms() - start);
  }
  std::printf("%-36s | %8.1f%% | %12.2f | (vs %.2f without the hint)\n",
              "following a code (hint from last frame)", pairs ? 100.0 * hinted_ok / pairs : 0,
              percentile(hinted, 0.5), percentile(fresh, 0.5));
}

// ---------------------------------------------------------------------------------------------
// The live worker: CPU on a still scene, and latency from the first frame showing a code.

void print_idle_cpu(std::chrono::seconds duration) {
  SyntheticCameraSettings settings;
  settings.fps = 30;
  SceneSpec room;
  room.background_seed = 77;
  room.noise_sigma = 3;
  settings.script = {{std::chrono::milliseconds(3'600'000), room, std::nullopt}};
  std::atomic<int> wakes{0};
  auto worker =
      std::make_unique<ScanWorker>(std::make_unique<SyntheticCamera>(settings), [&] { ++wakes; });
  // Let the camera start and render its frames (a real camera costs nothing per frame).
  std::this_thread::sleep_for(1500ms);
  const ScanWorkerStats before = worker->stats();
  const int wakes_before = wakes.load();
  const double cpu_before = process_cpu_seconds();
  const auto start = Clock::now();
  std::this_thread::sleep_for(duration);
  const double cpu = process_cpu_seconds() - cpu_before;
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  const ScanWorkerStats after = worker->stats();
  worker.reset();
  const auto frames = after.frames - before.frames;
  std::printf("\n3. ScanWorker, synthetic camera 30 fps, still scene without a code, %.0f s\n\n",
              wall);
  std::printf("   process CPU (getrusage)        %6.2f %% of one core\n", 100.0 * cpu / wall);
  std::printf("   worker thread CPU              %6.2f %% of one core\n",
              100.0 * (after.thread_cpu_seconds - before.thread_cpu_seconds) / wall);
  std::printf("   frames / decoded (whole frame) / wakes  %llu / %llu (%llu) / %d\n",
              static_cast<unsigned long long>(frames),
              static_cast<unsigned long long>(after.decoded - before.decoded),
              static_cast<unsigned long long>(after.whole_frame - before.whole_frame),
              wakes.load() - wakes_before);
}

void print_latency(int trials) {
  // Each trial: the empty room, then a new code — half of them appear at once (a phone turned
  // towards the camera), half are brought in from the side, motion-blurred, and stop. The clock
  // starts at the first frame that shows the whole code, blurred or not.
  SyntheticCameraSettings settings;
  settings.fps = 30;
  settings.loop = false;
  std::mt19937 random(99);
  for (int i = 0; i < trials; ++i) {
    SceneSpec room;
    room.background_seed = 500 + i % 7;
    room.noise_seed = static_cast<std::uint64_t>(i);
    room.noise_sigma = 3;
    settings.script.push_back({300ms, room, std::nullopt});
    CodeInView code;
    code.text = ticket_text(10'000 + static_cast<unsigned>(i));
    code.side_px = 140 + static_cast<double>(random() % 200);
    code.centre = {400.0 + static_cast<double>(random() % 480),
                   250.0 + static_cast<double>(random() % 220)};
    code.rotation_deg = static_cast<double>(random() % 31) - 15;
    code.tilt_deg = static_cast<double>(random() % 30);
    SceneSpec shown = room;
    shown.code = code;
    if (i % 2 == 1) {
      // Brought in from beyond the right edge, slowing down to a stop (300 ms).
      SceneSpec sliding = shown;
      sliding.motion_px = 40;
      CodeInView from = code;
      from.centre.x = 1280 + code.side_px;
      sliding.code = from;
      settings.script.push_back({300ms, sliding, code});
    }
    settings.script.push_back({600ms, shown, std::nullopt});
  }

  std::mutex mutex;
  std::condition_variable woken;
  bool wake_flag = false;
  // Per code: the first frame showing all of it (its capture time, and when the synthetic
  // camera released it: rendering a moving frame can take longer than a frame period on a
  // busy machine, which a real camera's frames never do, so latency counts from the release),
  // and whether it was brought in moving.
  struct Shown {
    Clock::time_point captured, released;
  };
  std::map<std::string, Shown> first_shown;
  std::map<std::string, bool> brought_in, came_to_rest;
  std::map<Clock::time_point, Clock::time_point> released_at;  // capture -> release, code frames
  auto camera = std::make_unique<SyntheticCamera>(settings);
  camera->set_observer([&](const SyntheticFrameInfo& info) {
    if (info.code.empty() || !info.code_inside) return;
    std::lock_guard lock(mutex);
    released_at[info.captured_at] = info.released_at;
    first_shown.try_emplace(info.code, Shown{info.captured_at, info.released_at});
    if (info.motion_blur_px > 0) brought_in[info.code] = true;
    if (info.motion_blur_px == 0) came_to_rest.try_emplace(info.code, true);
  });
  ScanWorker worker(std::move(camera), [&] {
    {
      std::lock_guard lock(mutex);
      wake_flag = true;
    }
    woken.notify_one();
  });

  // The window's side: sleep until woken, take the scan.
  std::vector<double> appeared_ms, brought_ms, frames_late, pipeline_ms;
  int read = 0, read_moving = 0;
  const auto ms_between = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  const auto end = Clock::now() + std::chrono::milliseconds(1300 * trials + 3000);
  while (Clock::now() < end && read < trials) {
    {
      std::unique_lock lock(mutex);
      woken.wait_for(lock, 100ms, [&] { return wake_flag; });
      wake_flag = false;
    }
    const auto scan = worker.take_scan();
    if (!scan) continue;
    const auto now = Clock::now();
    std::lock_guard lock(mutex);
    ++read;
    const auto shown = first_shown.find(scan->code);
    if (shown == first_shown.end()) continue;
    const double ms = ms_between(shown->second.released, now);
    const auto read_frame = released_at.find(scan->seen_at);
    if (read_frame != released_at.end()) pipeline_ms.push_back(ms_between(read_frame->second, now));
    frames_late.push_back(ms_between(shown->second.captured, scan->seen_at) / 33.3);
    if (!brought_in[scan->code]) {
      appeared_ms.push_back(ms);
    } else {
      brought_ms.push_back(ms);
      read_moving += came_to_rest.count(scan->code) == 0 ? 1 : 0;
    }
    if (std::getenv("SCAN_BENCH_DEBUG") != nullptr) {
      std::printf("   %s: %.1f ms, read from frame %.0f\n",
                  brought_in[scan->code] ? "brought" : "appeared", ms, frames_late.back());
    }
  }
  const auto row = [](const char* what, const std::vector<double>& v) {
    std::printf("   %-44s %4zu | %7.1f | %7.1f | %7.1f | %7.1f\n", what, v.size(),
                percentile(v, 0.5), percentile(v, 0.95), percentile(v, 0.99), percentile(v, 1.0));
  };
  std::printf("\n4. Latency: frame first showing a code -> ScanResult taken by the window\n");
  std::printf("   (30 fps synthetic camera through ScanWorker; %d codes, %d read)\n\n", trials,
              read);
  std::printf("   %-44s %4s | %7s | %7s | %7s | %7s\n", "ms from ...", "n", "median", "p95", "p99",
              "max");
  row("code appears in view (phone turned to camera)", appeared_ms);
  row("brought in moving: first full view (blurred)", brought_ms);
  row("any: the frame it was read from (pipeline only)", pipeline_ms);
  std::printf("   brought in moving and read before the hand stopped: %d of %zu\n", read_moving,
              brought_ms.size());
  std::printf("   frames between first full view and the frame read: median %.0f, max %.0f\n",
              percentile(frames_late, 0.5), percentile(frames_late, 1.0));
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  int per_level = smoke ? 2 : 20;
  if (argc > 2 && std::strcmp(argv[1], "--per-level") == 0) {
    per_level = std::max(1, std::atoi(argv[2]));
  }
  std::printf("scan_bench%s: %d frames per condition, 1280x720, ticket codes QR version 6-M\n",
              smoke ? " --smoke" : "", per_level);
  const std::vector<TestFrame> frames = make_frames(per_level);
  print_comparison(frames);
  print_tuning(frames);
  print_idle_cpu(smoke ? 2s : 12s);
  print_latency(smoke ? 4 : 100);
  return 0;
}
