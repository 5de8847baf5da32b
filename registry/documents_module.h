// The C interface of lode-documents.so, the module that parses registry JSON with
// simdjson. It is a module of its own because simdjson is a C++ library linked to the
// shared libstdc++: linking it into `lode` would make every start (`lode run`, `lode x`)
// map and relocate both, ~1.5 ms, when only documents fetched from the network need it.
// DocumentParser (document_parser.h) loads it on first use; nothing else includes this.
//
// Only C types cross: the module writes the document, already in the cache's binary form
// (encode_document), into memory the caller provides; the caller stores it as is and views
// it in place (DocumentView). The parse entry point is named for this interface's version,
// so a module left from an older build fails to bind instead of misreading its arguments.
#pragma once

#include <cstddef>

extern "C" {

// What to parse. simdjson reads up to 64 bytes past the end of the text: when `capacity`
// (the bytes allocated at `json`) leaves that much room the text is read in place,
// otherwise it is copied first.
struct LodeDocumentInput {
  const char* json;
  size_t size;
  size_t capacity;
  // The package the document was asked for: its name when the document gives none.
  const char* fallback_name;
  size_t fallback_name_size;
};

// Where the module writes its answer: `size` bytes the caller owns, or nullptr when it
// cannot provide them.
using LodeDocumentsReserve = char* (*)(void* sink, size_t size);

enum LodeDocumentsStatus { kLodeDocumentsOk = 0, kLodeDocumentsBroken = 1, kLodeDocumentsNoMemory = 2 };

// A parser (it keeps its buffers between documents); nullptr when out of memory.
using LodeDocumentsNew = void* (*)();
using LodeDocumentsDelete = void (*)(void* parser);
// Parses the input. kLodeDocumentsOk: the sink holds the encoded document.
// kLodeDocumentsBroken: the sink holds the error message, and *error_offset the byte of
// the JSON where parsing stopped (or -1). kLodeDocumentsNoMemory: nothing was written.
using LodeDocumentsParse = int (*)(void* parser, const LodeDocumentInput* input, LodeDocumentsReserve reserve,
                                   void* sink, long* error_offset);

}

#define LODE_DOCUMENTS_NEW "lode_documents_new"
#define LODE_DOCUMENTS_DELETE "lode_documents_delete"
#define LODE_DOCUMENTS_PARSE "lode_documents_parse2"
