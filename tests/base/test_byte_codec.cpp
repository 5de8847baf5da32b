#include <catch2/catch.hpp>

#include "base/byte_codec.h"

using namespace lode;

TEST_CASE("byte codec round-trips integers, strings and lists", "[base]") {
  ByteWriter out;
  out.varint(0);
  out.varint(300);
  out.varint(UINT64_MAX);
  out.signed_varint(-1);
  out.signed_varint(INT64_MIN);
  out.string("hello");
  out.strings({"a", "", "c"});
  out.pairs({{"k", "v"}});
  std::string bytes = out.take();
  ByteReader in(bytes);
  CHECK(in.varint() == 0);
  CHECK(in.varint() == 300);
  CHECK(in.varint() == UINT64_MAX);
  CHECK(in.signed_varint() == -1);
  CHECK(in.signed_varint() == INT64_MIN);
  CHECK(in.string() == "hello");
  CHECK(in.strings() == std::vector<std::string>{"a", "", "c"});
  CHECK(in.pairs() == std::vector<std::pair<std::string, std::string>>{{"k", "v"}});
  CHECK(in.ok());
  CHECK(in.at_end());
}

TEST_CASE("byte reader fails on truncated or lying input instead of over-reading", "[base]") {
  ByteWriter out;
  out.string("hello");
  std::string bytes = out.take();
  ByteReader truncated(std::string_view(bytes).substr(0, 3));
  CHECK(truncated.string().empty());
  CHECK_FALSE(truncated.ok());
  // A count claiming a billion items, with three bytes behind it.
  ByteWriter liar;
  liar.varint(1'000'000'000);
  std::string lie = liar.take() + "abc";
  ByteReader in(lie);
  CHECK(in.strings().empty());
  CHECK_FALSE(in.ok());
}
