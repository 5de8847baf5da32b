// Parses registry package documents (full or abbreviated JSON) into PackageDocument
// without building a DOM: simdjson's on-demand parser walks the text once and keeps only
// the fields PackageDocument has, skipping readmes and everything else. Documents of
// 10 MB and more (typescript, @types/node) are the norm, so this is a hot path.
//
// Real documents carry odd data (dependencies given as arrays, engines as strings, bin
// as a string): fields of an unexpected type are skipped, not fatal. Structural errors
// (brackets, commas, strings) anywhere are reported; the literal values of skipped fields
// are not checked, which is what makes skipping cheap.
#pragma once

#include <memory>
#include <string_view>

#include "base/error.h"
#include "registry/package_document.h"

namespace lode {

class DocumentParser {
 public:
  DocumentParser();
  ~DocumentParser();
  DocumentParser(const DocumentParser&) = delete;
  DocumentParser& operator=(const DocumentParser&) = delete;

  // The document in `json`. Fails (kParse) when the text is not valid JSON or not a
  // package document; the error's subject is `source` (the URL) with the byte offset.
  // Reusing one parser across documents avoids reallocating its buffers.
  Result<PackageDocument> parse(std::string_view json, std::string_view source);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lode
