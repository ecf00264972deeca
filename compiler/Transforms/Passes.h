//===- Passes.h - tfc transformation passes ---------------------*- C++ -*-===//

#ifndef TFC_COMPILER_TRANSFORMS_PASSES_H
#define TFC_COMPILER_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::tfc {

/// The function attribute holding the arena size in bytes.
inline constexpr llvm::StringLiteral kArenaSizeAttr = "tfc.arena_size";
/// The function attribute holding the arena alignment in bytes.
inline constexpr llvm::StringLiteral kArenaAlignmentAttr =
    "tfc.arena_alignment";

/// Function attributes describing the plan, for --stats: the most bytes
/// live at once (a lower bound for any plan) and the sum of all buffers.
inline constexpr llvm::StringLiteral kArenaLowerBoundAttr =
    "tfc.arena_lower_bound";
inline constexpr llvm::StringLiteral kArenaNaiveAttr = "tfc.arena_naive";

#define GEN_PASS_DECL
#include "compiler/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Transforms/Passes.h.inc"

} // namespace mlir::tfc

#endif // TFC_COMPILER_TRANSFORMS_PASSES_H
