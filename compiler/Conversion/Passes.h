//===- Passes.h - tfc conversion passes -------------------------*- C++ -*-===//

#ifndef TFC_COMPILER_CONVERSION_PASSES_H
#define TFC_COMPILER_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::tfc {

#define GEN_PASS_DECL
#include "compiler/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Conversion/Passes.h.inc"

} // namespace mlir::tfc

#endif // TFC_COMPILER_CONVERSION_PASSES_H
