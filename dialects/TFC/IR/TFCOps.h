//===- TFCOps.h - tfc dialect and ops ---------------------------*- C++ -*-===//
//
// Declares the tfc dialect and its ops (generated from TFCOps.td).
//
//===----------------------------------------------------------------------===//

#ifndef TFC_DIALECTS_TFC_IR_TFCOPS_H
#define TFC_DIALECTS_TFC_IR_TFCOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/TFC/IR/TFCOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "dialects/TFC/IR/TFCOps.h.inc"

namespace mlir::tfc {
/// Argument and result attributes of an imported function: the C name the
/// generated API uses, and the GraphDef tensor (`node:index`) it stands for.
inline constexpr llvm::StringLiteral kNameAttr = "tfc.name";
inline constexpr llvm::StringLiteral kTensorAttr = "tfc.tensor";
/// On an imported op: names of the nodes its node had control edges from.
inline constexpr llvm::StringLiteral kControlInputsAttr = "tfc.control_inputs";
} // namespace mlir::tfc

#endif // TFC_DIALECTS_TFC_IR_TFCOPS_H
