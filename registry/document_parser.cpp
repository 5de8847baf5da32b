#include "registry/document_parser.h"

#include <optional>
#include <system_error>

#include "base/fs.h"
#include "base/shared_library.h"
#include "build_info.h"
#include "registry/documents_module.h"

namespace lode {

struct DocumentsModule {
  SharedLibrary library;
  LodeDocumentsNew make_parser = nullptr;
  LodeDocumentsDelete delete_parser = nullptr;
  LodeDocumentsParse parse = nullptr;

  static Result<std::unique_ptr<DocumentsModule>> load();
};

namespace {

constexpr const char* kModuleName = "lode-documents.so";

Result<fs::path> find_module() {
  fs::path dir = executable_dir();
  if (std::optional<fs::path> found = find_lode_module(dir, kModuleName, "registry", LODE_RUNTIME_INSTALL_DIR)) {
    return *found;
  }
  return fail(ErrorCode::kInternal, std::string("cannot find ") + kModuleName + ", which parses registry documents",
              "looked next to " + dir.string() + " and in " + LODE_RUNTIME_INSTALL_DIR,
              "reinstall lode (meson install puts it beside lode-runtime.so)");
}

Result<const DocumentsModule*> documents_module() {
  static LazyLibrary<DocumentsModule> module;
  return module.get();
}

}  // namespace

Result<std::unique_ptr<DocumentsModule>> DocumentsModule::load() {
  Result<fs::path> path = find_module();
  if (!path) return std::unexpected(path.error());
  Result<SharedLibrary> library = SharedLibrary::open(path->string(), "libsimdjson14");
  if (!library) return std::unexpected(library.error());
  auto module = std::make_unique<DocumentsModule>(DocumentsModule{std::move(*library)});
  const SharedLibrary& lib = module->library;
  for (Result<void> bound : {lib.bind(module->make_parser, LODE_DOCUMENTS_NEW),
                             lib.bind(module->delete_parser, LODE_DOCUMENTS_DELETE),
                             lib.bind(module->parse, LODE_DOCUMENTS_PARSE)}) {
    if (!bound) return std::unexpected(bound.error());
  }
  return module;
}

DocumentParser::DocumentParser() = default;

DocumentParser::~DocumentParser() {
  if (parser_) module_->delete_parser(parser_);
}

Result<std::string> DocumentParser::encode(std::string& json, std::string_view source, std::string_view fallback_name) {
  // The parser reads up to this much past the text; a response body grown by appending
  // usually has the room already.
  constexpr size_t kPadding = 64;
  json.reserve(json.size() + kPadding);
  return encode_text(json.data(), json.size(), json.capacity(), source, fallback_name);
}

Result<std::string> DocumentParser::encode_body(std::string& body, std::string_view encoding, std::string_view source,
                                                std::string_view fallback_name) {
  if (encoding.empty()) return encode(body, source, fallback_name);
  if (encoding != "gzip") {
    return fail(ErrorCode::kUnsupported, "a package document in an unknown encoding: " + std::string(encoding),
                std::string(source));
  }
  // A document of hundreds of MB is not one; the trailer's size is only a claim until then.
  constexpr size_t kMaxDocument = size_t{512} << 20;
  static LazyDeflateLibrary deflate_library;
  Result<const DeflateLibrary*> deflate = deflate_library.get();
  std::optional<std::string_view> text;
  if (deflate) text = gunzip_one_member(**deflate, body, kMaxDocument, inflated_);
  if (!text) {
    return fail(ErrorCode::kUnsupported, "cannot inflate the gzip package document in one go", std::string(source));
  }
  return encode_text(text->data(), text->size(), inflated_.capacity(), source, fallback_name);
}

Result<std::string> DocumentParser::encode_text(const char* json, size_t size, size_t capacity,
                                                std::string_view source, std::string_view fallback_name) {
  if (!parser_) {
    Result<const DocumentsModule*> module = documents_module();
    if (!module) return std::unexpected(module.error());
    void* parser = (*module)->make_parser();
    if (!parser) return fail(ErrorCode::kInternal, "out of memory", std::string(source));
    module_ = *module;
    parser_ = parser;
  }
  LodeDocumentInput input{json, size, capacity, fallback_name.data(), fallback_name.size()};
  std::string bytes;
  LodeDocumentsReserve reserve = [](void* sink, size_t length) -> char* {
    auto* out = static_cast<std::string*>(sink);
    out->resize(length);
    return out->data();
  };
  long error_offset = -1;
  int status = module_->parse(parser_, &input, reserve, &bytes, &error_offset);
  if (status == kLodeDocumentsNoMemory) {
    return fail(ErrorCode::kInternal, "out of memory parsing a package document", std::string(source));
  }
  if (status != kLodeDocumentsOk) {
    std::string where(source);
    if (error_offset >= 0) where += " at byte " + std::to_string(error_offset);
    return fail(ErrorCode::kParse, bytes, where, "the registry sent a broken document; try again later");
  }
  return bytes;
}

Result<PackageDocument> DocumentParser::parse(std::string_view json, std::string_view source) {
  std::string text(json);
  Result<std::string> bytes = encode(text, source);
  if (!bytes) return std::unexpected(bytes.error());
  return decode_document(*bytes);
}

}  // namespace lode
