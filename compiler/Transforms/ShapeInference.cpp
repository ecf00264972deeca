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

struct ShapeInferencePass : tfc::impl::ShapeInferenceBase<ShapeInferencePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    OpBuilder builder(func.getContext());
    for (Operation &op : llvm::make_early_inc_range(func.front())) {
      if (!isa<TFCDialect>(op.getDialect()) || isa<ConstOp>(op))
        continue;
      if (foldToConstants(&op, builder))
        continue;
      refineResultTypes(&op);
    }
    Operation *terminator = func.front().getTerminator();
    func.setFunctionType(FunctionType::get(func.getContext(),
                                           func.getArgumentTypes(),
                                           terminator->getOperandTypes()));
  }
};

} // namespace
