//===- tflm_model.cc - a TensorFlow Lite Micro model behind tfc's C API ---===//
//
// See tflm_model.h. Everything here is counted as TFLM's in the comparison
// (scripts/tflm-compare.py): it is what an application needs to run a model
// with TFLM, as model.o is for tfc. No global constructors (the board's
// linker script drops .init_array): the op resolver and the interpreter are
// built by placement new in static storage, so their bytes show as .bss.
//
//===----------------------------------------------------------------------===//

#include "tflm_model.h"

#include <new>
#include <string.h>

#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/schema/schema_generated.h"

extern "C" {
#include "bsp.h"
}

extern const unsigned char tflm_model_data[];

namespace {

using Resolver = tflite::MicroMutableOpResolver<TFLM_NUM_OPS>;

alignas(Resolver) unsigned char resolver_storage[sizeof(Resolver)];
alignas(tflite::MicroInterpreter) unsigned char interpreter_storage[sizeof(
    tflite::MicroInterpreter)];
tflite::MicroInterpreter *interpreter;

const size_t arg_tensors[] = TFLM_ARG_TENSORS;
const size_t result_tensors[] = TFLM_RESULT_TENSORS;

} // namespace

extern "C" int model_init(void *arena) {
  const tflite::Model *model = tflite::GetModel(tflm_model_data);
  if (model->version() != TFLITE_SCHEMA_VERSION)
    return TFLM_STATUS_SCHEMA_VERSION;
  Resolver *resolver = new (resolver_storage) Resolver();
#define TFLM_ADD_OP(name)                                                      \
  if (resolver->Add##name() != kTfLiteOk)                                      \
    return TFLM_STATUS_OP_RESOLVER;
  TFLM_OPS(TFLM_ADD_OP)
#undef TFLM_ADD_OP
  interpreter = new (interpreter_storage) tflite::MicroInterpreter(
      model, *resolver, static_cast<uint8_t *>(arena), TFLM_ARENA_SIZE);
  if (interpreter->AllocateTensors() != kTfLiteOk)
    return TFLM_STATUS_ALLOCATE_TENSORS;
  for (int i = 0; i < TFLM_NUM_ARGS; ++i)
    if (interpreter->input(arg_tensors[i])->bytes != model_arg_sizes[i])
      return TFLM_STATUS_TENSOR_SIZE;
  for (int i = 0; i < TFLM_NUM_RESULTS; ++i)
    if (interpreter->output(result_tensors[i])->bytes != model_result_sizes[i])
      return TFLM_STATUS_TENSOR_SIZE;
  tfc_bsp_puts("tflm arena used: ");
  tfc_bsp_put_int(static_cast<long>(interpreter->arena_used_bytes()));
  tfc_bsp_puts(" bytes\n");
  return TFLM_STATUS_OK;
}

extern "C" int model_run(const void *const *args, void *const *results,
                         void *arena) {
  (void)arena; // model_init put the interpreter in it.
  if (!interpreter)
    return TFLM_STATUS_NOT_SET_UP;
  for (int i = 0; i < TFLM_NUM_ARGS; ++i)
    memcpy(interpreter->input(arg_tensors[i])->data.raw, args[i],
           model_arg_sizes[i]);
  if (interpreter->Invoke() != kTfLiteOk)
    return TFLM_STATUS_INVOKE;
  for (int i = 0; i < TFLM_NUM_RESULTS; ++i)
    memcpy(results[i], interpreter->output(result_tensors[i])->data.raw,
           model_result_sizes[i]);
  return TFLM_STATUS_OK;
}

extern "C" const char *tfc_status_string(int status) {
  switch (status) {
  case TFLM_STATUS_OK:
    return "ok";
  case TFLM_STATUS_SCHEMA_VERSION:
    return "the model's schema version is not TFLM's";
  case TFLM_STATUS_OP_RESOLVER:
    return "an operator could not be added to the op resolver";
  case TFLM_STATUS_ALLOCATE_TENSORS:
    return "AllocateTensors failed (is the arena too small?)";
  case TFLM_STATUS_TENSOR_SIZE:
    return "an input or output tensor's size is not the manifest's";
  case TFLM_STATUS_INVOKE:
    return "Invoke failed";
  case TFLM_STATUS_NOT_SET_UP:
    return "model_init was not called";
  }
  return "unknown status";
}
