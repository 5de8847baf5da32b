// The C interface of lode-documents.so, the module that parses registry JSON with
// simdjson. It is a module of its own because simdjson is a C++ library linked to the
// shared libstdc++: linking it into `lode` would make every start (`lode run`, `lode x`)
// map and relocate both, ~1.5 ms, when only documents fetched from the network need it.
// DocumentParser (document_parser.h) loads it on first use; nothing else includes this.
//
// Only C types cross: the module answers with the document already in the cache's binary
// form (encode_document), which the caller stores as is and decodes.
#pragma once

#include <cstddef>

extern "C" {

struct LodeDocumentAnswer {
  int ok;             // 1: `bytes` is the encoded document; 0: `bytes` is the error message
  char* bytes;        // malloc'ed; the caller frees it
  size_t size;
  long error_offset;  // on failure: the byte of the JSON where parsing stopped, or -1
};

// A parser (it keeps its buffers between documents); nullptr when out of memory.
using LodeDocumentsNew = void* (*)();
using LodeDocumentsDelete = void (*)(void* parser);
// Parses `size` bytes of JSON at `json`.
using LodeDocumentsParse = LodeDocumentAnswer (*)(void* parser, const char* json, size_t size);

}

#define LODE_DOCUMENTS_NEW "lode_documents_new"
#define LODE_DOCUMENTS_DELETE "lode_documents_delete"
#define LODE_DOCUMENTS_PARSE "lode_documents_parse"
