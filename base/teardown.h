// How a command's large, short-lived structures are released when it ends.
//
// An install from a warm cache builds ~100 MB in ~500,000 pieces for 3,000 packages
// (documents, version lists, the graph, file lists); freeing them one by one took ~25 ms
// of a 420 ms install. When the process ends right after, the kernel takes the memory back
// at once: compilers skip freeing their trees the same way (clang's -disable-free).
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>

namespace lode {

enum class Teardown {
  kFree,         // everything is freed before the call returns (libraries, tests)
  kLeaveToExit,  // the process ends right after: what is large is left to the exit
};

// Never freed: `values` stay allocated until the process ends (Teardown::kLeaveToExit).
// Data only: an object owning a thread that may still run must be destroyed (joined),
// or the thread runs on while the process exits and unloads the libraries it uses.
template <typename... T>
void leave_to_exit(T&&... values) {
  (void)new std::tuple<std::decay_t<T>...>(std::forward<T>(values)...);
}

}  // namespace lode
