/*===- runtime.c - tfc runtime --------------------------------------------===*
 *
 * Built freestanding for every target tfc-compile supports and embedded in
 * the compiler, so each generated static library carries its own copy. Only
 * malloc and free are needed from the C library, and not even those on
 * bare-metal targets (TFC_RUNTIME_BARE_METAL), where the caller supplies
 * every buffer and tfc_aligned_alloc does not exist.
 *
 *===----------------------------------------------------------------------===*/

#include "tfc/runtime.h"

#include <stdint.h>

#ifndef TFC_RUNTIME_BARE_METAL
void *malloc(size_t size);
void free(void *ptr);

/* The block returned by malloc is over-allocated; the pointer handed out is
 * aligned and the word just before it holds the original pointer. */
void *tfc_aligned_alloc(size_t alignment, size_t size) {
  if (alignment < sizeof(void *))
    alignment = sizeof(void *);
  if ((alignment & (alignment - 1)) != 0)
    return NULL;
  if (size > SIZE_MAX - alignment - sizeof(void *))
    return NULL;
  char *raw = (char *)malloc(size + alignment + sizeof(void *));
  if (!raw)
    return NULL;
  uintptr_t start = (uintptr_t)(raw + sizeof(void *));
  uintptr_t aligned = (start + alignment - 1) & ~(uintptr_t)(alignment - 1);
  ((void **)aligned)[-1] = raw;
  return (void *)aligned;
}

void tfc_aligned_free(void *ptr) {
  if (ptr)
    free(((void **)ptr)[-1]);
}
#else /* TFC_RUNTIME_BARE_METAL */

/* C23's NaN-propagating maximum and minimum (-0 < +0), which LLVM calls
 * for arith.maximumf/minimumf where the target has no instruction for them
 * (soft-float Cortex-M0+) and which newlib lacks. Weak, so a C library
 * that has them wins. */
#define TFC_MAXIMUM(name, type)                                                \
  __attribute__((weak)) type name(type x, type y) {                            \
    if (x != x || y != y)                                                      \
      return x + y;                                                            \
    if (x == y)                                                                \
      return __builtin_signbit(x) ? y : x;                                     \
    return x > y ? x : y;                                                      \
  }
#define TFC_MINIMUM(name, type)                                                \
  __attribute__((weak)) type name(type x, type y) {                            \
    if (x != x || y != y)                                                      \
      return x + y;                                                            \
    if (x == y)                                                                \
      return __builtin_signbit(x) ? x : y;                                     \
    return x < y ? x : y;                                                      \
  }
float fmaximumf(float x, float y);
float fminimumf(float x, float y);
double fmaximum(double x, double y);
double fminimum(double x, double y);
TFC_MAXIMUM(fmaximumf, float)
TFC_MINIMUM(fminimumf, float)
TFC_MAXIMUM(fmaximum, double)
TFC_MINIMUM(fminimum, double)

#endif /* TFC_RUNTIME_BARE_METAL */

const char *tfc_status_string(int status) {
  switch (status) {
  case TFC_STATUS_OK:
    return "ok";
  case TFC_STATUS_NULL_ARENA:
    return "the arena is NULL but the model needs one (see *_ARENA_SIZE)";
  case TFC_STATUS_MISALIGNED_ARENA:
    return "the arena is not aligned to *_ARENA_ALIGNMENT bytes";
  case TFC_STATUS_NULL_BUFFER:
    return "an argument or result buffer is NULL";
  case TFC_STATUS_ALLOCATION_FAILED:
    return "allocating buffers failed";
  default:
    return "unknown tfc status";
  }
}
