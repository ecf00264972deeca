//===- FoldPadIntoWindow.cpp - zero Pad into the convolution after it -----===//
//
// The tfc-fold-pad-into-window pass: conv(pad(x, p), VALID or EXPLICIT e)
// becomes conv(x, EXPLICIT e + p) when p pads only the spatial axes with
// zeros. The convolution's zero padding and the Pad's zeros are the same
// values, so the result is unchanged.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_FOLDPADINTOWINDOW
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// [top, bottom, left, right] of a Pad of an NHWC tensor that pads only
/// height and width, with zeros; nothing otherwise.
std::optional<SmallVector<int64_t>> spatialZeroPadding(PadOp pad) {
  if (Value value = pad.getConstantValues()) {
    DenseElementsAttr values;
    if (!matchPattern(value, m_Constant(&values)) || !values.isSplat() ||
        !isa<FloatType>(values.getElementType()) ||
        !values.getSplatValue<APFloat>().isPosZero())
      return std::nullopt;
  }
  DenseIntElementsAttr paddings;
  if (!matchPattern(pad.getPaddings(), m_Constant(&paddings)) ||
      paddings.getNumElements() != 8)
    return std::nullopt;
  SmallVector<int64_t> p;
  for (const APInt &value : paddings.getValues<APInt>())
    p.push_back(value.getSExtValue());
  if (p[0] || p[1] || p[6] || p[7] ||
      llvm::any_of(p, [](int64_t v) { return v < 0; }))
    return std::nullopt;
  return SmallVector<int64_t>{p[2], p[3], p[4], p[5]};
}

template <typename ConvOp> struct FoldPad : OpRewritePattern<ConvOp> {
  using OpRewritePattern<ConvOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvOp conv,
                                PatternRewriter &rewriter) const override {
    auto pad = conv.getInput().template getDefiningOp<PadOp>();
    if (!pad || conv.getPadding() == Padding::Same)
      return failure();
    std::optional<SmallVector<int64_t>> added = spatialZeroPadding(pad);
    if (!added)
      return failure();
    SmallVector<int64_t> pads(4, 0);
    if (conv.getPadding() == Padding::Explicit)
      pads.assign(conv.getExplicitPaddings().begin(),
                  conv.getExplicitPaddings().end());
    if (pads.size() != 4)
      return failure();
    for (int i = 0; i < 4; ++i)
      if (llvm::AddOverflow(pads[i], (*added)[i], pads[i]))
        return failure();
    rewriter.modifyOpInPlace(conv, [&] {
      conv.getInputMutable().assign(pad.getInput());
      conv.setPadding(Padding::Explicit);
      conv.setExplicitPaddings(pads);
    });
    return success();
  }
};

struct FoldPadIntoWindowPass
    : tfc::impl::FoldPadIntoWindowBase<FoldPadIntoWindowPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldPad<Conv2DOp>, FoldPad<DepthwiseConv2DOp>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
