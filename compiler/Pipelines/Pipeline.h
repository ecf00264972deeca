//===- Pipeline.h - the tfc compilation pipeline ----------------*- C++ -*-===//
//
// The phases of compilation, in order. Pipeline.cpp spells each phase as the
// list of passes it runs, so the whole compiler reads top to bottom there.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_PIPELINES_PIPELINE_H
#define TFC_COMPILER_PIPELINES_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mlir::tfc {

/// Phases, in the order they run. Compilation can stop after any of them.
enum class Phase {
  Import,    // GraphDef as tfc ops, one per node (done by the importer)
  Optimize,  // tfc ops after graph optimizations
  Linalg,    // linalg/tensor/arith/math on tensors
  Bufferize, // on memrefs, intermediates placed in the arena
  LLVM,      // LLVM dialect, ready for translation to LLVM IR
};

std::optional<Phase> parsePhase(llvm::StringRef name);
llvm::StringRef phaseName(Phase phase);

struct PipelineOptions {
  /// Run graph optimizations (constant folding, CSE and the like).
  bool optimize = true;
  /// Byte alignment of buffers in the arena (and of the arena itself).
  int64_t arenaAlignment = 64;
  /// Bits of the target's `index` type (its pointer width).
  unsigned indexBitwidth = 64;
  /// The runtime kernel set contractions call when optimizing (avx512,
  /// avx2, neon, generic; see kernelIsaFor); empty: linalg loops only.
  std::string kernelIsa;
  /// Whether 3x3, 5x5, 1x3, 3x1, 1x7 and 7x1 stride-1 convolutions may use
  /// the Winograd kernel.
  bool winograd = true;
  /// The least bytes of a 1x1 result for tfc-fuse-pointwise-depthwise
  /// (negative: the pass does not run).
  int64_t pointwiseDepthwiseMinBytes = 1 << 20;
};

/// Adds the passes that take a module from the end of phase `from` to the end
/// of phase `to` (from < to).
LogicalResult buildPipeline(OpPassManager &pm, Phase from, Phase to,
                            const PipelineOptions &options);

/// Registers the phases as named pipelines for tfc-opt: tfc-optimize,
/// tfc-lower-to-linalg, tfc-bufferize, tfc-lower-to-llvm.
void registerTFCPipelines();

} // namespace mlir::tfc

#endif // TFC_COMPILER_PIPELINES_PIPELINE_H
