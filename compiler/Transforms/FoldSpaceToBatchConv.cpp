//===- FoldSpaceToBatchConv.cpp - SpaceToBatch conv into a dilated conv ---===//
//
// The tfc-fold-space-to-batch-conv pass: TensorFlow 1's tf.nn.convolution
// and Keras write a dilated convolution as
//   BatchToSpaceND(Conv(SpaceToBatchND(x, block, pads), VALID), block, crops)
// (for Conv1D with an ExpandDims before the convolution and a Squeeze after
// it). That is a convolution with dilation `block` and padding
// pads - crops on each side, which this pass writes instead: no blocked
// copies in and out, and one convolution over the whole batch.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_FOLDSPACETOBATCHCONV
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// The one user of `value`, if it has exactly one.
Operation *soleUser(Value value) {
  return value.hasOneUse() ? *value.getUsers().begin() : nullptr;
}

/// The chain between the two blocked ops: an optional ExpandDims, the
/// convolution, an optional Squeeze of the same axis.
template <typename ConvOp> struct BlockedChain {
  ExpandDimsOp expand;
  ConvOp conv;
  SqueezeOp squeeze;
  /// The axis ExpandDims inserts (in the convolution's rank-4 tensors), or
  /// -1 without one.
  int64_t insertedAxis = -1;
};

/// The axis of a rank-4 tensor that `expand` inserts, if its `dim` is a
/// constant.
std::optional<int64_t> insertedAxisOf(ExpandDimsOp expand) {
  std::optional<SmallVector<int64_t>> dim = getConstantInts(expand.getDim());
  if (!dim || dim->size() != 1)
    return std::nullopt;
  int64_t axis = (*dim)[0] < 0 ? (*dim)[0] + 4 : (*dim)[0];
  if (axis < 0 || axis > 3)
    return std::nullopt;
  return axis;
}

/// Whether `squeeze` removes exactly `axis` of its rank-4 input.
bool squeezesOnly(SqueezeOp squeeze, int64_t axis) {
  ArrayRef<int64_t> dims = squeeze.getSqueezeDims();
  return dims.size() == 1 && (dims[0] < 0 ? dims[0] + 4 : dims[0]) == axis;
}

template <typename ConvOp>
std::optional<BlockedChain<ConvOp>> matchChain(SpaceToBatchNDOp toBatch,
                                               BatchToSpaceNDOp toSpace) {
  BlockedChain<ConvOp> chain;
  Operation *user = soleUser(toBatch.getOutput());
  if ((chain.expand = dyn_cast_or_null<ExpandDimsOp>(user))) {
    std::optional<int64_t> axis = insertedAxisOf(chain.expand);
    if (!axis)
      return std::nullopt;
    chain.insertedAxis = *axis;
    user = soleUser(chain.expand.getOutput());
  }
  chain.conv = dyn_cast_or_null<ConvOp>(user);
  if (!chain.conv || chain.conv.getInput() != user->getOperand(0) ||
      chain.conv.getPadding() != Padding::Valid ||
      llvm::any_of(chain.conv.getStrides(), [](int64_t s) { return s != 1; }) ||
      llvm::any_of(chain.conv.getDilations(), [](int64_t d) { return d != 1; }))
    return std::nullopt;
  Value convResult = chain.conv.getOutput();
  if (chain.expand) {
    chain.squeeze = dyn_cast_or_null<SqueezeOp>(soleUser(convResult));
    if (!chain.squeeze || !squeezesOnly(chain.squeeze, chain.insertedAxis))
      return std::nullopt;
    convResult = chain.squeeze.getOutput();
  }
  if (!convResult.hasOneUse() || toSpace.getInput() != convResult)
    return std::nullopt;
  return chain;
}

/// conv's dilations and [top, bottom, left, right] paddings from the blocked
/// ops' spatial axes (1..M of the tensor before ExpandDims), or nothing when
/// they do not map onto height and width or a pad would be negative.
std::optional<std::pair<SmallVector<int64_t>, SmallVector<int64_t>>>
windowOf(ArrayRef<int64_t> block, ArrayRef<int64_t> pads,
         ArrayRef<int64_t> crops, int64_t insertedAxis) {
  SmallVector<int64_t> dilations = {1, 1};
  SmallVector<int64_t> paddings = {0, 0, 0, 0};
  for (auto [i, size] : llvm::enumerate(block)) {
    int64_t axis = static_cast<int64_t>(i) + 1;
    if (insertedAxis >= 0 && axis >= insertedAxis)
      ++axis;
    if (axis != 1 && axis != 2)
      return std::nullopt;
    int64_t before = pads[2 * i] - crops[2 * i];
    int64_t after = pads[2 * i + 1] - crops[2 * i + 1];
    if (size < 1 || before < 0 || after < 0)
      return std::nullopt;
    dilations[axis - 1] = size;
    paddings[2 * (axis - 1)] = before;
    paddings[2 * (axis - 1) + 1] = after;
  }
  return std::make_pair(dilations, paddings);
}

template <typename ConvOp>
struct FoldBlockedConv : OpRewritePattern<BatchToSpaceNDOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchToSpaceNDOp toSpace,
                                PatternRewriter &rewriter) const override {
    Operation *producer = toSpace.getInput().getDefiningOp();
    while (producer && isa<SqueezeOp, ConvOp>(producer))
      producer = producer->getOperand(0).getDefiningOp();
    if (auto expand = dyn_cast_or_null<ExpandDimsOp>(producer))
      producer = expand.getInput().getDefiningOp();
    auto toBatch = dyn_cast_or_null<SpaceToBatchNDOp>(producer);
    if (!toBatch)
      return failure();
    std::optional<SmallVector<int64_t>> block =
        getConstantInts(toBatch.getBlockShape());
    std::optional<SmallVector<int64_t>> outBlock =
        getConstantInts(toSpace.getBlockShape());
    std::optional<SmallVector<int64_t>> pads =
        getConstantInts(toBatch.getPaddings());
    std::optional<SmallVector<int64_t>> crops =
        getConstantInts(toSpace.getCrops());
    if (!block || !outBlock || !pads || !crops || *block != *outBlock ||
        pads->size() != 2 * block->size() || crops->size() != pads->size())
      return failure();
    std::optional<BlockedChain<ConvOp>> chain =
        matchChain<ConvOp>(toBatch, toSpace);
    if (!chain)
      return failure();
    auto window = windowOf(*block, *pads, *crops, chain->insertedAxis);
    if (!window)
      return failure();

    Value input = toBatch.getInput();
    SmallVector<Operation *> created;
    if (chain->expand) {
      input = ExpandDimsOp::create(rewriter, chain->expand.getLoc(), input,
                                   chain->expand.getDim());
      created.push_back(input.getDefiningOp());
    }
    Value result =
        ConvOp::create(rewriter, chain->conv.getLoc(), input,
                       chain->conv.getFilter(), chain->conv.getStrides(),
                       window->first, Padding::Explicit, window->second);
    created.push_back(result.getDefiningOp());
    if (chain->squeeze) {
      result = SqueezeOp::create(rewriter, chain->squeeze.getLoc(), result,
                                 chain->squeeze.getSqueezeDims());
      created.push_back(result.getDefiningOp());
    }
    // The sizes agree by construction; anything else (a type the blocked
    // ops left less precise) keeps the graph as it was.
    if (result.getType() != toSpace.getType()) {
      for (Operation *op : llvm::reverse(created))
        rewriter.eraseOp(op);
      return failure();
    }
    rewriter.replaceOp(toSpace, result);
    return success();
  }
};

struct FoldSpaceToBatchConvPass
    : tfc::impl::FoldSpaceToBatchConvBase<FoldSpaceToBatchConvPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBlockedConv<Conv2DOp>, FoldBlockedConv<DepthwiseConv2DOp>>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
