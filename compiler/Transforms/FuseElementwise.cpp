//===- FuseElementwise.cpp - the tfc-fuse-elementwise pass ----------------===//
//
// Fuses producer `linalg.generic`s into their consumers so that a chain of
// elementwise ops becomes one loop nest, using upstream's elementwise fusion
// with a stricter rule for when it may fire.
//
// Upstream's own pass (linalg-fuse-elementwise-ops) fuses a producer into a
// consumer whenever the producer has one user. When the consumer reads the
// producer's result through a map that is not a permutation of its loops
// (a matmul reads its left operand at (i, k) for every j), the fused loop
// nest computes each producer element once per extra loop iteration. That is
// slow, and it is wrong when the producer's payload reads its own `outs`
// (a read-modify-write, such as the in-place epilogue of a fused
// contraction): the producer's result is then kept as an extra result of
// the fused op and rewritten on every revisit, so `sigmoid(init)` becomes
// `sigmoid(sigmoid(...(init)))`. Only idempotent epilogues (Relu, Relu6)
// survived that, which is how two dense layers with a Sigmoid, Tanh, Elu or
// LeakyRelu gave wrong answers (issue 7). Here a producer is fused only
// when the consumer reads it through a permutation, so every element of it
// is computed exactly once.
//
// The fused payload is also capped in size: fusing a long chain one link at
// a time copies the growing payload at each step, quadratic in the chain's
// length; with the cap a chain becomes several loop nests of bounded size
// and compile time stays linear.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// Number of operations in the payload of a linalg op (its yield included).
size_t payloadSize(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || op->getNumRegions() != 1 || op->getRegion(0).empty())
    return 0;
  return linalgOp.getBlock()->getOperations().size();
}

/// Whether fusing the producer of `fusedOperand` into its consumer computes
/// each producer element once and keeps the payload under `maxPayloadOps`.
bool shouldFuse(OpOperand *fusedOperand, int64_t maxPayloadOps) {
  Operation *producer = fusedOperand->get().getDefiningOp();
  // A producer outside the consumer's loop (a While's body) would be
  // recomputed on every iteration.
  if (!producer || !producer->hasOneUse() ||
      producer->getBlock() != fusedOperand->getOwner()->getBlock())
    return false;
  auto consumer = dyn_cast<linalg::LinalgOp>(fusedOperand->getOwner());
  if (!consumer ||
      !consumer.getMatchingIndexingMap(fusedOperand).isPermutation())
    return false;
  return static_cast<int64_t>(payloadSize(producer) + payloadSize(consumer)) <=
         maxPayloadOps;
}

struct FuseElementwisePass
    : tfc::impl::FuseElementwiseBase<FuseElementwisePass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    int64_t limit = maxPayloadOps;
    linalg::ControlFusionFn fuseOnce = [limit](OpOperand *fusedOperand) {
      return shouldFuse(fusedOperand, limit);
    };
    linalg::ControlFusionFn singleUse = [](OpOperand *fusedOperand) {
      Operation *producer = fusedOperand->get().getDefiningOp();
      return producer && producer->hasOneUse();
    };

    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, fuseOnce);
    // Reshapes between elementwise ops are moved out of the way by
    // expanding the ops' loops instead, so the chain around them fuses.
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, singleUse);
    linalg::populateConstantFoldLinalgOperations(patterns, singleUse);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()
        ->getCanonicalizationPatterns(patterns);
    // Top-down visits each chain from its start, which keeps the number of
    // rewrites linear in the chain's length.
    if (failed(applyPatternsGreedily(
            getOperation(), std::move(patterns),
            GreedyRewriteConfig().setUseTopDownTraversal(true))))
      return signalPassFailure();
  }
};

} // namespace
