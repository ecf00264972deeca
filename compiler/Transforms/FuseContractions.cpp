//===- FuseContractions.cpp - the tfc-fuse-contractions pass --------------===//
//
// A convolution or matmul is almost always followed by a per-channel bias,
// often by a residual Add and an activation. Unfused, each of those reads and
// writes the whole result again; fused into one tfc op, lowering starts the
// contraction's accumulator at the bias and applies the rest in one in-place
// pass (TensorFlow's grappler remapper forms _FusedConv2D for the same
// reason). The chain is followed only through values nothing else uses, so
// every value the graph still needs is still computed.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_FUSECONTRACTIONS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// The only user of `value`, when it has exactly one use and that user sits
/// in the same block as `anchor` (so the fused op can take its place).
Operation *getSoleUser(Value value, Operation *anchor) {
  if (!value.hasOneUse())
    return nullptr;
  Operation *user = *value.getUsers().begin();
  return user->getBlock() == anchor->getBlock() ? user : nullptr;
}

/// The operand of binary `op` other than `value`; null when both are it.
Value getOtherOperand(Operation *op, Value value) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  if (lhs == rhs)
    return {};
  return lhs == value ? rhs : lhs;
}

/// Whether `bias` is a static 1-D vector with one element per channel (the
/// innermost axis) of `resultType`.
bool isChannelVector(Value bias, RankedTensorType resultType) {
  auto type = dyn_cast<RankedTensorType>(bias.getType());
  return type && type.getRank() == 1 && type.hasStaticShape() &&
         type.getElementType() == resultType.getElementType() &&
         type.getDimSize(0) == resultType.getShape().back();
}

/// The bias that `user` adds to `value` along the channel axis: an NHWC
/// BiasAdd, or an Add of a constant per-channel vector. Null otherwise.
Value matchBias(Operation *user, Value value, RankedTensorType resultType) {
  // The user may have no result at all: the return of a fetched contraction.
  if (user->getNumResults() != 1 || user->getResult(0).getType() != resultType)
    return {};
  if (auto biasAdd = dyn_cast<BiasAddOp>(user)) {
    if (biasAdd.getValue() != value ||
        biasAdd.getDataFormat() != DataFormat::NHWC ||
        !isChannelVector(biasAdd.getBias(), resultType))
      return {};
    return biasAdd.getBias();
  }
  if (!isa<AddOp>(user))
    return {};
  Value bias = getOtherOperand(user, value);
  if (!bias || !matchPattern(bias, m_Constant()) ||
      !isChannelVector(bias, resultType))
    return {};
  return bias;
}

/// The tensor of the result's own type that Add `user` adds to `value`.
Value matchResidual(Operation *user, Value value, RankedTensorType resultType) {
  if (!isa<AddOp>(user) || user->getResult(0).getType() != resultType)
    return {};
  Value residual = getOtherOperand(user, value);
  if (!residual || residual.getType() != resultType)
    return {};
  return residual;
}

/// The activation `user` applies, with LeakyRelu's alpha (null otherwise).
std::optional<std::pair<Activation, FloatAttr>>
matchActivation(Operation *user) {
  using Result = std::optional<std::pair<Activation, FloatAttr>>;
  return llvm::TypeSwitch<Operation *, Result>(user)
      .Case([](ReluOp) { return std::pair(Activation::Relu, FloatAttr()); })
      .Case([](Relu6Op) { return std::pair(Activation::Relu6, FloatAttr()); })
      .Case([](EluOp) { return std::pair(Activation::Elu, FloatAttr()); })
      .Case(
          [](SigmoidOp) { return std::pair(Activation::Sigmoid, FloatAttr()); })
      .Case([](TanhOp) { return std::pair(Activation::Tanh, FloatAttr()); })
      .Case([](LeakyReluOp op) {
        return std::pair(Activation::LeakyRelu, op.getAlphaAttr());
      })
      .Default([](Operation *) { return std::nullopt; });
}

/// Replaces `Contraction [-> bias] [-> Add residual] [-> activation]` (one
/// of them at least) by one `Fused` op that has the contraction's operands
/// and attributes, then the bias (zeros when there is none), the residual
/// and the activation.
template <typename Contraction, typename Fused>
struct FuseContraction : OpRewritePattern<Contraction> {
  using OpRewritePattern<Contraction>::OpRewritePattern;

  LogicalResult matchAndRewrite(Contraction op,
                                PatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!resultType || !resultType.hasStaticShape() ||
        !isa<FloatType>(resultType.getElementType()))
      return rewriter.notifyMatchFailure(op, "not a static float tensor");

    // The ops being fused, in order; each one's result has only the next one
    // as its user.
    SmallVector<Operation *> chain = {op};
    Value current = op.getResult();
    auto append = [&](Operation *fusedOp) {
      chain.push_back(fusedOp);
      current = fusedOp->getResult(0);
    };

    Operation *user = getSoleUser(current, op);
    Value bias = user ? matchBias(user, current, resultType) : Value();
    if (bias) {
      append(user);
      user = getSoleUser(current, op);
    }
    Value residual = user ? matchResidual(user, current, resultType) : Value();
    if (residual)
      append(user);
    user = getSoleUser(current, op);
    std::optional<std::pair<Activation, FloatAttr>> activation =
        user ? matchActivation(user) : std::nullopt;
    if (activation)
      append(user);
    if (chain.size() == 1)
      return rewriter.notifyMatchFailure(
          op, "the only user is no bias, residual Add or activation");
    // Without a bias the fused op adds zeros, which changes no sum: one that
    // starts at +0 is never -0.
    if (!bias) {
      rewriter.setInsertionPoint(op);
      auto biasType = RankedTensorType::get({resultType.getShape().back()},
                                            resultType.getElementType());
      bias = ConstOp::create(
          rewriter, op.getLoc(),
          DenseElementsAttr::get(
              biasType, rewriter.getZeroAttr(resultType.getElementType())));
    }

    SmallVector<Value> operands(op->getOperands());
    operands.push_back(bias);
    if (residual)
      operands.push_back(residual);
    SmallVector<Location> locations = llvm::map_to_vector(
        chain, [](Operation *fusedOp) { return fusedOp->getLoc(); });

    // The fused op takes the place of the last op: every operand it reads
    // (the residual included) is defined before that.
    rewriter.setInsertionPoint(chain.back());
    auto fused = Fused::create(rewriter, rewriter.getFusedLoc(locations),
                               operands, op->getAttrs());
    if (activation) {
      fused.setActivation(activation->first);
      if (activation->second)
        fused.setAlphaAttr(activation->second);
    }
    rewriter.replaceOp(chain.back(), fused);
    for (Operation *dead : llvm::reverse(ArrayRef(chain).drop_back()))
      rewriter.eraseOp(dead);
    return success();
  }
};

struct FuseContractionsPass
    : tfc::impl::FuseContractionsBase<FuseContractionsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseContraction<Conv2DOp, FusedConv2DOp>,
                 FuseContraction<DepthwiseConv2DOp, FusedDepthwiseConv2DOp>,
                 FuseContraction<MatMulOp, FusedMatMulOp>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
