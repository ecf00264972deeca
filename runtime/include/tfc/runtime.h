/*===- runtime.h - tfc runtime C API --------------------------------------===*
 *
 * The small C11 runtime that every library made by tfc-compile carries
 * inside it: aligned allocation for the one-time set-up of buffers and
 * arenas, and status strings. Nothing here is called while a model runs.
 * The generated model headers repeat these declarations, so users never need
 * this file; it is the source of truth for the runtime itself.
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

/* Allocates `size` bytes aligned to `alignment` (a power of two); NULL on
 * failure. A zero size gives a valid, unique pointer. */
void *tfc_aligned_alloc(size_t alignment, size_t size);

/* Frees memory from tfc_aligned_alloc; NULL is ignored. */
void tfc_aligned_free(void *ptr);

/* A one-line English description of a status code. */
const char *tfc_status_string(int status);

#ifdef __cplusplus
}
#endif

#endif /* TFC_RUNTIME_H */
