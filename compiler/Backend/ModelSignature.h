//===- ModelSignature.h - what the generated API exposes --------*- C++ -*-===//
//
// The arguments and results of a compiled model, as the header generator and
// the entry wrapper need them: C names, element types, shapes, byte sizes,
// and the arena the code needs.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_BACKEND_MODELSIGNATURE_H
#define TFC_COMPILER_BACKEND_MODELSIGNATURE_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <vector>

namespace mlir::tfc {

struct TensorSignature {
  std::string name;   // C identifier (config name or sanitized node name)
  std::string tensor; // GraphDef tensor it stands for, `node:index`
  std::string cType;  // C element type, e.g. "float", "int32_t"
  std::string dtype;  // TensorFlow dtype name, e.g. "float", "int32"
  std::vector<int64_t> shape;
  int64_t elementBytes = 0;
  bool named = false;     // the config named it (else the name is derived)
  bool variable = false;  // argument: a config variable
  bool readonly = false;  // argument: a variable the graph never assigns
  int64_t updatesArg = -1; // result: a variable's new value for this argument
  int64_t count() const;
  int64_t bytes() const { return count() * elementBytes; }
};

struct ModelSignature {
  /// The feeds, then the variables.
  std::vector<TensorSignature> args;
  /// The fetches, then the new values of the variables that are assigned.
  std::vector<TensorSignature> results;
  int64_t arenaSize = 0;
  int64_t arenaAlignment = 64;
  size_t numVariables() const;
};

/// Reads the signature of an imported (tensor-level) function. Fails, with a
/// diagnostic, when an argument or result shape is not static.
FailureOr<ModelSignature> getModelSignature(func::FuncOp func);

} // namespace mlir::tfc

#endif // TFC_COMPILER_BACKEND_MODELSIGNATURE_H
