//===- Pipeline.cpp - the tfc compilation pipeline ------------------------===//
//
// The whole compiler after import, phase by phase. Each phase is a textual
// pass pipeline so that what runs here is exactly what `tfc-opt` runs for the
// same flags, and a lit test can reproduce any step.
//
//===----------------------------------------------------------------------===//

#include "compiler/Pipelines/Pipeline.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::tfc;

std::optional<Phase> mlir::tfc::parsePhase(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Phase>>(name)
      .Case("import", Phase::Import)
      .Case("optimize", Phase::Optimize)
      .Case("linalg", Phase::Linalg)
      .Case("bufferize", Phase::Bufferize)
      .Case("llvm", Phase::LLVM)
      .Default(std::nullopt);
}

llvm::StringRef mlir::tfc::phaseName(Phase phase) {
  switch (phase) {
  case Phase::Import:
    return "import";
  case Phase::Optimize:
    return "optimize";
  case Phase::Linalg:
    return "linalg";
  case Phase::Bufferize:
    return "bufferize";
  case Phase::LLVM:
    return "llvm";
  }
  return "";
}

/// The passes of one phase, as a textual pipeline on builtin.module.
static std::string phasePasses(Phase phase, const PipelineOptions &options) {
  switch (phase) {
  case Phase::Import:
    return "";
  case Phase::Optimize:
    // Graph level: drop control edges, fold constants, remove duplicates.
    if (!options.optimize)
      return "func.func(tfc-prune-control-inputs,tfc-shape-inference)";
    return "func.func(tfc-prune-control-inputs,tfc-shape-inference),"
           "canonicalize,cse,"
           // Transposed convolutions become convolutions, and so do
           // dilated ones written with SpaceToBatchND; a zero Pad before a
           // convolution becomes its padding; batch norms (fused or not)
           // fold into the weights before them.
           "func.func(tfc-decompose-conv2d-transpose,"
           "tfc-fold-space-to-batch-conv,tfc-fold-pad-into-window,"
           "tfc-fold-batch-norm),"
           // Then each contraction takes its bias, residual and activation.
           "func.func(tfc-fuse-contractions),"
           "func.func(tfc-shape-inference)";
  case Phase::Linalg: {
    // Optimized: chains of elementwise ops become one loop nest, and an
    // elementwise op overwrites an input nothing reads afterwards.
    // Contractions call the runtime's micro-kernels for the target's ISA,
    // with weights packed here; the reference path (no optimizations) keeps
    // them as linalg loops.
    if (!options.optimize)
      return "func.func(convert-tfc-to-linalg),canonicalize,cse";
    // Then a 1x1 convolution and the depthwise one reading its large result
    // become one kernel call, and convolution kernels write their slices of
    // a Concat's result.
    std::string fusePointwiseDepthwise =
        options.pointwiseDepthwiseMinBytes < 0
            ? std::string()
            : ",tfc-fuse-pointwise-depthwise{min-bytes=" +
                  std::to_string(options.pointwiseDepthwiseMinBytes) + "}";
    return (options.kernelIsa.empty()
                ? std::string()
                : "func.func(tfc-use-kernels{isa=" + options.kernelIsa +
                      " winograd=" + (options.winograd ? "true" : "false") +
                      "}" + fusePointwiseDepthwise + "),") +
           "func.func(convert-tfc-to-linalg),canonicalize,cse,"
           "func.func(tfc-fuse-elementwise,tfc-inplace-elementwise),"
           "canonicalize,cse" +
           // Last, so that CSE does not merge the tensor.empty of one
           // Concat's result with another's.
           (options.kernelIsa.empty() ? std::string()
                                      : ",func.func(tfc-concat-in-place)");
  }
  case Phase::Bufferize:
    // Tensors become buffers; results are written to caller-provided
    // buffers (a result fetched twice gets a copy first); every
    // intermediate lives in the arena. A While's variables each keep one
    // buffer through the loop.
    return llvm::formatv(
        "func.func(tfc-tie-loop-variables,tfc-untie-empty-tensors),"
        "one-shot-bufferize{{bufferize-function-boundaries "
        "function-boundary-type-conversion=identity-layout-map},"
        "func.func(tfc-distinct-results),"
        "buffer-results-to-out-params{{hoist-static-allocs "
        "modify-public-functions},"
        "func.func(tfc-plan-memory{{alignment={0}},"
        "tfc-lower-strided-copies),canonicalize,cse,"
        // Then large functions are cut into calls of bounded size.
        "tfc-split-function",
        options.arenaAlignment);
  case Phase::LLVM:
    // Kernel calls and the thread pool argument, loops, then the LLVM
    // dialect. Memref arguments are passed as bare pointers, which is what
    // the generated C API hands in.
    return llvm::formatv("tfc-lower-kernel-calls,func.func(convert-linalg-to-"
                         "loops),lower-affine,convert-scf-to-cf,"
                         "canonicalize,expand-strided-metadata,lower-affine,"
                         "finalize-memref-to-llvm{{index-bitwidth={0}},"
                         "convert-math-to-llvm,convert-math-to-libm,"
                         "convert-arith-to-llvm{{index-bitwidth={0}},"
                         "convert-cf-to-llvm{{index-bitwidth={0}},"
                         "convert-func-to-llvm{{use-bare-ptr-memref-call-conv "
                         "index-bitwidth={0}},"
                         "reconcile-unrealized-casts,canonicalize",
                         options.indexBitwidth);
  }
  return "";
}

LogicalResult mlir::tfc::buildPipeline(OpPassManager &pm, Phase from, Phase to,
                                       const PipelineOptions &options) {
  for (int phase = static_cast<int>(from) + 1; phase <= static_cast<int>(to);
       ++phase) {
    std::string passes = phasePasses(static_cast<Phase>(phase), options);
    if (!passes.empty() && failed(parsePassPipeline(passes, pm)))
      return failure();
  }
  return success();
}

void mlir::tfc::registerTFCPipelines() {
  struct Named {
    const char *name;
    const char *summary;
    Phase phase;
  };
  static const Named pipelines[] = {
      {"tfc-optimize", "tfc: graph optimizations", Phase::Optimize},
      {"tfc-lower-to-linalg", "tfc: tfc to linalg on tensors", Phase::Linalg},
      {"tfc-bufferize", "tfc: bufferize into one arena", Phase::Bufferize},
      {"tfc-lower-to-llvm", "tfc: loops to the LLVM dialect", Phase::LLVM},
  };
  for (const Named &named : pipelines) {
    Phase phase = named.phase;
    PassPipelineRegistration<>(
        named.name, named.summary, [phase](OpPassManager &pm) {
          (void)buildPipeline(pm,
                              static_cast<Phase>(static_cast<int>(phase) - 1),
                              phase, PipelineOptions());
        });
  }
}
