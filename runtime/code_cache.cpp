#include "runtime/code_cache.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace lode::runtime {

namespace {

constexpr char kMagic[8] = {'L', 'O', 'D', 'E', 'C', 'C', '1', '\0'};

struct Header {
  char magic[8];
  uint64_t source_hash;
  uint64_t length;
};

std::string hex64(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kDigits[value & 0xf];
    value >>= 4;
  }
  return out;
}

// libnode's GNU build id, read from its loaded ELF notes.
std::string libnode_build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) -> int {
        if (!info->dlpi_name || std::strstr(info->dlpi_name, "libnode.so") == nullptr) return 0;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& header = info->dlpi_phdr[i];
          if (header.p_type != PT_NOTE) continue;
          auto* note = reinterpret_cast<const char*>(info->dlpi_addr + header.p_vaddr);
          const char* end = note + header.p_memsz;
          while (note + sizeof(ElfW(Nhdr)) <= end) {
            auto* nhdr = reinterpret_cast<const ElfW(Nhdr)*>(note);
            const char* name = note + sizeof(ElfW(Nhdr));
            const char* desc = name + ((nhdr->n_namesz + 3) & ~3u);
            if (nhdr->n_type == NT_GNU_BUILD_ID && nhdr->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
              std::string& text = *static_cast<std::string*>(out);
              static constexpr char kDigits[] = "0123456789abcdef";
              for (uint32_t b = 0; b < nhdr->n_descsz && b < 8; ++b) {
                auto byte = static_cast<unsigned char>(desc[b]);
                text += kDigits[byte >> 4];
                text += kDigits[byte & 0xf];
              }
              return 1;
            }
            note = desc + ((nhdr->n_descsz + 3) & ~3u);
          }
        }
        return 0;
      },
      &id);
  return id.empty() ? "unknown" : id;
}

}  // namespace

std::string v8_build_key() { return std::string(v8::V8::GetVersion()) + "-" + libnode_build_id(); }

uint64_t CodeCache::hash(std::string_view text) {
  // 64-bit FNV-1a over 8-byte words, then over the tail: fast and good enough to notice edits.
  uint64_t h = 0xcbf29ce484222325ull ^ text.size();
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    h = (h ^ word) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (; i < text.size(); ++i) h = (h ^ static_cast<unsigned char>(text[i])) * 0x100000001b3ull;
  return h;
}

CodeCache::CodeCache(const fs::path& cache_root) {
  if (!cache_root.empty()) dir_ = cache_root / "v8-code" / v8_build_key();
}

fs::path CodeCache::file_for(std::string_view key) const { return dir_ / (hex64(hash(key)) + ".bin"); }

std::unique_ptr<v8::ScriptCompiler::CachedData> CodeCache::load(std::string_view key, uint64_t source_hash) const {
  if (!enabled()) return nullptr;
  int fd = ::open(file_for(key).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  Header header{};
  std::unique_ptr<v8::ScriptCompiler::CachedData> result;
  if (::read(fd, &header, sizeof header) == static_cast<ssize_t>(sizeof header) &&
      std::memcmp(header.magic, kMagic, sizeof kMagic) == 0 && header.source_hash == source_hash &&
      header.length > 0 && header.length < (1u << 30)) {
    auto* data = new uint8_t[header.length];
    size_t done = 0;
    while (done < header.length) {
      ssize_t n = ::read(fd, data + done, header.length - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    if (done == header.length) {
      result = std::make_unique<v8::ScriptCompiler::CachedData>(data, static_cast<int>(header.length),
                                                                v8::ScriptCompiler::CachedData::BufferOwned);
    } else {
      delete[] data;
    }
  }
  ::close(fd);
  return result;
}

void CodeCache::remember(std::string key, uint64_t source_hash, v8::Isolate* isolate,
                         v8::Local<v8::Function> function) {
  if (!enabled()) return;
  pending_.push_back(Pending{std::move(key), source_hash, v8::Global<v8::Function>(isolate, function), {}});
}

void CodeCache::remember(std::string key, uint64_t source_hash, v8::Isolate* isolate,
                         v8::Local<v8::UnboundModuleScript> module) {
  if (!enabled()) return;
  pending_.push_back(Pending{std::move(key), source_hash, {}, v8::Global<v8::UnboundModuleScript>(isolate, module)});
}

void CodeCache::save_pending(v8::Isolate* isolate) {
  if (pending_.empty()) return;
  if (!ensure_directories(dir_)) {
    pending_.clear();
    return;
  }
  v8::HandleScope scope(isolate);
  for (Pending& entry : pending_) {
    std::unique_ptr<v8::ScriptCompiler::CachedData> data;
    if (!entry.function.IsEmpty()) {
      data.reset(v8::ScriptCompiler::CreateCodeCacheForFunction(entry.function.Get(isolate)));
    } else if (!entry.module.IsEmpty()) {
      data.reset(v8::ScriptCompiler::CreateCodeCache(entry.module.Get(isolate)));
    }
    if (data && data->length > 0) {
      store(entry.key, entry.source_hash, data->data, static_cast<size_t>(data->length));
    }
  }
  pending_.clear();
}

void CodeCache::store(std::string_view key, uint64_t source_hash, const uint8_t* data, size_t length) const {
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.source_hash = source_hash;
  header.length = length;
  std::string content(reinterpret_cast<const char*>(&header), sizeof header);
  content.append(reinterpret_cast<const char*>(data), length);
  if (!write_file_atomic(file_for(key), content)) return;  // a cache: a failed write is a later miss
}

}  // namespace lode::runtime
