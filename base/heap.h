// The process heap's pages. An install touches tens of MiB of heap (the graph, documents,
// file lists); each 4 KiB page costs a page fault on first touch, and on the virtual
// machines lode is measured on a fault costs ~14 µs: 3,500 of api's 4,300 faults in an
// install from a warm cache were ~50 ms of its ~145 ms of processor time. Backing the heap
// with the kernel's transparent huge pages (2 MiB) makes that a few dozen faults.
//
// Every thread then allocates from that heap: glibc would give threads arenas of their own
// (mapped as they come, in 4 KiB pages), and the workers' parsing and unpacking touched
// most of the pages left (web's clean install: 8,200 faults with the main heap alone,
// 1,800 with one arena, ~130 ms less processor time).
#pragma once

#include <cstddef>

namespace lode {

enum class HugePages {
  kAdvised,      // the heap's next `bytes` are advised for huge pages
  kUnavailable,  // the kernel has them off (or has none): nothing was changed
  kFailed,       // the heap could not be grown or advised; it works as before
};

// Grows the heap by `bytes` of address space now (no memory is used until touched), asks
// the kernel to back that range with huge pages (madvise MADV_HUGEPAGE), keeps free()
// from giving it back, and has threads that have not allocated yet share it (one arena).
// Meant to be called once, early, by a command about to allocate a lot (a second call
// finds the heap's end does not move, and says kFailed). Never fails the caller: the
// result says what was done. The system's own switch,
// /sys/kernel/mm/transparent_hugepage/enabled set to never, turns it off.
HugePages back_heap_with_huge_pages(size_t bytes);

}  // namespace lode
