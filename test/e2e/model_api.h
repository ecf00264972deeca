/*===- model_api.h - the names of a tfc-compiled model's C API -------------===*
 *
 * Included by the generic drivers (model_io.h for the hosted ones,
 * mcu_driver.c for bare-metal boards), which run any tfc-compiled model:
 * the header from TFC_MODEL_HEADER, and FN()/DEF() to name its functions
 * and macros from TFC_MODEL_PREFIX (and TFC_MODEL_PREFIX_UPPER, default
 * MODEL: the preprocessor cannot upper-case).
 *
 *===----------------------------------------------------------------------===*/

#ifndef TFC_TEST_E2E_MODEL_API_H
#define TFC_TEST_E2E_MODEL_API_H

#ifndef TFC_MODEL_HEADER
#error "define TFC_MODEL_HEADER, e.g. -DTFC_MODEL_HEADER='\"model.h\"'"
#endif
#ifndef TFC_MODEL_PREFIX
#error "define TFC_MODEL_PREFIX, the C prefix, e.g. -DTFC_MODEL_PREFIX=model"
#endif
#ifndef TFC_MODEL_PREFIX_UPPER
#define TFC_MODEL_PREFIX_UPPER MODEL
#endif
#ifndef TFC_DRIVER_NAME
#define TFC_DRIVER_NAME "driver"
#endif

#include TFC_MODEL_HEADER

#define TFC_CAT_(a, b) a##b
#define TFC_CAT(a, b) TFC_CAT_(a, b)
/* FN(_run) is model_run; DEF(_NUM_ARGS) is MODEL_NUM_ARGS. */
#define FN(suffix) TFC_CAT(TFC_MODEL_PREFIX, suffix)
#define DEF(suffix) TFC_CAT(TFC_MODEL_PREFIX_UPPER, suffix)

#define NUM_ARGS DEF(_NUM_ARGS)
#define NUM_RESULTS DEF(_NUM_RESULTS)
/* C has no zero-length arrays; a model may have no arguments. */
#define NONZERO(n) ((n) > 0 ? (n) : 1)
/* Buffers get the arena's alignment, which generated code may rely on. */
#define BUFFER_ALIGNMENT DEF(_ARENA_ALIGNMENT)

#endif /* TFC_TEST_E2E_MODEL_API_H */
