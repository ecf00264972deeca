// Runs a compiled model through its C++ class with a caller-supplied arena
// while counting every call to malloc, calloc, realloc, aligned_alloc and
// posix_memalign, and fails if Run() allocated anything. The counting
// wrappers replace the C library's allocator in this program (glibc exposes
// the real one as __libc_*).
//
// With -DTFC_THREADS=N the runs use a thread pool of N threads, made before
// counting starts, as a caller would make it once.
//
// Build: c++ -DTFC_MODEL_HEADER='"model.h"' -DTFC_MODEL_CLASS=ns::Name
//        [-DTFC_THREADS=N] count_mallocs.cpp libmodel.a -lm -lpthread

#include TFC_MODEL_HEADER

#include <cstdio>
#include <cstdlib>

extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void *__libc_memalign(size_t, size_t);

static bool counting = false;
static long allocations = 0;

void *malloc(size_t size) {
  if (counting)
    ++allocations;
  return __libc_malloc(size);
}
void *calloc(size_t count, size_t size) {
  if (counting)
    ++allocations;
  return __libc_calloc(count, size);
}
void *realloc(void *ptr, size_t size) {
  if (counting)
    ++allocations;
  return __libc_realloc(ptr, size);
}
void *aligned_alloc(size_t alignment, size_t size) {
  if (counting)
    ++allocations;
  return __libc_memalign(alignment, size);
}
int posix_memalign(void **ptr, size_t alignment, size_t size) {
  if (counting)
    ++allocations;
  *ptr = __libc_memalign(alignment, size);
  return *ptr ? 0 : 12; // ENOMEM
}
}

int main() {
  using Model = TFC_MODEL_CLASS;
  // The caller's arena, allocated before counting starts.
  void *arena = tfc_aligned_alloc(64, Model::kArenaSize);
  if (!arena && Model::kArenaSize > 0) {
    std::fprintf(stderr, "cannot allocate the arena\n");
    return 1;
  }
#ifdef TFC_THREADS
  tfc_thread_pool *pool = tfc_thread_pool_create(TFC_THREADS);
  if (!pool) {
    std::fprintf(stderr, "cannot create the thread pool\n");
    return 1;
  }
#endif
  long setup = allocations;
  counting = true;
  Model model(arena);
#ifdef TFC_THREADS
  model.set_thread_pool(pool);
#endif
  long afterConstruction = allocations;
  for (int i = 0; i < Model::kNumArgs; ++i) {
    unsigned char *bytes = static_cast<unsigned char *>(model.arg_data(i));
    for (size_t j = 0; j < Model::arg_size(i); ++j)
      bytes[j] = static_cast<unsigned char>(j % 7);
  }
  allocations = 0;
  bool ok = true;
  for (int run = 0; run < 3; ++run)
    ok = ok && model.Run();
  long duringRun = allocations;
  counting = false;
  (void)setup;
#ifdef TFC_THREADS
  std::printf("threads: %d\n", tfc_thread_pool_size(pool));
  tfc_thread_pool_destroy(pool);
#endif
  std::printf("arena: %zu bytes (caller's)\n", Model::kArenaSize);
  std::printf("allocations while constructing: %ld\n", afterConstruction);
  std::printf("allocations during 3 Run() calls: %ld\n", duringRun);
  if (!ok) {
    std::fprintf(stderr, "Run failed: %s\n", model.error_msg().c_str());
    return 1;
  }
  tfc_aligned_free(arena);
  return duringRun == 0 ? 0 : 1;
}
