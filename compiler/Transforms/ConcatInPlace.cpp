//===- ConcatInPlace.cpp - the tfc-concat-in-place pass -------------------===//
//
// A Concat along the channels copies each operand into its slice of the
// result. Where an operand is computed by a convolution kernel, the kernel
// can write that slice itself (its output pixels TFC_CONV_OUT_STRIDE floats
// apart): this pass threads the result through those calls on tensors, as
// destination-passing style, and one-shot bufferization then lets each call
// write a view of the result's buffer.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_CONCATINPLACE
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// The most operands of a Concat rewritten: each becomes an insert_slice in
/// a chain, and one-shot bufferization's analysis of long chains is
/// superlinear (a ConcatV2 of 200 inputs as insert_slices took 25 s to
/// compile); Inception's have 2 to 4.
constexpr size_t kMaxOperands = 16;

/// The kernel call that can compute `operand` in place: a convolution
/// kernel (KernelCallOp::takesOutStride) in the Concat's block, whose
/// init is a `tensor.empty` (no contents to keep; CSE may have merged it
/// with others) and whose result only `concat` reads, once.
KernelCallOp inPlaceProducer(Value operand, tensor::ConcatOp concat) {
  auto call = operand.getDefiningOp<KernelCallOp>();
  if (!call || call->getBlock() != concat->getBlock() || !operand.hasOneUse() ||
      call.getResults().size() != 1)
    return {};
  if (!call.takesOutStride() ||
      !call.getInit().getDefiningOp<tensor::EmptyOp>())
    return {};
  return call;
}

struct ConcatInPlacePass : tfc::impl::ConcatInPlaceBase<ConcatInPlacePass> {
  void runOnOperation() override {
    SmallVector<tensor::ConcatOp> concats;
    getOperation().walk([&](tensor::ConcatOp concat) {
      auto type = cast<RankedTensorType>(concat.getType());
      if (type.getRank() == 4 && type.hasStaticShape() &&
          concat.getDim() == 3 && concat.getInputs().size() <= kMaxOperands)
        concats.push_back(concat);
    });
    for (tensor::ConcatOp concat : concats)
      rewrite(concat);
  }

  void rewrite(tensor::ConcatOp concat) {
    auto type = cast<RankedTensorType>(concat.getType());
    // Each operand's channel offset, and the calls that can write theirs,
    // in program order.
    SmallVector<int64_t> offsets;
    int64_t channels = 0;
    SmallVector<std::pair<KernelCallOp, unsigned>> calls;
    for (auto [index, operand] : llvm::enumerate(concat.getInputs())) {
      offsets.push_back(channels);
      channels += cast<RankedTensorType>(operand.getType()).getDimSize(3);
      if (KernelCallOp call = inPlaceProducer(operand, concat))
        calls.push_back({call, static_cast<unsigned>(index)});
    }
    if (calls.empty())
      return;
    llvm::sort(calls, [](const auto &a, const auto &b) {
      return a.first->isBeforeInBlock(b.first);
    });

    OpBuilder builder(calls.front().first);
    Location loc = concat.getLoc();
    Value result = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                           type.getElementType());
    ArrayRef<int64_t> shape = type.getShape();
    auto slice = [&](unsigned index) {
      auto operandType =
          cast<RankedTensorType>(concat.getInputs()[index].getType());
      SmallVector<OpFoldResult> at = {
          builder.getIndexAttr(0), builder.getIndexAttr(0),
          builder.getIndexAttr(0), builder.getIndexAttr(offsets[index])};
      SmallVector<OpFoldResult> sizes = {
          builder.getIndexAttr(shape[0]), builder.getIndexAttr(shape[1]),
          builder.getIndexAttr(shape[2]),
          builder.getIndexAttr(operandType.getDimSize(3))};
      SmallVector<OpFoldResult> steps(4, builder.getIndexAttr(1));
      return std::make_tuple(operandType, at, sizes, steps);
    };
    llvm::SmallDenseSet<unsigned> written;
    for (auto [call, index] : calls) {
      auto [operandType, at, sizes, steps] = slice(index);
      builder.setInsertionPoint(call);
      Operation *empty = call.getInit().getDefiningOp();
      Value init = tensor::ExtractSliceOp::create(builder, loc, operandType,
                                                  result, at, sizes, steps);
      call.getInitMutable().assign(init);
      if (empty->use_empty())
        empty->erase();
      builder.setInsertionPointAfter(call);
      result = tensor::InsertSliceOp::create(builder, loc, call.getResult(0),
                                             result, at, sizes, steps);
      written.insert(index);
    }
    // The other operands where the Concat was.
    builder.setInsertionPoint(concat);
    for (auto [index, operand] : llvm::enumerate(concat.getInputs())) {
      if (written.contains(index))
        continue;
      auto [operandType, at, sizes, steps] = slice(index);
      result = tensor::InsertSliceOp::create(builder, loc, operand, result, at,
                                             sizes, steps);
    }
    concat.replaceAllUsesWith(result);
    concat.erase();
  }
};

} // namespace
