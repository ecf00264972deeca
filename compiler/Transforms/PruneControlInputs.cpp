//===- PruneControlInputs.cpp - the tfc-prune-control-inputs pass ---------===//
//
// Drops control edges, which cannot affect results of side-effect-free ops,
// and the NoOps that existed only to carry them.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_PRUNECONTROLINPUTS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {
struct PruneControlInputsPass
    : tfc::impl::PruneControlInputsBase<PruneControlInputsPass> {
  void runOnOperation() override {
    getOperation().walk([](Operation *op) {
      if (isa<NoOp>(op)) {
        op->erase();
        return;
      }
      op->removeAttr(kControlInputsAttr);
    });
  }
};
} // namespace
