#include <catch2/catch.hpp>

#include "base/encoding.h"

using namespace lode;

TEST_CASE("base64 round-trips and matches RFC 4648 vectors", "[base]") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_decode("Zm9vYmE=") == "fooba");
  CHECK(base64_decode("Zm9vYmE") == "fooba");  // padding optional
  CHECK_FALSE(base64_decode("Zm9v!").has_value());
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  CHECK(base64_decode(base64_encode(bytes)) == bytes);
}

TEST_CASE("hex round-trips and rejects junk", "[base]") {
  CHECK(hex_encode(std::string("\x00\xff\x10", 3)) == "00ff10");
  CHECK(hex_decode("00FF10") == std::string("\x00\xff\x10", 3));
  CHECK_FALSE(hex_decode("abc").has_value());
  CHECK_FALSE(hex_decode("zz").has_value());
}
