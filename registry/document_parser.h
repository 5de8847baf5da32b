// Parses registry package documents (full or abbreviated JSON) into PackageDocument
// without building a DOM: simdjson's on-demand parser walks the text once and keeps only
// the fields PackageDocument has, skipping readmes and everything else. Documents of
// 10 MB and more (typescript, @types/node) are the norm, so this is a hot path.
//
// Real documents carry odd data (dependencies given as arrays, engines as strings, bin
// as a string): fields of an unexpected type are skipped, not fatal. Structural errors
// (brackets, commas, strings) anywhere are reported; the literal values of skipped fields
// are not checked, which is what makes skipping cheap.
//
// The parsing itself lives in lode-documents.so (documents_module.h says why), loaded
// the first time a parser parses: an install served from the cache never loads it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"
#include "base/gunzip.h"
#include "registry/package_document.h"

namespace lode {

struct DocumentsModule;

class DocumentParser {
 public:
  DocumentParser();
  ~DocumentParser();
  DocumentParser(const DocumentParser&) = delete;
  DocumentParser& operator=(const DocumentParser&) = delete;

  // The document in `json`, in the cache's binary form (encode_document's), as
  // DocumentView::open reads it; a document without a name gets `fallback_name`. Fails
  // (kParse) when the text is not valid JSON or not a package document, the error's
  // subject being `source` (the URL) with the byte offset; fails (kInternal) when
  // lode-documents.so cannot be loaded, naming where it looked. `json` may gain capacity
  // (the parser reads a little past its end); its text is unchanged.
  // Reusing one parser across documents avoids reallocating its buffers.
  Result<std::string> encode(std::string& json, std::string_view source, std::string_view fallback_name = {});
  // As encode(), for a body in `encoding` (HttpResponse::content_encoding): "" as is,
  // "gzip" inflated first with libdeflate, into memory this parser keeps for the next one.
  // Fails (kUnsupported) on another encoding, or gzip libdeflate cannot inflate in one go
  // (several members, libdeflate missing): the caller can ask libcurl to decode it.
  Result<std::string> encode_body(std::string& body, std::string_view encoding, std::string_view source,
                                  std::string_view fallback_name);
  // As encode(), decoded whole.
  Result<PackageDocument> parse(std::string_view json, std::string_view source);

 private:
  Result<std::string> encode_text(const char* json, size_t size, size_t capacity, std::string_view source,
                                  std::string_view fallback_name);

  InflateBuffer inflated_;
  const DocumentsModule* module_ = nullptr;
  void* parser_ = nullptr;  // the module's parser, made on first use
};

}  // namespace lode
