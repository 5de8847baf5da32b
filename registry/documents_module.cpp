// lode-documents.so: registry package documents (full or abbreviated JSON) read with
// simdjson straight into the cache's binary form (DocumentEncoder, a version at a time,
// strings as views of simdjson's buffer). See
// documents_module.h for why this is a module, document_parser.h for the behaviour.
#include "registry/documents_module.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <optional>

#include "registry/package_document.h"

namespace lode {

namespace {

using simdjson::error_code;
using simdjson::SUCCESS;
namespace od = simdjson::ondemand;

// Every reader returns simdjson's error code: anything but SUCCESS means the JSON itself
// is broken (type surprises are handled by skipping, not by failing).
#define LODE_TRY(expression)                 \
  do {                                       \
    if (error_code code_ = (expression)) {   \
      return code_;                          \
    }                                        \
  } while (false)

// The value's JSON type, or an error when the text there is not JSON.
error_code type_of(od::value& value, od::json_type& type) { return value.type().get(type); }

// Calls visit(key, value) for each field when `value` is an object; other types are
// skipped (odd data in real documents is not an error).
template <class Visit>
error_code for_each_field(od::value value, Visit visit) {
  od::json_type type;
  LODE_TRY(type_of(value, type));
  if (type != od::json_type::object) return SUCCESS;
  od::object object;
  LODE_TRY(value.get_object().get(object));
  for (auto field : object) {
    std::string_view key;
    LODE_TRY(field.unescaped_key().get(key));
    od::value item;
    LODE_TRY(field.value().get(item));
    LODE_TRY(visit(key, item));
  }
  return SUCCESS;
}

// Strings are views of simdjson's buffer, which holds them until the parser's next
// document: the encoder has written them by then.
error_code read_string_if(od::value value, std::string_view& out) {
  od::json_type type;
  LODE_TRY(type_of(value, type));
  if (type != od::json_type::string) return SUCCESS;
  return value.get_string().get(out);
}

error_code read_int_if(od::value value, int64_t& out) {
  od::json_type type;
  LODE_TRY(type_of(value, type));
  if (type != od::json_type::number) return SUCCESS;
  double number = 0;
  LODE_TRY(value.get_double().get(number));
  out = static_cast<int64_t>(number);
  return SUCCESS;
}

error_code read_bool_if(od::value value, bool& out) {
  od::json_type type;
  LODE_TRY(type_of(value, type));
  if (type == od::json_type::boolean) LODE_TRY(value.get_bool().get(out));
  return SUCCESS;
}

// {"a": "x", "b": "y"} → pairs; entries whose value is not a string are skipped.
error_code read_string_map(od::value value, VersionFields::Pairs& out) {
  return for_each_field(value, [&](std::string_view key, od::value item) -> error_code {
    od::json_type type;
    LODE_TRY(type_of(item, type));
    if (type != od::json_type::string) return SUCCESS;
    return read_string_if(item, out.emplace_back(key, std::string_view()).second);
  });
}

// ["a", "b"] or "a" → list of strings.
error_code read_string_list(od::value value, VersionFields::List& out) {
  od::json_type type;
  LODE_TRY(type_of(value, type));
  if (type == od::json_type::string) return read_string_if(value, out.emplace_back());
  if (type != od::json_type::array) return SUCCESS;
  od::array array;
  LODE_TRY(value.get_array().get(array));
  for (auto element : array) {
    od::value item;
    LODE_TRY(element.get(item));
    od::json_type item_type;
    LODE_TRY(type_of(item, item_type));
    if (item_type == od::json_type::string) LODE_TRY(read_string_if(item, out.emplace_back()));
  }
  return SUCCESS;
}

// peerDependenciesMeta: {"name": {"optional": true}} → the optional names.
error_code read_optional_peers(od::value value, VersionFields::List& out) {
  return for_each_field(value, [&](std::string_view name, od::value meta) -> error_code {
    return for_each_field(meta, [&](std::string_view meta_key, od::value flag) -> error_code {
      bool optional = false;
      if (meta_key == "optional") LODE_TRY(read_bool_if(flag, optional));
      if (optional) out.push_back(name);
      return SUCCESS;
    });
  });
}

error_code read_dist(od::value value, VersionFields& version) {
  return for_each_field(value, [&](std::string_view key, od::value item) -> error_code {
    if (key == "tarball") return read_string_if(item, version.tarball);
    if (key == "integrity") return read_string_if(item, version.integrity);
    if (key == "shasum") return read_string_if(item, version.shasum);
    if (key == "fileCount") return read_int_if(item, version.file_count);
    if (key == "unpackedSize") return read_int_if(item, version.unpacked_size);
    return SUCCESS;
  });
}

// "bin": "cli.js" means one command named after the package (without its scope).
std::string_view default_bin_name(std::string_view package_name) {
  size_t slash = package_name.rfind('/');
  return slash == std::string_view::npos ? package_name : package_name.substr(slash + 1);
}

struct VersionExtras {
  std::string_view name;
  std::string_view bin_string;
  bool bundle_all = false;
  bool has_scripts_install = false;
};

error_code read_version(od::value value, VersionFields& version, VersionExtras& extras) {
  return for_each_field(value, [&](std::string_view key, od::value item) -> error_code {
    od::json_type type;
    LODE_TRY(type_of(item, type));
    if (key == "dependencies") return read_string_map(item, version.dependencies);
    if (key == "optionalDependencies") return read_string_map(item, version.optional_dependencies);
    if (key == "peerDependencies") return read_string_map(item, version.peer_dependencies);
    if (key == "peerDependenciesMeta") return read_optional_peers(item, version.optional_peers);
    if (key == "bundleDependencies" || key == "bundledDependencies") {
      if (type == od::json_type::boolean) return read_bool_if(item, extras.bundle_all);
      return read_string_list(item, version.bundled);
    }
    if (key == "bin") {
      if (type == od::json_type::string) return read_string_if(item, extras.bin_string);
      return read_string_map(item, version.bin);
    }
    if (key == "directories") {
      return for_each_field(item, [&](std::string_view directory, od::value path) -> error_code {
        return directory == "bin" ? read_string_if(path, version.bin_directory) : SUCCESS;
      });
    }
    if (key == "engines") return read_string_map(item, version.engines);
    if (key == "os") return read_string_list(item, version.os);
    if (key == "cpu") return read_string_list(item, version.cpu);
    if (key == "libc") return read_string_list(item, version.libc);
    if (key == "dist") return read_dist(item, version);
    if (key == "deprecated") {
      if (type == od::json_type::string) return read_string_if(item, version.deprecated);
      bool flag = false;
      LODE_TRY(read_bool_if(item, flag));
      if (flag) version.deprecated = "this version is deprecated";
      return SUCCESS;
    }
    if (key == "hasInstallScript") return read_bool_if(item, version.has_install_script);
    if (key == "_hasShrinkwrap") return read_bool_if(item, version.has_shrinkwrap);
    if (key == "name") return read_string_if(item, extras.name);
    if (key == "scripts") {
      // Full documents carry scripts instead of the abbreviated hasInstallScript flag.
      return for_each_field(item, [&](std::string_view script, od::value) -> error_code {
        if (script == "preinstall" || script == "install" || script == "postinstall") extras.has_scripts_install = true;
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
}

// `package_name` names a string "bin" when the version has no name of its own: the
// document's, or (when the document names itself only after its versions, or not at all)
// the package's the caller asked for.
void finish_version(VersionFields& version, const VersionExtras& extras, std::string_view package_name) {
  if (!extras.bin_string.empty()) {
    version.bin.emplace_back(default_bin_name(extras.name.empty() ? package_name : extras.name), extras.bin_string);
  }
  if (extras.bundle_all) {
    for (const auto& [name, range] : version.dependencies) version.bundled.push_back(name);
  }
  if (extras.has_scripts_install) version.has_install_script = true;
}

// A parser of the module: simdjson's, with what each document reuses.
struct ModuleParser {
  od::parser json;
  DocumentEncoder encoder;
  VersionFields version;
  std::string encoded;
};

error_code read_document(od::document& doc, ModuleParser& parser, std::string_view fallback_name) {
  od::value root;
  LODE_TRY(doc.get_value().get(root));
  od::json_type type;
  LODE_TRY(type_of(root, type));
  if (type != od::json_type::object) return simdjson::INCORRECT_TYPE;
  DocumentEncoder& encoder = parser.encoder;
  std::string_view name;
  return for_each_field(root, [&](std::string_view key, od::value item) -> error_code {
    if (key == "name") {
      LODE_TRY(read_string_if(item, name));
      encoder.set_name(name);
      return SUCCESS;
    }
    if (key == "modified") {
      std::string_view modified;
      LODE_TRY(read_string_if(item, modified));
      encoder.set_modified(modified);
      return SUCCESS;
    }
    if (key == "dist-tags" || key == "time") {
      bool tags = key == "dist-tags";
      return for_each_field(item, [&](std::string_view entry, od::value text) -> error_code {
        od::json_type entry_type;
        LODE_TRY(type_of(text, entry_type));
        if (entry_type != od::json_type::string) return SUCCESS;
        std::string_view value;
        LODE_TRY(text.get_string().get(value));
        if (tags) {
          encoder.add_dist_tag(entry, value);
        } else {
          encoder.add_time(entry, value);
        }
        return SUCCESS;
      });
    }
    if (key != "versions") return SUCCESS;
    return for_each_field(item, [&](std::string_view version_key, od::value version_value) -> error_code {
      VersionFields& version = parser.version;
      version.clear();
      version.version = version_key;
      VersionExtras extras;
      LODE_TRY(read_version(version_value, version, extras));
      finish_version(version, extras, name.empty() ? fallback_name : name);
      encoder.add_version(version);
      return SUCCESS;
    });
  });
}

#undef LODE_TRY

// Copies `bytes` into the caller's memory; false when it has none to give.
bool write_answer(std::string_view bytes, LodeDocumentsReserve reserve, void* sink) {
  char* out = reserve(sink, bytes.size());
  if (!out) return false;
  std::memcpy(out, bytes.data(), bytes.size());
  return true;
}

}  // namespace
}  // namespace lode

extern "C" {

__attribute__((visibility("default"))) void* lode_documents_new() { return new (std::nothrow) lode::ModuleParser(); }

__attribute__((visibility("default"))) void lode_documents_delete(void* parser) {
  delete static_cast<lode::ModuleParser*>(parser);
}

__attribute__((visibility("default"))) int lode_documents_parse2(void* parser, const LodeDocumentInput* input,
                                                                  LodeDocumentsReserve reserve, void* sink,
                                                                  long* error_offset) {
  using namespace lode;
  *error_offset = -1;
  auto* state = static_cast<ModuleParser*>(parser);
  std::optional<simdjson::padded_string> copy;
  od::document doc;
  error_code code;
  if (input->capacity >= input->size + simdjson::SIMDJSON_PADDING) {
    code = state->json.iterate(input->json, input->size, input->capacity).get(doc);
  } else {
    copy.emplace(input->json, input->size);
    code = state->json.iterate(*copy).get(doc);
  }
  std::string_view fallback_name(input->fallback_name, input->fallback_name_size);
  if (!code) code = read_document(doc, *state, fallback_name);
  if (code) {
    state->encoder.clear();
    const char* location = nullptr;
    if (doc.current_location().get(location) == SUCCESS && location) {
      *error_offset = location - (copy ? copy->data() : input->json);
    }
    std::string what = code == simdjson::INCORRECT_TYPE ? "not a package document (expected a JSON object)"
                                                         : std::string("invalid JSON: ") + simdjson::error_message(code);
    return write_answer(what, reserve, sink) ? kLodeDocumentsBroken : kLodeDocumentsNoMemory;
  }
  if (!state->encoder.has_name()) state->encoder.set_name(fallback_name);
  state->encoder.finish(state->encoded);
  return write_answer(state->encoded, reserve, sink) ? kLodeDocumentsOk : kLodeDocumentsNoMemory;
}

}
