//===- LowerStridedCopies.cpp - the tfc-lower-strided-copies pass ---------===//
//
// Keeps generated code free of calls into MLIR's runtime libraries: copies
// that LLVM lowering cannot turn into one memcpy become loops. When both
// sides' rows (the innermost dimension) are contiguous, as when Concat
// writes a branch into its slice of the channels, the loops run over the
// rows and copy each with a memcpy of constant size; otherwise the copy
// becomes a linalg.copy, whose element loops LLVM vectorizes.
//
// Row copies keep the code small: Inception-v3's 8x8 Concat copies were
// fully unrolled by LLVM into basic blocks of about 1,500 instructions,
// whose scheduling took a sixth of the model's compile time.
//
// A copy of a view onto the same view is dropped: bufferization leaves one
// for each slice of a Concat that a kernel wrote in place
// (tfc-concat-in-place), as two equal subviews.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_LOWERSTRIDEDCOPIES
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// Whether the LLVM lowering turns a copy from or to `type` into a memcpy.
bool isContiguous(MemRefType type) {
  return type.getLayout().isIdentity() ||
         memref::isStaticShapeAndContiguousRowMajor(type);
}

/// Whether `type` has a static shape of rank 2 or more whose innermost
/// dimension is contiguous (stride 1).
bool hasContiguousRows(MemRefType type) {
  if (!type.hasStaticShape() || type.getRank() < 2)
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  return strides.back() == 1;
}

/// Replaces `copy` by loops over its rows, each row copied by a memref.copy
/// between one-dimensional contiguous views (a memcpy once lowered).
void copyRowByRow(OpBuilder &builder, memref::CopyOp copy) {
  Location loc = copy.getLoc();
  auto sourceType = cast<MemRefType>(copy.getSource().getType());
  auto targetType = cast<MemRefType>(copy.getTarget().getType());
  ArrayRef<int64_t> shape = sourceType.getShape();
  int64_t rowLength = shape.back();
  SmallVector<OpFoldResult> offsets, sizes, strides;
  Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
  Value one = arith::ConstantIndexOp::create(builder, loc, 1);
  SmallVector<Value> uppers;
  for (int64_t size : shape.drop_back())
    uppers.push_back(arith::ConstantIndexOp::create(builder, loc, size));
  for (Value upper : uppers) {
    auto loop = scf::ForOp::create(builder, loc, zero, upper, one);
    builder.setInsertionPointToStart(loop.getBody());
    offsets.push_back(loop.getInductionVar());
    sizes.push_back(builder.getIndexAttr(1));
    strides.push_back(builder.getIndexAttr(1));
  }
  offsets.push_back(builder.getIndexAttr(0));
  sizes.push_back(builder.getIndexAttr(rowLength));
  strides.push_back(builder.getIndexAttr(1));
  auto row = [&](Value buffer, MemRefType type) -> Value {
    auto rowType = memref::SubViewOp::inferRankReducedResultType(
        {rowLength}, type, offsets, sizes, strides);
    return memref::SubViewOp::create(builder, loc, cast<MemRefType>(rowType),
                                     buffer, offsets, sizes, strides);
  };
  Value sourceRow = row(copy.getSource(), sourceType);
  Value targetRow = row(copy.getTarget(), targetType);
  memref::CopyOp::create(builder, loc, sourceRow, targetRow);
}

/// Whether `a` and `b` are the same memory: one value, or subviews with the
/// same offsets, sizes and strides of the same memory.
bool sameView(Value a, Value b) {
  if (a == b)
    return true;
  auto viewA = a.getDefiningOp<memref::SubViewOp>();
  auto viewB = b.getDefiningOp<memref::SubViewOp>();
  return viewA && viewB && viewA.getType() == viewB.getType() &&
         sameView(viewA.getSource(), viewB.getSource()) &&
         viewA.getStaticOffsets() == viewB.getStaticOffsets() &&
         viewA.getStaticSizes() == viewB.getStaticSizes() &&
         viewA.getStaticStrides() == viewB.getStaticStrides() &&
         viewA.getOffsets() == viewB.getOffsets() &&
         viewA.getSizes() == viewB.getSizes() &&
         viewA.getStrides() == viewB.getStrides();
}

struct LowerStridedCopiesPass
    : tfc::impl::LowerStridedCopiesBase<LowerStridedCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies, selfCopies;
    getOperation().walk([&](memref::CopyOp copy) {
      if (sameView(copy.getSource(), copy.getTarget())) {
        selfCopies.push_back(copy);
        return;
      }
      auto source = dyn_cast<MemRefType>(copy.getSource().getType());
      auto target = dyn_cast<MemRefType>(copy.getTarget().getType());
      if (!source || !target || !isContiguous(source) || !isContiguous(target))
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : selfCopies)
      copy.erase();
    OpBuilder builder(&getContext());
    for (memref::CopyOp copy : copies) {
      builder.setInsertionPoint(copy);
      auto source = dyn_cast<MemRefType>(copy.getSource().getType());
      auto target = dyn_cast<MemRefType>(copy.getTarget().getType());
      if (source && target && hasContiguousRows(source) &&
          hasContiguousRows(target))
        copyRowByRow(builder, copy);
      else
        linalg::CopyOp::create(builder, copy.getLoc(), copy.getSource(),
                               copy.getTarget());
      copy.erase();
    }
  }
};
} // namespace
