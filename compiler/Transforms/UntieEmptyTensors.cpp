//===- UntieEmptyTensors.cpp - the tfc-untie-empty-tensors pass -----------===//
//
// CSE merges every `tensor.empty` of one type into a single value, so in a
// graph of many same-shaped ops every destination is the same SSA value.
// For one-shot bufferization all of those results then alias each other,
// and its conflict analysis, which looks at every alias of every operand it
// considers writing in place, became superlinear: a 1,000-op chain of
// unfused Sigmoids took minutes to bufferize. A `tensor.empty` has no
// contents, so giving each use its own is free and says what was meant: a
// new buffer per op, which the memory plan then packs into the arena.
//
// Except where the uses are slices: a Concat's result that convolution
// kernels write in place (tfc-concat-in-place) is a `tensor.empty` whose
// slices are extracted for them and inserted back, and those must stay
// slices of one buffer; the other uses of such an empty still get their
// own.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_UNTIEEMPTYTENSORS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

struct UntieEmptyTensorsPass
    : tfc::impl::UntieEmptyTensorsBase<UntieEmptyTensorsPass> {
  /// Whether `use` takes a slice of the empty or writes one into it.
  static bool isSliceUse(OpOperand &use) {
    if (auto extract = dyn_cast<tensor::ExtractSliceOp>(use.getOwner()))
      return use.get() == extract.getSource();
    if (auto insert = dyn_cast<tensor::InsertSliceOp>(use.getOwner()))
      return &use == &insert.getDestMutable();
    return false;
  }

  void runOnOperation() override {
    SmallVector<tensor::EmptyOp> shared;
    getOperation().walk([&](tensor::EmptyOp empty) {
      if (!empty->hasOneUse() && !empty->use_empty())
        shared.push_back(empty);
    });
    OpBuilder builder(&getContext());
    for (tensor::EmptyOp empty : shared) {
      // Every use but the slices gets its own copy, placed just before its
      // user (or right after the original when the user is in another
      // block).
      for (OpOperand &use : llvm::make_early_inc_range(empty->getUses())) {
        if (isSliceUse(use))
          continue;
        Operation *user = use.getOwner();
        if (user->getBlock() == empty->getBlock())
          builder.setInsertionPoint(user);
        else
          builder.setInsertionPointAfter(empty);
        use.set(builder.clone(*empty)->getResult(0));
      }
      if (empty->use_empty())
        empty->erase();
    }
  }
};

} // namespace
