//===- InPlaceElementwise.cpp - the tfc-inplace-elementwise pass ----------===//
//
// TensorFlow allocates a new tensor for every activation; a compiler that
// sees the whole graph can let an elementwise op overwrite its input when
// nothing reads that input afterwards. At the tensor level that means making
// the input the op's destination (`outs`); bufferization then reuses its
// buffer. The pass only does so when it is safe by construction, so
// bufferization never has to insert a copy to undo it.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_INPLACEELEMENTWISE
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// True if `op` is the last reader of `value`: every other use is by an op
/// earlier in the same block, and `op` uses it once.
bool isLastUse(Value value, Operation *op) {
  unsigned usesByOp = 0;
  for (OpOperand &use : value.getUses()) {
    Operation *user = use.getOwner();
    if (user == op) {
      ++usesByOp;
      continue;
    }
    if (user->getBlock() != op->getBlock() || !user->isBeforeInBlock(op))
      return false;
  }
  return usesByOp == 1;
}

/// An input the elementwise `generic` may overwrite, or null.
OpOperand *findReusableInput(linalg::GenericOp generic) {
  if (generic.getNumDpsInits() != 1 || generic.getNumResults() != 1 ||
      generic.getNumReductionLoops() != 0)
    return nullptr;
  OpOperand *init = generic.getDpsInitOperand(0);
  if (!init->get().getDefiningOp<tensor::EmptyOp>() ||
      !generic.getMatchingIndexingMap(init).isIdentity() ||
      generic.payloadUsesValueFromOperand(init))
    return nullptr;
  for (OpOperand *input : generic.getDpsInputOperands()) {
    Value value = input->get();
    // Graph inputs belong to the caller and constants are read-only.
    if (isa<BlockArgument>(value) || value.getDefiningOp<arith::ConstantOp>())
      continue;
    if (value.getType() != init->get().getType() ||
        !generic.getMatchingIndexingMap(input).isIdentity() ||
        !isLastUse(value, generic))
      continue;
    return input;
  }
  return nullptr;
}

struct InPlaceElementwisePass
    : tfc::impl::InPlaceElementwiseBase<InPlaceElementwisePass> {
  using Base::Base;

  void runOnOperation() override {
    // How many in-place ops in a row have written each value's buffer.
    llvm::DenseMap<Value, int64_t> chainLength;
    getOperation().walk([&](linalg::GenericOp generic) {
      OpOperand *input = findReusableInput(generic);
      if (!input)
        return;
      int64_t length = chainLength.lookup(input->get()) + 1;
      if (length > maxChain)
        return;
      generic.getDpsInitOperand(0)->set(input->get());
      chainLength[generic.getResult(0)] = length;
    });
  }
};

} // namespace
