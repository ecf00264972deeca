//===- TieLoopVariables.cpp - the tfc-tie-loop-variables pass -------------===//
//
// A While becomes an scf.while on tensors. One-shot bufferization accepts it
// only when each value the body yields bufferizes to the buffer of the loop
// variable it replaces; otherwise the loop would hand each iteration a new
// buffer, which a static memory plan cannot give. This pass makes that true
// by construction: the body ends by copying each new value into its
// variable's tensor, which bufferizes in place because nothing reads the
// variable after that point of the body.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_TIELOOPVARIABLES
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// A copy of `value` into a new tensor.
Value copyAside(OpBuilder &builder, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  Value empty = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                        type.getElementType());
  return linalg::CopyOp::create(builder, loc, value, empty).getResult(0);
}

/// Whether `value` may be one of `args` or a view of one (reshapes, slices
/// and casts bufferize to views of their source's buffer; an If's result
/// may be what either branch yields).
bool viewsAnyOf(Value value, ValueRange args) {
  while (true) {
    if (llvm::is_contained(args, value))
      return true;
    Operation *def = value.getDefiningOp();
    if (isa_and_nonnull<scf::IfOp>(def))
      return true;
    if (!isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp,
                         tensor::ExtractSliceOp, tensor::CastOp,
                         tensor::ReshapeOp>(def))
      return false;
    value = def->getOperand(0);
  }
}

LogicalResult tieLoop(scf::WhileOp loop) {
  Block &before = loop.getBefore().front();
  Block &after = loop.getAfter().front();
  scf::ConditionOp condition = loop.getConditionOp();
  if (condition.getArgs() != ValueRange(before.getArguments()))
    return loop.emitError("tfc-tie-loop-variables: the loop's condition "
                          "must forward its variables unchanged");
  OpBuilder builder(loop);
  Location loc = loop.getLoc();
  // The caller's inputs are read-only: start from a copy.
  for (OpOperand &init : loop.getInitsMutable()) {
    auto arg = dyn_cast<BlockArgument>(init.get());
    if (arg && isa<RankedTensorType>(arg.getType()) &&
        isa<func::FuncOp>(arg.getOwner()->getParentOp()))
      init.set(copyAside(builder, loc, arg));
  }

  scf::YieldOp yield = loop.getYieldOp();
  builder.setInsertionPoint(yield);
  SmallVector<Value> next(yield.getOperands());
  ValueRange variables = after.getArguments();
  // First set aside the new values that still show some variable, then
  // overwrite the variables.
  for (auto [i, value] : llvm::enumerate(next))
    if (isa<RankedTensorType>(value.getType()) && value != variables[i] &&
        viewsAnyOf(value, variables))
      value = copyAside(builder, loc, value);
  for (auto [i, value] : llvm::enumerate(next))
    if (isa<RankedTensorType>(value.getType()) && value != variables[i])
      value = linalg::CopyOp::create(builder, loc, value, variables[i])
                  .getResult(0);
  yield->setOperands(next);
  return success();
}

struct TieLoopVariablesPass
    : tfc::impl::TieLoopVariablesBase<TieLoopVariablesPass> {
  void runOnOperation() override {
    WalkResult result = getOperation().walk([](scf::WhileOp loop) {
      return failed(tieLoop(loop)) ? WalkResult::interrupt()
                                   : WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
