//===- DistinctResults.cpp - the tfc-distinct-results pass ----------------===//
//
// Gives every result of a bufferized function its own buffer. Two fetches of
// one tensor (`--fetches=y,y`, or `y` and an Identity of `y`, which folds
// away) return one value twice; buffer-results-to-out-params then replaces
// that buffer with two out-parameters at once and crashed. A copy for each
// repeat makes the results distinct, and the caller gets the value in both
// of its buffers.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_DISTINCTRESULTS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {
struct DistinctResultsPass
    : tfc::impl::DistinctResultsBase<DistinctResultsPass> {
  void runOnOperation() override {
    WalkResult result = getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 8> seen;
      OpBuilder builder(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value value = operand.get();
        if (seen.insert(value).second)
          continue;
        // The function boundary has identity layouts in tfc's pipeline, so
        // the copy can have the result's very type.
        auto type = dyn_cast<MemRefType>(value.getType());
        if (!type)
          continue;
        if (!type.hasStaticShape() || !type.getLayout().isIdentity()) {
          ret.emitError("result ")
              << operand.getOperandNumber() << " repeats an earlier result of "
              << type << ", which cannot be copied into a fresh buffer";
          return WalkResult::interrupt();
        }
        Value copy = memref::AllocOp::create(builder, ret.getLoc(), type);
        memref::CopyOp::create(builder, ret.getLoc(), value, copy);
        operand.set(copy);
      }
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
