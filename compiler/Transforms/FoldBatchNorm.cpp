//===- FoldBatchNorm.cpp - the tfc-fold-batch-norm pass -------------------===//
//
// Inference batch norm is a per-channel affine map, y = x * k + b. When x is
// a convolution or matmul with constant weights, k multiplies into the
// weights and b becomes a bias, so the normalization costs nothing at run
// time (TensorFlow's fold_batch_norms graph transform and the TFLite
// converter do the same). Besides tfc.batch_norm, this folds the unfused
// arithmetic that tf.nn.batch_normalization leaves in older graphs (Google's
// MobileNet releases, Keras exports): a Mul by a per-channel constant, then
// an Add or Sub of one.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mlir::tfc {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

//===----------------------------------------------------------------------===//
// Constants as doubles
//===----------------------------------------------------------------------===//

// Folded values are computed in double from the exact (widened) constants and
// rounded once to the element type when the new constant is built, so a fold
// adds at most one rounding per weight, whatever the chain of factors.

bool isFoldableElementType(Type type) {
  Type element = getElementTypeOrSelf(type);
  return element.isF32() || element.isF64();
}

/// The values of an f32 or f64 constant, widened to double.
SmallVector<double> toDoubles(DenseElementsAttr attr) {
  if (attr.getElementType().isF32()) {
    auto values = attr.getValues<float>();
    return SmallVector<double>(values.begin(), values.end());
  }
  auto values = attr.getValues<double>();
  return SmallVector<double>(values.begin(), values.end());
}

/// A constant of `type` (f32 or f64) holding `values`, each rounded once to
/// the element type.
DenseElementsAttr fromDoubles(ShapedType type, ArrayRef<double> values) {
  if (type.getElementType().isF32()) {
    SmallVector<float> narrowed = llvm::to_vector(llvm::map_range(
        values, [](double value) { return static_cast<float>(value); }));
    return DenseElementsAttr::get(type, ArrayRef<float>(narrowed));
  }
  return DenseElementsAttr::get(type, values);
}

//===----------------------------------------------------------------------===//
// Matching
//===----------------------------------------------------------------------===//

/// A convolution or matmul with constant weights whose result has no other
/// user, so its weights may change. Weight element `i` feeds output channel
/// `(i / inner) % channels`: conv2d filters are [h, w, in, out]; depthwise
/// filters are [h, w, c, m], whose output channel is c * m_size + m, so the
/// last two axes together are the channel; matmul's b is [K, N], or [N, K]
/// with transpose_b.
struct Contraction {
  Operation *op = nullptr;
  DenseElementsAttr weights;
  int64_t channels = 0;
  int64_t inner = 1;
};

/// The value a per-channel scale and offset fold into: a contraction,
/// optionally followed by a bias_add of a constant.
struct Chain {
  Contraction contraction;
  BiasAddOp biasAdd;        // null when the contraction is used directly
  SmallVector<double> bias; // biasAdd's bias, when there is one

  Type getElementType() const { return contraction.weights.getElementType(); }
};

/// The contraction defining `value`, if its weights (operand 1) can absorb a
/// factor per output channel.
std::optional<Contraction> matchContraction(Value value) {
  Operation *op = value.getDefiningOp();
  if (!op || !value.hasOneUse() || !isFoldableElementType(value.getType()) ||
      !isa<Conv2DOp, DepthwiseConv2DOp, MatMulOp>(op))
    return std::nullopt;
  Contraction contraction;
  contraction.op = op;
  if (!matchPattern(op->getOperand(1), m_Constant(&contraction.weights)) ||
      contraction.weights.getElementType() !=
          getElementTypeOrSelf(value.getType()))
    return std::nullopt;
  ArrayRef<int64_t> shape = contraction.weights.getType().getShape();
  if (isa<Conv2DOp>(op) && shape.size() == 4) {
    contraction.channels = shape[3];
  } else if (isa<DepthwiseConv2DOp>(op) && shape.size() == 4) {
    contraction.channels = shape[2] * shape[3];
  } else if (auto matmul = dyn_cast<MatMulOp>(op);
             matmul && shape.size() == 2) {
    contraction.channels = matmul.getTransposeB() ? shape[0] : shape[1];
    contraction.inner = matmul.getTransposeB() ? shape[1] : 1;
  } else {
    return std::nullopt;
  }
  return contraction;
}

/// The chain defining `value`, whose only user is the op being folded.
std::optional<Chain> matchChain(Value value) {
  if (!value.hasOneUse())
    return std::nullopt;
  Chain chain;
  DenseElementsAttr bias;
  if (auto biasAdd = value.getDefiningOp<BiasAddOp>()) {
    // NCHW adds the bias along axis 1, not the contraction's channel axis.
    if (biasAdd.getDataFormat() != DataFormat::NHWC ||
        !matchPattern(biasAdd.getBias(), m_Constant(&bias)))
      return std::nullopt;
    chain.biasAdd = biasAdd;
    value = biasAdd.getValue();
  }
  std::optional<Contraction> contraction = matchContraction(value);
  if (!contraction)
    return std::nullopt;
  chain.contraction = *contraction;
  if (bias) {
    if (bias.getElementType() != chain.getElementType() ||
        bias.getNumElements() != contraction->channels)
      return std::nullopt;
    chain.bias = toDoubles(bias);
  }
  return chain;
}

/// The values of `vector` per channel, if it is a constant of `elementType`
/// that varies along the channel (innermost) axis only: a splat, or of shape
/// [channels] with any number of leading 1s.
std::optional<SmallVector<double>>
matchPerChannel(Value vector, int64_t channels, Type elementType) {
  DenseElementsAttr attr;
  if (!matchPattern(vector, m_Constant(&attr)) ||
      attr.getElementType() != elementType)
    return std::nullopt;
  if (attr.isSplat()) {
    double value = elementType.isF32() ? attr.getSplatValue<float>()
                                       : attr.getSplatValue<double>();
    return SmallVector<double>(channels, value);
  }
  ArrayRef<int64_t> shape = attr.getType().getShape();
  if (shape.empty() || shape.back() != channels ||
      !llvm::all_of(shape.drop_back(), [](int64_t size) { return size == 1; }))
    return std::nullopt;
  return toDoubles(attr);
}

//===----------------------------------------------------------------------===//
// Rewriting
//===----------------------------------------------------------------------===//

/// Replaces `root`, the only user of `chain`, by the chain's contraction with
/// its weights scaled per channel by `scale` (unless empty) followed by a
/// bias_add of `bias` (unless empty).
void rewriteChain(PatternRewriter &rewriter, Operation *root,
                  const Chain &chain, ArrayRef<double> scale,
                  ArrayRef<double> bias) {
  const Contraction &contraction = chain.contraction;
  Value result = contraction.op->getResult(0);
  if (!scale.empty()) {
    SmallVector<double> weights = toDoubles(contraction.weights);
    for (auto [index, weight] : llvm::enumerate(weights))
      weight *= scale[(index / contraction.inner) % contraction.channels];
    Value oldWeights = contraction.op->getOperand(1);
    rewriter.setInsertionPoint(contraction.op);
    Value newWeights =
        ConstOp::create(rewriter, oldWeights.getLoc(),
                        fromDoubles(contraction.weights.getType(), weights));
    // Only the weights operand changes: the same constant may also be the
    // other operand (MatMul(c, c)), which must keep its values.
    Operation *scaled = rewriter.clone(*contraction.op);
    scaled->setOperand(1, newWeights);
    result = scaled->getResult(0);
  }
  if (!bias.empty()) {
    rewriter.setInsertionPoint(root);
    auto biasType = RankedTensorType::get({static_cast<int64_t>(bias.size())},
                                          chain.getElementType());
    Value biasValue =
        ConstOp::create(rewriter, root->getLoc(), fromDoubles(biasType, bias));
    result = BiasAddOp::create(rewriter, root->getLoc(), result, biasValue);
  }
  rewriter.replaceOp(root, result);
  if (chain.biasAdd)
    rewriter.eraseOp(chain.biasAdd);
  if (!scale.empty())
    rewriter.eraseOp(contraction.op);
}

/// batch_norm(chain, scale, offset, mean, variance) with constant vectors:
/// k = scale / sqrt(variance + epsilon) scales the weights, and the bias
/// becomes (b - mean) * k + offset (b = 0 without a bias_add).
struct FoldBatchNormOp : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<Chain> chain = matchChain(op.getX());
    if (!chain)
      return rewriter.notifyMatchFailure(
          op, "x is not a single-use contraction with constant weights");
    int64_t channels = chain->contraction.channels;
    Type elementType = chain->getElementType();
    auto scale = matchPerChannel(op.getScale(), channels, elementType);
    auto offset = matchPerChannel(op.getOffset(), channels, elementType);
    auto mean = matchPerChannel(op.getMean(), channels, elementType);
    auto variance = matchPerChannel(op.getVariance(), channels, elementType);
    if (!scale || !offset || !mean || !variance)
      return rewriter.notifyMatchFailure(
          op, "scale, offset, mean and variance are not constant vectors");
    double epsilon = op.getEpsilon().convertToDouble();
    SmallVector<double> k(channels), bias(channels);
    for (int64_t c = 0; c < channels; ++c) {
      k[c] = (*scale)[c] / std::sqrt((*variance)[c] + epsilon);
      double b = chain->biasAdd ? chain->bias[c] : 0.0;
      bias[c] = (b - (*mean)[c]) * k[c] + (*offset)[c];
    }
    rewriteChain(rewriter, op, *chain, k, bias);
    return success();
  }
};

/// Mul(chain, s) with s constant per channel, either operand order: s scales
/// the weights and the bias, if any.
struct FoldMulIntoWeights : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [value, factor] :
         {std::pair(op.getX(), op.getY()), std::pair(op.getY(), op.getX())}) {
      // A factor of a larger shape would broadcast the product.
      if (value.getType() != op.getType())
        continue;
      std::optional<Chain> chain = matchChain(value);
      if (!chain)
        continue;
      std::optional<SmallVector<double>> scale = matchPerChannel(
          factor, chain->contraction.channels, chain->getElementType());
      if (!scale)
        continue;
      SmallVector<double> bias;
      if (chain->biasAdd)
        for (auto [b, s] : llvm::zip(chain->bias, *scale))
          bias.push_back(b * s);
      rewriteChain(rewriter, op, *chain, *scale, bias);
      return success();
    }
    return rewriter.notifyMatchFailure(
        op, "not a single-use contraction times a per-channel constant");
  }
};

/// Add(chain, t), Add(t, chain) or Sub(chain, t) with t constant per channel:
/// t becomes (or joins) the bias.
template <typename OpTy> struct FoldOffsetIntoBias : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    constexpr bool isSub = std::is_same_v<OpTy, SubOp>;
    SmallVector<std::pair<Value, Value>, 2> orders = {{op.getX(), op.getY()}};
    if (!isSub)
      orders.push_back({op.getY(), op.getX()});
    for (auto [value, term] : orders) {
      if (value.getType() != op.getType())
        continue;
      std::optional<Chain> chain = matchChain(value);
      if (!chain)
        continue;
      std::optional<SmallVector<double>> offset = matchPerChannel(
          term, chain->contraction.channels, chain->getElementType());
      if (!offset)
        continue;
      SmallVector<double> bias = *offset;
      for (auto [index, b] : llvm::enumerate(bias)) {
        double existing = chain->biasAdd ? chain->bias[index] : 0.0;
        b = isSub ? existing - b : existing + b;
      }
      rewriteChain(rewriter, op, *chain, /*scale=*/{}, bias);
      return success();
    }
    return rewriter.notifyMatchFailure(
        op, "not a single-use contraction plus a per-channel constant");
  }
};

struct FoldBatchNormPass : tfc::impl::FoldBatchNormBase<FoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNormOp, FoldMulIntoWeights, FoldOffsetIntoBias<AddOp>,
                 FoldOffsetIntoBias<SubOp>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
