//===- ShapeInference.cpp - the tfc-shape-inference pass ------------------===//
//
// Graphs arrive with unknown sizes (a batch of -1, shapes computed at run
// time by Shape/StridedSlice/Pack chains). Once feeds are static, every size
// is known at compile time; this pass propagates them forward in one walk,
// folding constant subgraphs on the way.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_SHAPEINFERENCE
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// True if `refined` says at least as much as `current` and is compatible.
bool isRefinement(Type current, Type refined) {
  if (current == refined)
    return false;
  auto currentTensor = dyn_cast<TensorType>(current);
  auto refinedTensor = dyn_cast<TensorType>(refined);
  if (!currentTensor || !refinedTensor ||
      currentTensor.getElementType() != refinedTensor.getElementType() ||
      !refinedTensor.hasRank())
    return false;
  if (!currentTensor.hasRank())
    return true;
  if (currentTensor.getRank() != refinedTensor.getRank())
    return false;
  for (auto [dim, refinedDim] :
       llvm::zip(currentTensor.getShape(), refinedTensor.getShape()))
    if (!ShapedType::isDynamic(dim) && dim != refinedDim)
      return false;
  return true;
}

/// Replaces `op` by constants or existing values when its folder can (given
/// the constant operands; others are null, so Shape of a statically shaped
/// tensor folds too). Returns true if `op` was erased.
bool foldToConstants(Operation *op, OpBuilder &builder) {
  SmallVector<Attribute> operands;
  for (Value operand : op->getOperands()) {
    Attribute value;
    matchPattern(operand, m_Constant(&value));
    operands.push_back(value);
  }
  SmallVector<OpFoldResult> results;
  if (op->getNumResults() == 0 || failed(op->fold(operands, results)) ||
      results.empty())
    return false;
  SmallVector<Value> replacements;
  builder.setInsertionPoint(op);
  for (auto [result, folded] : llvm::zip(op->getResults(), results)) {
    if (auto value = dyn_cast<Value>(folded)) {
      if (value == result)
        return false; // folded in place: nothing to replace
      replacements.push_back(value);
      continue;
    }
    auto elements = dyn_cast<ElementsAttr>(cast<Attribute>(folded));
    if (!elements)
      return false;
    replacements.push_back(
        ConstOp::create(builder, op->getLoc(), elements).getResult());
  }
  // A folded value may have a more precise type than the old result; users
  // re-infer theirs as the walk reaches them.
  for (auto [result, replacement] : llvm::zip(op->getResults(), replacements))
    result.replaceAllUsesWith(replacement);
  op->erase();
  return true;
}

/// Re-infers `op`'s result types and keeps the refined ones.
void refineResultTypes(Operation *op) {
  SmallVector<Type> inferred;
  if (auto infer = dyn_cast<InferTypeOpInterface>(op)) {
    if (failed(infer.inferReturnTypes(
            op->getContext(), op->getLoc(), op->getOperands(),
            op->getAttrDictionary(), op->getPropertiesStorage(),
            op->getRegions(), inferred)))
      return;
  } else if (op->hasTrait<OpTrait::SameOperandsAndResultType>() &&
             op->getNumOperands() > 0) {
    inferred.assign(op->getNumResults(), op->getOperand(0).getType());
  } else {
    return;
  }
  for (auto [result, type] : llvm::zip(op->getResults(), inferred))
    if (isRefinement(result.getType(), type))
      result.setType(type);
}

/// `value` as `type` (a more or less refined shape of it).
Value castTo(OpBuilder &builder, Value value, Type type) {
  if (value.getType() == type)
    return value;
  if (auto cast = value.getDefiningOp<tensor::CastOp>())
    if (cast.getSource().getType() == type)
      return cast.getSource();
  return tensor::CastOp::create(builder, value.getLoc(), type, value);
}

LogicalResult inferBlock(Block &block, OpBuilder &builder);
LogicalResult inferIf(scf::IfOp op, OpBuilder &builder);

/// Refines a While's variables from their initial values, in both regions
/// and as results, and the ops in its regions from them.
LogicalResult inferLoopOnce(scf::WhileOp loop, OpBuilder &builder) {
  Block &before = loop.getBefore().front();
  Block &after = loop.getAfter().front();
  for (auto [i, init] : llvm::enumerate(loop.getInits())) {
    // Look through a cast that hides what is known of the initial value.
    if (auto cast = init.getDefiningOp<tensor::CastOp>())
      if (isRefinement(init.getType(), cast.getSource().getType()))
        loop->setOperand(i, cast.getSource());
    Type type = loop.getInits()[i].getType();
    if (isRefinement(before.getArgument(i).getType(), type))
      before.getArgument(i).setType(type);
  }
  if (failed(inferBlock(before, builder)))
    return failure();
  scf::ConditionOp condition = loop.getConditionOp();
  for (auto [i, forwarded] : llvm::enumerate(condition.getArgs())) {
    Type type = forwarded.getType();
    if (isRefinement(after.getArgument(i).getType(), type))
      after.getArgument(i).setType(type);
    if (isRefinement(loop.getResult(i).getType(), type))
      loop.getResult(i).setType(type);
  }
  return inferBlock(after, builder);
}

/// What is known of a value's shape, before any cast the importer put on
/// it.
Type knownType(Value value) {
  if (auto cast = value.getDefiningOp<tensor::CastOp>())
    return cast.getSource().getType();
  return value.getType();
}

/// A While's variables take their initial values' refined types in both
/// regions and as results; each must stay one static type through the
/// loop, as memory is planned once. A variable that starts as `tfc.zeros`
/// of unknown sizes (a TensorList reserved before its element shape was
/// known) takes the sizes the body gives it, and the zeros become a
/// constant.
LogicalResult inferLoop(scf::WhileOp loop, OpBuilder &builder) {
  for (int round = 0;; ++round) {
    if (failed(inferLoopOnce(loop, builder)))
      return failure();
    bool refined = false;
    for (auto [i, next] : llvm::enumerate(loop.getYieldOp().getResults())) {
      auto zeros = loop.getInits()[i].getDefiningOp<ZerosOp>();
      Type known = knownType(next);
      if (!zeros || !isRefinement(zeros.getType(), known))
        continue;
      zeros.getResult().setType(cast<TensorType>(known));
      foldToConstants(zeros, builder);
      refined = true;
    }
    // Each round fixes at least one variable's sizes.
    if (!refined || round > static_cast<int>(loop.getNumResults()))
      break;
  }
  Block &before = loop.getBefore().front();
  scf::YieldOp yield = loop.getYieldOp();
  builder.setInsertionPoint(yield);
  for (auto [i, next] : llvm::enumerate(yield.getResults())) {
    auto type = cast<ShapedType>(before.getArgument(i).getType());
    if (!type.hasStaticShape())
      return loop.emitError("loop variable ")
             << i << " has type " << type
             << " after shape inference; tfc needs loop variables of "
                "static shape (give the feeds' shapes)";
    Type known = knownType(next);
    if (known != type && !isRefinement(known, type))
      return loop.emitError("loop variable ")
             << i << " enters the loop as " << type
             << " and leaves the body as " << known
             << "; tfc needs one static shape per loop variable";
    yield->setOperand(i, castTo(builder, next, type));
  }
  return success();
}

/// An If's results take the shape both branches agree on, once the ops in
/// them are refined; each branch yields its value cast to that type.
LogicalResult inferIf(scf::IfOp op, OpBuilder &builder) {
  for (Region *region : {&op.getThenRegion(), &op.getElseRegion()})
    for (Block &block : *region)
      if (failed(inferBlock(block, builder)))
        return failure();
  if (op.getNumResults() == 0)
    return success();
  scf::YieldOp yields[] = {op.thenYield(), op.elseYield()};
  for (auto [i, result] : llvm::enumerate(op.getResults())) {
    // What each branch knows of its value, before any cast the importer put
    // on it.
    Type known[2];
    for (auto [k, yield] : llvm::enumerate(yields)) {
      Value value = yield.getOperand(i);
      known[k] = value.getType();
      if (auto cast = value.getDefiningOp<tensor::CastOp>())
        known[k] = cast.getSource().getType();
    }
    if (known[0] != known[1])
      return op.emitError("the branches of the If give result ")
             << i << " the types " << known[0] << " and " << known[1]
             << "; tfc needs one shape";
    if (isRefinement(result.getType(), known[0]))
      result.setType(known[0]);
    for (auto [k, yield] : llvm::enumerate(yields)) {
      builder.setInsertionPoint(yield);
      yield->setOperand(i,
                        castTo(builder, yield.getOperand(i), result.getType()));
    }
  }
  return success();
}

/// Folds and refines the tfc ops of `block` in order, and the variables
/// and ops of the While loops and Ifs in it.
LogicalResult inferBlock(Block &block, OpBuilder &builder) {
  for (Operation &op : llvm::make_early_inc_range(block)) {
    if (auto loop = dyn_cast<scf::WhileOp>(op)) {
      if (failed(inferLoop(loop, builder)))
        return failure();
      continue;
    }
    if (auto ifOp = dyn_cast<scf::IfOp>(op)) {
      if (failed(inferIf(ifOp, builder)))
        return failure();
      continue;
    }
    if (!isa_and_nonnull<TFCDialect>(op.getDialect()) || isa<ConstOp>(op) ||
        foldToConstants(&op, builder))
      continue;
    refineResultTypes(&op);
  }
  return success();
}

struct ShapeInferencePass : tfc::impl::ShapeInferenceBase<ShapeInferencePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    OpBuilder builder(func.getContext());
    if (failed(inferBlock(func.front(), builder)))
      return signalPassFailure();
    Operation *terminator = func.front().getTerminator();
    func.setFunctionType(FunctionType::get(func.getContext(),
                                           func.getArgumentTypes(),
                                           terminator->getOperandTypes()));
  }
};

} // namespace
