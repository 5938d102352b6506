#include "kiosk/core/ticket_codec.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cctype>
#include <random>
#include <string>

#include "tests/unit/ticket_test_support.hpp"

namespace einlass::core {
namespace {

using test::code_bytes;
using test::code_from_bytes;
using test::sample_payload;

class TicketCodec : public ::testing::Test {
 protected:
  TicketCodec() { keyring.add(key.public_key, "test key"); }

  VerifiedTicket verify(std::string_view code) const {
    return verify_ticket(code, keyring, sample_payload().event_tag, during);
  }

  KeyPair key = test::seeded_key(1);
  Keyring keyring;
  int64_t during = sample_payload().not_before + 3600;
};

TEST_F(TicketCodec, AValidTicketIsAdmittedWithEverythingItSays) {
  const std::string code = encode_ticket(sample_payload(), key.secret);
  const VerifiedTicket result = verify(code);
  ASSERT_EQ(result.verdict, TicketVerdict::Valid);
  ASSERT_TRUE(result.payload.has_value());
  TicketPayload expected = sample_payload();
  expected.key_id = key.public_key.key_id;
  EXPECT_EQ(*result.payload, expected);
}

TEST_F(TicketCodec, TicketsAlreadyEmailedKeepScanningAfterAnUpdate) {
  // Reference computed independently (Python: cryptography's Ed25519, hashlib's BLAKE2b, the
  // layout and alphabet by hand). Ed25519 signatures are deterministic, so any change to the
  // layout, alphabet, key id or event tag shows up here.
  const std::string golden =
      "EL1072W4KWLTB601XT7280000020C3G1J3MBNG4UVSVPVTTBPX3VKWG5Q73JCG411NFTJ8PPTLCKGSWJ9Q393ACTW1"
      "D6V6608W0P392DKEALAT7N5V8VBKDGB9QNM8N08KBK32V6XQ95H0BW0G";
  EXPECT_EQ(key.public_key.key_id, 0xE2C5);
  EXPECT_EQ(encode_ticket(sample_payload(), key.secret), golden);
  EXPECT_EQ(verify(golden).verdict, TicketVerdict::Valid);
}

TEST_F(TicketCodec, RandomTicketsRoundTripExactly) {
  std::mt19937 rng(1568000000);
  for (int i = 0; i < 2500; ++i) {
    TicketPayload p = test::random_payload(rng);
    p.key_id = test::pick<uint16_t>(rng);  // overwritten by the key; must not matter
    const std::string code = encode_ticket(p, key.secret);
    const VerifiedTicket result = verify_ticket(code, keyring, p.event_tag, p.not_before);
    ASSERT_EQ(result.verdict, TicketVerdict::Valid) << "case " << i << ": " << code;
    p.key_id = key.public_key.key_id;
    ASSERT_EQ(result.payload, p) << "case " << i;
    // One spelling per ticket: re-encoding what was read gives the very same code.
    ASSERT_EQ(encode_ticket(*result.payload, key.secret), code);
  }
}

TEST_F(TicketCodec, CodesUseOnlyTheAlphabetAndFitQrVersion6M) {
  TicketPayload p = sample_payload();
  p.round_topics = {255, 255, 255, 255};
  const std::string code = encode_ticket(p, key.secret);
  EXPECT_LE(code.size(), 154u) << "QR version 6-M alphanumeric capacity";
  EXPECT_EQ(code.size(), kMaxTicketCodeLength);
  EXPECT_TRUE(code.starts_with("EL1"));
  for (const char c : code.substr(3)) {
    EXPECT_NE(kTicketAlphabet.find(c), std::string_view::npos) << c;
  }
}

// Every variant of `code` that differs by one character: each other alphabet character and a
// lowercase letter at each position, each deletion and each insertion.
template <typename Check>
void for_each_single_change(const std::string& code, Check check) {
  for (size_t i = 0; i < code.size(); ++i) {
    for (const char c : kTicketAlphabet) {
      if (c == code[i]) continue;
      std::string changed = code;
      changed[i] = c;
      check(i, changed);
    }
    if (std::isupper(static_cast<unsigned char>(code[i]))) {
      std::string changed = code;
      changed[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
      check(i, changed);
    }
    std::string deleted = code;
    deleted.erase(i, 1);
    check(i, deleted);
  }
  for (size_t i = 0; i <= code.size(); ++i) {
    for (const char c : kTicketAlphabet) {
      std::string inserted = code;
      inserted.insert(i, 1, c);
      if (inserted == code) continue;
      check(i, inserted);
    }
  }
}

TEST_F(TicketCodec, AnySingleCharacterChangeIsRejected) {
  for (const std::vector<uint8_t>& topics : {std::vector<uint8_t>{}, {1, 2, 3, 4}}) {
    TicketPayload p = sample_payload();
    p.round_topics = topics;
    const std::string code = encode_ticket(p, key.secret);
    ASSERT_EQ(verify(code).verdict, TicketVerdict::Valid);
    size_t variants = 0;
    for_each_single_change(code, [&](size_t, const std::string& changed) {
      ++variants;
      EXPECT_NE(verify(changed).verdict, TicketVerdict::Valid) << changed;
    });
    EXPECT_GT(variants, code.size() * 60);
  }
}

TEST_F(TicketCodec, AChangedPrefixIsNotATicket) {
  const std::string code = encode_ticket(sample_payload(), key.secret);
  for (size_t i = 0; i < kTicketPrefix.size(); ++i) {
    for (const char c : std::string(kTicketAlphabet) + "el") {
      if (c == code[i]) continue;
      std::string changed = code;
      changed[i] = c;
      EXPECT_EQ(verify(changed).verdict, TicketVerdict::NotATicket) << changed;
    }
    std::string deleted = code;
    deleted.erase(i, 1);
    EXPECT_EQ(verify(deleted).verdict, TicketVerdict::NotATicket) << deleted;
  }
}

TEST_F(TicketCodec, ForeignCodesAreNotTickets) {
  for (const char* text :
       {"", "hello", "https://example.org/tickets/4711", "EL", "el1ABC", "4711-ANMELDUNG"}) {
    EXPECT_FALSE(looks_like_signed_ticket(text)) << text;
    const VerifiedTicket result = verify(text);
    EXPECT_EQ(result.verdict, TicketVerdict::NotATicket) << text;
    EXPECT_FALSE(result.payload.has_value());
  }
  EXPECT_TRUE(looks_like_signed_ticket(encode_ticket(sample_payload(), key.secret)));
}

TEST_F(TicketCodec, ACutOffCodeIsTruncated) {
  const std::string code = encode_ticket(sample_payload(), key.secret);
  for (size_t length = kTicketPrefix.size(); length < code.size(); ++length) {
    EXPECT_EQ(verify(code.substr(0, length)).verdict, TicketVerdict::Truncated) << length;
  }
  EXPECT_EQ(verify(code + "00").verdict, TicketVerdict::Truncated);
  EXPECT_EQ(verify(code + std::string(1000, '0')).verdict, TicketVerdict::Truncated);
  EXPECT_EQ(verify(code + "\n").verdict, TicketVerdict::Truncated);
}

TEST_F(TicketCodec, AFutureFormatIsNotMistakenForThisOne) {
  std::vector<uint8_t> bytes = code_bytes(encode_ticket(sample_payload(), key.secret));
  bytes[0] = 2;
  EXPECT_EQ(verify(code_from_bytes(bytes)).verdict, TicketVerdict::Truncated);
}

TEST_F(TicketCodec, ATicketFromAKeyThisKioskDoesNotHoldIsUnknownKey) {
  const KeyPair other = test::seeded_key(2);
  ASSERT_NE(other.public_key.key_id, key.public_key.key_id);
  EXPECT_EQ(verify(encode_ticket(sample_payload(), other.secret)).verdict,
            TicketVerdict::UnknownKey);
}

TEST_F(TicketCodec, AlteredTicketsHaveABadSignature) {
  const std::vector<uint8_t> genuine = code_bytes(encode_ticket(sample_payload(), key.secret));
  const size_t payload_size = genuine.size() - kTicketSignatureSize;

  std::vector<uint8_t> bytes = genuine;
  bytes[payload_size + 10] ^= 0x01;
  EXPECT_EQ(verify(code_from_bytes(bytes)).verdict, TicketVerdict::BadSignature) << "signature";

  bytes = genuine;
  bytes[9] ^= 0x01;  // registration id: admit someone else with this ticket
  EXPECT_EQ(verify(code_from_bytes(bytes)).verdict, TicketVerdict::BadSignature) << "payload";

  bytes = genuine;
  bytes[15] = 5;  // a different topic for round 1
  EXPECT_EQ(verify(code_from_bytes(bytes)).verdict, TicketVerdict::BadSignature) << "topic";
}

TEST_F(TicketCodec, AForgerWhoClaimsOurKeyIdHasABadSignature) {
  const KeyPair forger = test::seeded_key(3);
  TicketPayload p = sample_payload();
  p.key_id = key.public_key.key_id;
  std::vector<uint8_t> bytes = serialize_payload(p);
  std::array<uint8_t, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr, bytes.data(), bytes.size(),
                       forger.secret.bytes().data());
  bytes.insert(bytes.end(), signature.begin(), signature.end());
  EXPECT_EQ(verify(code_from_bytes(bytes)).verdict, TicketVerdict::BadSignature);
}

TEST_F(TicketCodec, AGenuineTicketForAnotherEventIsWrongEvent) {
  TicketPayload p = sample_payload();
  p.event_tag = event_tag_for("rk-integration-2018");
  EXPECT_EQ(verify(encode_ticket(p, key.secret)).verdict, TicketVerdict::WrongEvent);
}

TEST_F(TicketCodec, AnEditedEventTagIsABadSignatureNotWrongEvent) {
  std::vector<uint8_t> bytes = code_bytes(encode_ticket(sample_payload(), key.secret));
  bytes[3] ^= 0x80;
  EXPECT_EQ(verify(code_from_bytes(bytes)).verdict, TicketVerdict::BadSignature);
}

TEST_F(TicketCodec, TheValidityWindowIncludesItsStartAndExcludesItsEnd) {
  const TicketPayload p = sample_payload();
  const std::string code = encode_ticket(p, key.secret);
  const uint32_t tag = p.event_tag;
  EXPECT_EQ(verify_ticket(code, keyring, tag, p.not_before - 1).verdict,
            TicketVerdict::NotYetValid);
  EXPECT_EQ(verify_ticket(code, keyring, tag, p.not_before).verdict, TicketVerdict::Valid);
  EXPECT_EQ(verify_ticket(code, keyring, tag, p.not_after - 1).verdict, TicketVerdict::Valid);
  EXPECT_EQ(verify_ticket(code, keyring, tag, p.not_after).verdict, TicketVerdict::Expired);
  EXPECT_EQ(verify_ticket(code, keyring, tag, p.not_after + 86400 * 365).verdict,
            TicketVerdict::Expired);
  EXPECT_EQ(verify_ticket(code, keyring, tag, -1).verdict, TicketVerdict::NotYetValid);
}

TEST_F(TicketCodec, OnlyAValidVerdictCarriesAPayload) {
  const std::string code = encode_ticket(sample_payload(), key.secret);
  EXPECT_FALSE(verify_ticket(code, keyring, 0, during).payload.has_value());
  EXPECT_FALSE(verify_ticket(code, keyring, sample_payload().event_tag, 0).payload.has_value());
}

TEST(TicketVerdictName, NamesAreTheStableOnesUsedInJson) {
  EXPECT_EQ(verdict_name(TicketVerdict::Valid), "valid");
  EXPECT_EQ(verdict_name(TicketVerdict::NotATicket), "not_a_ticket");
  EXPECT_EQ(verdict_name(TicketVerdict::Truncated), "truncated");
  EXPECT_EQ(verdict_name(TicketVerdict::UnknownKey), "unknown_key");
  EXPECT_EQ(verdict_name(TicketVerdict::BadSignature), "bad_signature");
  EXPECT_EQ(verdict_name(TicketVerdict::WrongEvent), "wrong_event");
  EXPECT_EQ(verdict_name(TicketVerdict::Expired), "expired");
  EXPECT_EQ(verdict_name(TicketVerdict::NotYetValid), "not_yet_valid");
}

TEST(TicketEventTag, IsStableAndTellsEventsApart) {
  // Pinned: tickets already sent carry this tag; a change would turn them all "wrong event".
  // Reference: first 4 bytes, little-endian, of BLAKE2b-256("rk-integration-2019").
  EXPECT_EQ(event_tag_for("rk-integration-2019"), 0xCCDAD44Fu);
  EXPECT_NE(event_tag_for("rk-integration-2019"), event_tag_for("rk-integration-2020"));
  EXPECT_NE(event_tag_for(""), event_tag_for(" "));
}

}  // namespace
}  // namespace einlass::core
