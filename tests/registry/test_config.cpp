#include <catch2/catch.hpp>

#include "registry/config.h"

using namespace lode;

namespace {

// A home, a global prefix and a project with a subfolder, each with its own npmrc.
struct ConfigWorld {
  TempDir dir = *TempDir::create();
  fs::path home = dir.path() / "home";
  fs::path prefix = dir.path() / "prefix";
  fs::path project = dir.path() / "project";
  Environment env;

  ConfigWorld() {
    fs::create_directories(home);
    fs::create_directories(prefix / "etc");
    fs::create_directories(project / "src" / "deep");
    REQUIRE(write_file_atomic(project / "package.json", "{}"));
    env.set("HOME", home.string());
    env.set("PATH", "/nonexistent");
    // The global prefix from the environment: on the command line it also names the project.
    env.set("npm_config_prefix", prefix.string());
  }
  void write(const fs::path& path, std::string_view text) { REQUIRE(write_file_atomic(path, text)); }
  Config load(std::vector<std::pair<std::string, std::string>> cli = {}, fs::path cwd = {}) {
    ConfigLoadOptions options;
    options.cwd = cwd.empty() ? project / "src" / "deep" : cwd;
    options.env = &env;
    options.cli = std::move(cli);
    options.default_registry = "https://default.example";
    auto config = Config::load(options);
    REQUIRE(config);
    return std::move(*config);
  }
};

}  // namespace

TEST_CASE("config layers follow npm's precedence", "[registry]") {
  ConfigWorld world;
  world.write(world.prefix / "etc" / "npmrc", "a=global\nb=global\nc=global\nd=global\ne=global\n");
  world.write(world.home / ".npmrc", "a=user\nb=user\nc=user\nd=user\n");
  world.write(world.project / ".npmrc", "a=project\nb=project\nc=project\n");
  world.env.set("npm_config_a", "npm-env");
  world.env.set("npm_config_b", "npm-env");
  world.env.set("LODE_A", "lode-env");

  Config config = world.load({{"a", "cli"}});
  CHECK(config.get("a") == "cli");
  CHECK(config.get("b") == "npm-env");
  CHECK(config.get("c") == "project");
  CHECK(config.get("d") == "user");
  CHECK(config.get("e") == "global");
  CHECK(config.get("registry") == "https://default.example/");
  CHECK_FALSE(config.get("f").has_value());

  CHECK(config.find("c")->source == ConfigSource::kProject);
  CHECK(config.find("c")->origin == (world.project / ".npmrc").string() + ":3");
  CHECK(config.find("b")->origin == "npm_config_b");
  CHECK(config.find("a")->origin == "--a");
  CHECK(config.project_dir() == world.project);

  Config without_cli = world.load();
  CHECK(without_cli.get("a") == "lode-env");  // LODE_* beats npm_config_*
}

TEST_CASE("the project's npmrc can move the user npmrc", "[registry]") {
  ConfigWorld world;
  world.write(world.dir.path() / "elsewhere.npmrc", "from-elsewhere=yes\n");
  world.write(world.home / ".npmrc", "from-home=yes\n");
  world.write(world.project / ".npmrc", "userconfig=" + (world.dir.path() / "elsewhere.npmrc").string() + "\n");
  Config config = world.load();
  CHECK(config.get("from-elsewhere") == "yes");
  CHECK_FALSE(config.get("from-home").has_value());
}

TEST_CASE("files read are listed, found or not", "[registry]") {
  ConfigWorld world;
  world.write(world.home / ".npmrc", "x=1\n");
  Config config = world.load();
  REQUIRE(config.files().size() == 3);
  CHECK(config.files()[0].source == ConfigSource::kProject);
  CHECK_FALSE(config.files()[0].found);
  CHECK(config.files()[1].path == world.home / ".npmrc");
  CHECK(config.files()[1].found);
  CHECK(config.files()[2].path == world.prefix / "etc" / "npmrc");
}

TEST_CASE("scoped registries and the default registry", "[registry]") {
  ConfigWorld world;
  world.write(world.home / ".npmrc", "@corp:registry=http://corp.example/npm\n");
  Config config = world.load();
  CHECK(config.registry_for("@corp/tool") == "http://corp.example/npm/");
  CHECK(config.registry_for("@other/tool") == "https://default.example/");
  CHECK(config.registry_for("left-pad") == "https://default.example/");

  ConfigLoadOptions options;
  options.cwd = world.project;
  options.env = &world.env;
  auto bare = Config::load(options);
  REQUIRE(bare);
  auto missing = bare->registry();
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kConfig);
  CHECK_FALSE(missing.error().hint.empty());
}

TEST_CASE("typed values: bad values name their origin", "[registry]") {
  ConfigWorld world;
  world.write(world.home / ".npmrc", "strict-ssl=maybe\nfetch-retries=many\noffline=true\n");
  Config config = world.load();
  auto strict = config.get_bool("strict-ssl");
  REQUIRE_FALSE(strict);
  CHECK(strict.error().subject == (world.home / ".npmrc").string() + ":1");
  CHECK(strict.error().message.find("maybe") != std::string::npos);
  CHECK_FALSE(config.get_int("fetch-retries"));
  CHECK(config.get_bool("offline") == true);
  CHECK(config.get_int("network-concurrency") == 64);
}

TEST_CASE("the cache defaults to XDG_CACHE_HOME, else ~/.cache, and ~ expands", "[registry]") {
  ConfigWorld world;
  CHECK(world.load().cache_dir() == world.home / ".cache" / "lode");
  world.env.set("XDG_CACHE_HOME", "/xdg");
  CHECK(world.load().cache_dir() == fs::path("/xdg/lode"));
  CHECK(world.load({{"cache", "~/c"}}).cache_dir() == world.home / "c");
  CHECK(world.load({{"cache", "rel"}}).cache_dir() == world.project / "rel");
}

TEST_CASE("environment variable names map to config keys like npm", "[registry]") {
  CHECK(config_key_from_env("npm_config_strict_ssl") == "strict-ssl");
  CHECK(config_key_from_env("NPM_CONFIG_REGISTRY") == "registry");
  CHECK(config_key_from_env("npm_config__auth") == "_auth");
  CHECK(config_key_from_env("LODE_FETCH_RETRIES") == "fetch-retries");
  CHECK(config_key_from_env("npm_config_//host/:_authToken") == "//host/:_authToken");
  CHECK_FALSE(config_key_from_env("LODE_RUNTIME_MODULE").has_value());
  CHECK_FALSE(config_key_from_env("HOME").has_value());
}

TEST_CASE("secrets are recognised by their key", "[registry]") {
  CHECK(is_secret_config_key("//r.example/:_authToken"));
  CHECK(is_secret_config_key("_auth"));
  CHECK(is_secret_config_key("//r.example/:_password"));
  CHECK_FALSE(is_secret_config_key("//r.example/:username"));
  CHECK(Config::display_value("_authToken", "abc") == "(protected)");
  CHECK(Config::display_value("registry", "http://x/") == "http://x/");
}

TEST_CASE("--prefix on the command line names the project folder, as npm's does", "[registry]") {
  ConfigWorld world;
  fs::path app = world.dir.path() / "app";
  fs::create_directories(app);
  world.write(app / ".npmrc", "from-app=yes\n");
  Config config = world.load({{"prefix", "../../../app/"}});
  CHECK(config.project_dir() == app);
  CHECK(config.get("from-app") == "yes");
  // From the environment it is only the global prefix.
  CHECK(world.load().project_dir() == world.project);
}
