/*===- tflm_model.h - a TensorFlow Lite Micro model behind tfc's C API ----===*
 *
 * For scripts/tflm-compare.py: test/e2e/mcu_driver.c, built with
 * -DTFC_MODEL_HEADER='"tflm_model.h"' -DTFC_MODEL_PREFIX=model, runs a .tflite
 * model under TensorFlow Lite for Microcontrollers (TFLM) as it runs a
 * tfc-compiled one: same command line, same host files, same cycle count.
 * tflm_model.cc implements this header with TFLM's MicroInterpreter and a
 * MicroMutableOpResolver of exactly the model's operators.
 *
 * tflm_config.h, written by the script for each model, defines:
 *   TFLM_NUM_ARGS, TFLM_NUM_RESULTS  the model's argument and result counts
 *   TFLM_ARG_SIZES, TFLM_RESULT_SIZES  their bytes, as brace lists
 *   TFLM_ARG_TENSORS, TFLM_RESULT_TENSORS  the interpreter's input and
 *                     output index of each, as brace lists
 *   TFLM_OPS(X)      X(Name) for each operator, Name as in
 *                    MicroMutableOpResolver::AddName
 *   TFLM_NUM_OPS     how many
 *   TFLM_ARENA_SIZE  the tensor arena's bytes
 * and tflm_model_data.cc the flatbuffer, `tflm_model_data`.
 *
 * The arena holds every tensor, the model's inputs and outputs included;
 * model_init (TFC_DRIVER_INIT, untimed) builds the interpreter in it and
 * prints "tflm arena used: N bytes"; model_run copies the arguments in,
 * invokes the interpreter and copies the results out.
 *
 *===----------------------------------------------------------------------===*/

#ifndef TFC_SCRIPTS_TFLM_MODEL_H
#define TFC_SCRIPTS_TFLM_MODEL_H

#include <stddef.h>

#include "tflm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MODEL_NUM_ARGS TFLM_NUM_ARGS
#define MODEL_NUM_RESULTS TFLM_NUM_RESULTS
#define MODEL_ARENA_SIZE TFLM_ARENA_SIZE
/* TFLM's arena needs 16 bytes (MicroArenaBufferAlignment); with them,
 * arena_used_bytes() is the whole arena the model needs. */
#define MODEL_ARENA_ALIGNMENT 16

static const size_t model_arg_sizes[] = TFLM_ARG_SIZES;
static const size_t model_result_sizes[] = TFLM_RESULT_SIZES;

enum {
  TFLM_STATUS_OK = 0,
  TFLM_STATUS_SCHEMA_VERSION = 1,
  TFLM_STATUS_OP_RESOLVER = 2,
  TFLM_STATUS_ALLOCATE_TENSORS = 3,
  TFLM_STATUS_TENSOR_SIZE = 4,
  TFLM_STATUS_INVOKE = 5,
  TFLM_STATUS_NOT_SET_UP = 6
};

/* Builds the interpreter in `arena` (MODEL_ARENA_SIZE bytes). */
int model_init(void *arena);
int model_run(const void *const *args, void *const *results, void *arena);
const char *tfc_status_string(int status);

#define TFC_DRIVER_INIT model_init

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TFC_SCRIPTS_TFLM_MODEL_H */
