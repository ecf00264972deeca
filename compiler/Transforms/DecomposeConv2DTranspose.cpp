//===- DecomposeConv2DTranspose.cpp - transposed conv as a tfc.conv2d -----===//
//
// The tfc-decompose-conv2d-transpose pass: a transposed convolution becomes
// the stride-1 tfc.conv2d that the lowering of tfc.conv2d_transpose builds in
// linalg (Convolution.cpp), written in tfc ops so that the optimizer's
// passes after it (batch norm folding, bias and activation fusion, the
// runtime's convolution kernels) see an ordinary convolution.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCContractions.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <cstring>

namespace mlir::tfc {
#define GEN_PASS_DEF_DECOMPOSECONV2DTRANSPOSE
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

Value constantI64(PatternRewriter &rewriter, Location loc,
                  ArrayRef<int64_t> shape, ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get(shape, rewriter.getI64Type());
  return ConstOp::create(rewriter, loc,
                         DenseIntElementsAttr::get(type, values));
}

/// filter [h, w, in, out] flipped in height and width, with in and out
/// swapped: [h, w, out, in]. Computed here for a constant filter (so that
/// the kernels take it as weights), else a reversing StridedSlice and a
/// Transpose.
Value flipFilter(PatternRewriter &rewriter, Location loc, Value filter) {
  auto type = cast<RankedTensorType>(filter.getType());
  ArrayRef<int64_t> f = type.getShape();
  auto flippedType =
      RankedTensorType::get({f[0], f[1], f[3], f[2]}, type.getElementType());
  DenseElementsAttr values;
  if (matchPattern(filter, m_Constant(&values))) {
    if (values.isSplat())
      return ConstOp::create(rewriter, loc, values.resizeSplat(flippedType));
    ArrayRef<char> raw = values.getRawData();
    int64_t bytes = type.getElementTypeBitWidth() / 8;
    std::vector<char> flipped(raw.size());
    for (int64_t h = 0; h < f[0]; ++h)
      for (int64_t w = 0; w < f[1]; ++w)
        for (int64_t i = 0; i < f[2]; ++i)
          for (int64_t o = 0; o < f[3]; ++o) {
            int64_t from = ((h * f[1] + w) * f[2] + i) * f[3] + o;
            int64_t to =
                (((f[0] - 1 - h) * f[1] + (f[1] - 1 - w)) * f[3] + o) * f[2] +
                i;
            std::memcpy(&flipped[to * bytes], &raw[from * bytes], bytes);
          }
    return ConstOp::create(
        rewriter, loc,
        DenseElementsAttr::getFromRawBuffer(flippedType, flipped));
  }
  Value zeros = constantI64(rewriter, loc, {4}, {0, 0, 0, 0});
  Value reversed = StridedSliceOp::create(
      rewriter, loc, filter, zeros, zeros,
      constantI64(rewriter, loc, {4}, {-1, -1, 1, 1}), /*begin_mask=*/15,
      /*end_mask=*/15, 0, 0, 0);
  return TransposeOp::create(rewriter, loc, reversed,
                             constantI64(rewriter, loc, {4}, {0, 1, 3, 2}));
}

struct DecomposeConv2DTranspose : OpRewritePattern<Conv2DTransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2DTransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    auto filterType = dyn_cast<RankedTensorType>(op.getFilter().getType());
    auto backpropType =
        dyn_cast<RankedTensorType>(op.getOutBackprop().getType());
    if (!resultType || !filterType || !backpropType ||
        !resultType.hasStaticShape() || !filterType.hasStaticShape() ||
        !backpropType.hasStaticShape())
      return failure();
    WindowAttrs window = WindowAttrs::of(op);
    ArrayRef<int64_t> kernel = filterType.getShape().take_front(2);
    FailureOr<std::array<WindowAxis, 2>> forward =
        computeSpatialWindows(resultType.getShape(), kernel, window);
    if (failed(forward))
      return failure();
    Location loc = op.getLoc();
    ArrayRef<int64_t> dy = backpropType.getShape();

    // out_backprop's rows and columns go `stride` apart (below): row o at
    // o * stride, stride - 1 zeros after each. In the input of the stride-1
    // convolution, of the result's size plus the dilated kernel's span, row
    // o must sit at span - padBefore + o * stride: the convolution pads
    // where that is positive; where negative, rows that lay wholly in the
    // forward convolution's padding are cut off first.
    int64_t sh = window.strides[0], sw = window.strides[1];
    std::optional<int64_t> spreadH = llvm::checkedMul(dy[1], sh);
    std::optional<int64_t> spreadW = llvm::checkedMul(dy[2], sw);
    if (!spreadH || !spreadW)
      return failure();
    SmallVector<int64_t> spreadShape = {dy[0], *spreadH, *spreadW, dy[3]};
    SmallVector<int64_t> begin(4, 0), size(spreadShape), pads;
    bool crops = false;
    for (int axis = 0; axis < 2; ++axis) {
      int64_t span = (kernel[axis] - 1) * window.dilations[axis];
      int64_t before = span - (*forward)[axis].padBefore;
      int64_t after = resultType.getDimSize(1 + axis) + span - before -
                      spreadShape[1 + axis];
      begin[1 + axis] = std::max<int64_t>(-before, 0);
      size[1 + axis] -= begin[1 + axis] + std::max<int64_t>(-after, 0);
      crops |= before < 0 || after < 0;
      pads.push_back(std::max<int64_t>(before, 0));
      pads.push_back(std::max<int64_t>(after, 0));
    }
    // The zeros after the last row keep at least one row: the forward
    // convolution's last window starts inside its padded input.
    if (size[1] <= 0 || size[2] <= 0)
      return failure();
    // The spreading: a reshape to [n, oh, 1, ow, 1, c], a zero Pad, a
    // reshape back.
    Value spread = op.getOutBackprop();
    if (sh > 1 || sw > 1) {
      SmallVector<int64_t> split = {dy[0], dy[1], 1, dy[2], 1, dy[3]};
      spread = ReshapeOp::create(rewriter, loc, spread,
                                 constantI64(rewriter, loc, {6}, split));
      spread = PadOp::create(
          rewriter, loc, spread,
          constantI64(rewriter, loc, {6, 2},
                      {0, 0, 0, 0, 0, sh - 1, 0, 0, 0, sw - 1, 0, 0}),
          Value());
      spread = ReshapeOp::create(rewriter, loc, spread,
                                 constantI64(rewriter, loc, {4}, spreadShape));
    }
    if (crops)
      spread = SliceOp::create(rewriter, loc, spread,
                               constantI64(rewriter, loc, {4}, begin),
                               constantI64(rewriter, loc, {4}, size));

    Value flipped = flipFilter(rewriter, loc, op.getFilter());
    bool padded = llvm::any_of(pads, [](int64_t p) { return p != 0; });
    // Its output has the spread size plus the pads less the span: the
    // result's.
    rewriter.replaceOpWithNewOp<Conv2DOp>(
        op, spread, flipped, ArrayRef<int64_t>{1, 1}, window.dilations,
        padded ? Padding::Explicit : Padding::Valid,
        padded ? ArrayRef<int64_t>(pads) : ArrayRef<int64_t>());
    return success();
  }
};

struct DecomposeConv2DTransposePass
    : tfc::impl::DecomposeConv2DTransposeBase<DecomposeConv2DTransposePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DecomposeConv2DTranspose>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
