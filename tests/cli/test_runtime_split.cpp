// The V8 split: JavaScript runs through lode-runtime.so, and commands that run none never
// map libnode (loading it costs 30-40 ms). LD_DEBUG=files makes the dynamic loader log
// every library it maps, which shows what each command loads.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string_view>

#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::test;

namespace {

// Whether running lode with `args` maps a library whose file name contains `library`.
bool maps(Sandbox& sandbox, const std::vector<std::string>& args, std::string_view library) {
  sandbox.env().set("LD_DEBUG", "files");
  LodeResult result = sandbox.lode(args);
  sandbox.env().unset("LD_DEBUG");
  INFO(result.err);
  REQUIRE(result.status == 0);
  return result.err.find(library) != std::string::npos;
}

bool maps_libnode(Sandbox& sandbox, const std::vector<std::string>& args) { return maps(sandbox, args, "libnode.so"); }

}  // namespace

TEST_CASE("-p evaluates through V8 and prints the result", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"-p", "1+2"});
  CHECK(result.status == 0);
  CHECK(result.out == "3\n");
  CHECK(sandbox.lode({"--print", "'lode' + ' ' + [1, 2].length"}).out == "lode 2\n");
}

TEST_CASE("-e evaluates without printing, as node does", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"-e", "1+2"});
  CHECK(result.status == 0);
  CHECK(result.out.empty());
}

TEST_CASE("an uncaught exception prints the location and stack and exits 1", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"-e", "\n  throw new TypeError('boom')"});
  CHECK(result.status == 1);
  CHECK(result.err.find("[eval]:2\n  throw new TypeError('boom')\n") == 0);
  CHECK(result.err.find("TypeError: boom\n    at [eval]:2:9") != std::string::npos);
  LodeResult syntax = sandbox.lode({"-p", "1 +"});
  CHECK(syntax.status == 1);
  CHECK(syntax.err.find("SyntaxError") != std::string::npos);
}

TEST_CASE("package-manager commands never map libnode; JavaScript does", "[cli]") {
  Sandbox sandbox;
  CHECK_FALSE(maps_libnode(sandbox, {"--version"}));
  CHECK_FALSE(maps_libnode(sandbox, {"config", "list"}));
  CHECK_FALSE(maps_libnode(sandbox, {"help"}));
  // The control: the check can see libnode when it is loaded.
  CHECK(maps_libnode(sandbox, {"-p", "1"}));
}

TEST_CASE("light commands map no network, database or JSON library", "[cli]") {
  Sandbox sandbox;
  for (std::string_view library : {"libcurl", "libarchive", "libsqlite3", "libcrypto", "simdjson", "libstdc++"}) {
    INFO(library);
    CHECK_FALSE(maps(sandbox, {"--version"}, library));
    CHECK_FALSE(maps(sandbox, {"config", "list"}, library));
    CHECK_FALSE(maps(sandbox, {"semver", "1.2.3"}, library));
  }
  // The control: a command that reads the cache index maps SQLite.
  CHECK(maps(sandbox, {"cache", "ls"}, "libsqlite3"));
}

TEST_CASE("libcurl, libarchive, libcrypto and the JSON parser are loaded only to fetch, unpack, verify and parse", "[cli]") {
  RegistryServer server;
  Sandbox sandbox;
  sandbox.write(".npmrc", "registry=" + server.url() + "\n");
  for (std::string_view library : {"libcurl", "libarchive", "libcrypto", "lode-documents", "libsimdjson", "libsqlite3"}) {
    INFO(library);
    CHECK_FALSE(maps(sandbox, {"cache", "dir"}, library));
  }
  sandbox.env().set("LD_DEBUG", "files");
  LodeResult added = sandbox.lode({"cache", "add", "left-pad@1.3.0"});
  sandbox.env().unset("LD_DEBUG");
  REQUIRE(added.status == 0);
  CHECK(added.err.find("libcurl") != std::string::npos);
  CHECK(added.err.find("libarchive") != std::string::npos);
  CHECK(added.err.find("libcrypto") != std::string::npos);
  CHECK(added.err.find("lode-documents.so") != std::string::npos);
  // Everything is cached now: an offline add needs none of them.
  for (std::string_view library : {"libcurl", "libarchive", "libcrypto", "lode-documents", "libsimdjson"}) {
    INFO(library);
    CHECK_FALSE(maps(sandbox, {"cache", "add", "left-pad@1.3.0", "--offline"}, library));
  }
}

TEST_CASE("downloads go through lode's own libcurl, which maps none of Debian's build's extras", "[cli]") {
  RegistryServer server;
  Sandbox sandbox;
  sandbox.write(".npmrc", "registry=" + server.url() + "\n");
  sandbox.env().set("LD_DEBUG", "files");
  LodeResult added = sandbox.lode({"cache", "add", "left-pad@1.3.0"});
  sandbox.env().unset("LD_DEBUG");
  REQUIRE(added.status == 0);
  const char* own_curl = std::getenv("TEST_OWN_CURL");
  if (own_curl != nullptr && std::string_view(own_curl) == "yes") {
    CHECK(added.err.find("lode-libcurl.so") != std::string::npos);
    // What Debian's libcurl4 pulls in and an HTTP(S)-only build does not.
    for (std::string_view library : {"libcurl.so.4", "libldap", "libgssapi_krb5", "libssh2", "librtmp", "libgnutls",
                                     "libidn2", "libpsl", "libk5crypto", "libsasl2"}) {
      INFO(library);
      CHECK(added.err.find(library) == std::string::npos);
    }
  } else {
    // Built without it (meson -Dcurl_library=system): the system's libcurl.
    CHECK(added.err.find("libcurl.so.4") != std::string::npos);
  }
}

TEST_CASE("a lode-libcurl.so that does not load gives way to the system's libcurl", "[cli]") {
  RegistryServer server;
  Sandbox sandbox;
  sandbox.write(".npmrc", "registry=" + server.url() + "\n");
  // A copy of lode with its modules beside it, lode-libcurl.so being no library at all.
  fs::path bin = sandbox.root() / "bin";
  fs::create_directories(bin);
  fs::copy_file(lode_binary(), bin / "lode");
  fs::path documents = lode_binary().parent_path() / "registry" / "lode-documents.so";
  REQUIRE(fs::exists(documents));
  fs::copy_file(documents, bin / "lode-documents.so");
  sandbox.write(bin / "lode-libcurl.so", "not a library\n");
  sandbox.env().set("LD_DEBUG", "files");
  LodeResult added = sandbox.run({(bin / "lode").string(), "cache", "add", "left-pad@1.3.0"});
  sandbox.env().unset("LD_DEBUG");
  INFO(added.err);
  CHECK(added.status == 0);
  CHECK(added.err.find("libcurl.so.4") != std::string::npos);
  CHECK(sandbox.lode({"cache", "ls"}).out.find("left-pad@1.3.0") != std::string::npos);
}

TEST_CASE("a missing runtime module is a clear error", "[cli]") {
  Sandbox sandbox;
  sandbox.env().set("LODE_RUNTIME_MODULE", (sandbox.root() / "nope.so").string());
  LodeResult result = sandbox.lode({"-p", "1"});
  CHECK(result.status == 1);
  CHECK(result.err.find("lode: error: cannot load the JavaScript runtime") == 0);
  CHECK(result.err.find("nope.so") != std::string::npos);
}
