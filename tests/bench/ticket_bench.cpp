// Ticket codec speed: how long a kiosk spends judging one scanned code (verify_ticket) and the
// server signing one (encode_ticket). Prints median, p99 and mean per call in microseconds and
// the code length. Figures only, no assertions on time: machines differ. --smoke runs a small
// sample so CTest keeps this program working.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_keys.hpp"

namespace {

using namespace einlass::core;
using Clock = std::chrono::steady_clock;

struct Figures {
  double median = 0, p99 = 0, mean = 0;
};

Figures summarise(std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  Figures f;
  f.median = micros[micros.size() / 2];
  f.p99 = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
  f.mean = std::accumulate(micros.begin(), micros.end(), 0.0) / static_cast<double>(micros.size());
  return f;
}

double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

void print_row(const char* what, const Figures& f) {
  std::printf("%-22s %10.1f %10.1f %10.1f\n", what, f.median, f.p99, f.mean);
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  const size_t count = smoke ? 200 : 20000;

  const KeyPair key = make_key_pair();
  Keyring keyring;
  keyring.add(key.public_key);
  const uint32_t tag = event_tag_for("bench-event");
  const int64_t now = 1'568'040'000;

  std::mt19937 rng(42);
  std::vector<std::string> codes;
  std::vector<double> encode_us, verify_us, reject_us;
  codes.reserve(count);
  size_t min_length = SIZE_MAX, max_length = 0;
  for (size_t i = 0; i < count; ++i) {
    TicketPayload p;
    p.event_tag = tag;
    p.venue_index = static_cast<uint8_t>(rng() % 4);
    p.registration_id = static_cast<uint32_t>(rng());
    p.round_topics.resize(rng() % (kMaxTicketRounds + 1));
    for (auto& topic : p.round_topics)
      topic = static_cast<uint8_t>(1 + rng() % 8);
    p.not_before = now - 3600;
    p.not_after = now + 3600;
    const auto start = Clock::now();
    codes.push_back(encode_ticket(p, key.secret));
    encode_us.push_back(micros_since(start));
    min_length = std::min(min_length, codes.back().size());
    max_length = std::max(max_length, codes.back().size());
  }

  size_t valid = 0;
  for (const std::string& code : codes) {
    const auto start = Clock::now();
    const VerifiedTicket result = verify_ticket(code, keyring, tag, now);
    verify_us.push_back(micros_since(start));
    valid += result.verdict == TicketVerdict::Valid;
  }
  // A forged code costs the same signature check; a kiosk under a burst of junk stays as fast.
  for (std::string code : codes) {
    code[20] = code[20] == '0' ? '1' : '0';
    const auto start = Clock::now();
    const VerifiedTicket result = verify_ticket(code, keyring, tag, now);
    reject_us.push_back(micros_since(start));
    valid += result.verdict == TicketVerdict::Valid;  // must stay equal to count
  }

  std::printf("ticket codec, %zu codes%s\n", count, smoke ? " (smoke run)" : "");
  std::printf("%-22s %10s %10s %10s\n", "per call (us)", "median", "p99", "mean");
  print_row("verify (valid)", summarise(verify_us));
  print_row("verify (altered)", summarise(reject_us));
  print_row("encode + sign", summarise(encode_us));
  std::printf("code length: %zu..%zu characters (QR 6-M alphanumeric holds 154)\n", min_length,
              max_length);
  std::printf("valid verdicts: %zu of %zu genuine codes\n", valid, count);
  return valid == count ? 0 : 1;
}
