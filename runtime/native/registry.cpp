// The table of native bindings, sorted by name.
#include <algorithm>
#include <iterator>

#include "runtime/native/bindings.h"

namespace lode::runtime {

namespace {

constexpr BindingEntry kBindings[] = {
    {"child_process", init_child_process_binding},
    {"crypto", init_crypto_binding},
    {"encoding", init_encoding_binding},
    {"esm", init_esm_binding},
    {"fs", init_fs_binding},
    {"module", init_module_binding},
    {"os", init_os_binding},
    {"process", init_process_binding},
    {"runtime", init_runtime_binding},
    {"serdes", init_serdes_binding},
    {"signals", init_signals_binding},
    {"stdio", init_stdio_binding},
    {"timers", init_timers_binding},
    {"url", init_url_binding},
    {"util", init_util_binding},
    {"v8", init_v8_binding},
};

static_assert(std::is_sorted(std::begin(kBindings), std::end(kBindings),
                             [](const BindingEntry& a, const BindingEntry& b) { return a.name < b.name; }));

}  // namespace

const BindingEntry* find_binding(std::string_view name) {
  auto it = std::lower_bound(std::begin(kBindings), std::end(kBindings), name,
                             [](const BindingEntry& entry, std::string_view key) { return entry.name < key; });
  return it != std::end(kBindings) && it->name == name ? &*it : nullptr;
}

}  // namespace lode::runtime
