/*===- runtime.h - tfc runtime C API --------------------------------------===*
 *
 * The small C11 runtime that every library made by tfc-compile carries
 * inside it: aligned allocation for the one-time set-up of buffers and
 * arenas, status strings, and the thread pool a model may run on. Nothing
 * here allocates while a model runs.
 * The generated model headers repeat these declarations, so users never need
 * this file; it is the source of truth for the runtime itself.
 *
 * A bare-metal runtime (Cortex-M, built with TFC_RUNTIME_BARE_METAL) has no
 * allocator and no threads: tfc_aligned_alloc, tfc_aligned_free and
 * tfc_thread_pool_create/destroy are absent (the caller supplies every
 * buffer; a NULL pool runs on the calling thread).
 *
 *===----------------------------------------------------------------------===*/

#ifndef TFC_RUNTIME_H
#define TFC_RUNTIME_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes returned by a model's run function. */
enum {
  TFC_STATUS_OK = 0,
  TFC_STATUS_NULL_ARENA = 1,
  TFC_STATUS_MISALIGNED_ARENA = 2,
  TFC_STATUS_NULL_BUFFER = 3,
  TFC_STATUS_ALLOCATION_FAILED = 4
};

#ifndef TFC_RUNTIME_BARE_METAL
/* Allocates `size` bytes aligned to `alignment` (a power of two); NULL on
 * failure. A zero size gives a valid, unique pointer. */
void *tfc_aligned_alloc(size_t alignment, size_t size);

/* Frees memory from tfc_aligned_alloc; NULL is ignored. */
void tfc_aligned_free(void *ptr);
#endif

/* A one-line English description of a status code. */
const char *tfc_status_string(int status);

/* A pool of threads a model's run can split its work over: the calling
 * thread plus num_threads - 1 workers, created here once (not in a run).
 * Results are bit-identical for any number of threads. One run at a time
 * may use a pool. NULL if allocating or creating the first thread fails;
 * num_threads <= 1 gives a pool that creates no threads. */
typedef struct tfc_thread_pool tfc_thread_pool;
#ifndef TFC_RUNTIME_BARE_METAL
tfc_thread_pool *tfc_thread_pool_create(int num_threads);

/* Stops and joins the workers and frees the pool; NULL is ignored. */
void tfc_thread_pool_destroy(tfc_thread_pool *pool);
#endif

/* The number of threads a run on `pool` uses (1 for NULL). */
int tfc_thread_pool_size(const tfc_thread_pool *pool);

#ifdef __cplusplus
}
#endif

#endif /* TFC_RUNTIME_H */
