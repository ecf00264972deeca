//===- OpImporters.cpp - one importer per supported TensorFlow op ---------===//
//
// The table from TensorFlow op names to functions that build tfc ops. Each
// importer checks the node's inputs and attributes against TensorFlow's op
// definition, so a malformed node fails here, at the node, with its name.
// Placeholder, _Arg and _Retval are handled by the graph importer itself.
// This file holds the graph-structure, elementwise and linear algebra ops and
// assembles the table; other families add theirs (Import*.cpp).
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/NodeContext.h"

#include "dialects/TFC/IR/TFCOps.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {
using Values = SmallVector<Value>;

FailureOr<Values> importConst(NodeContext &ctx) {
  if (failed(ctx.expectInputs(0)))
    return failure();
  // One at a time: each accessor reports its own error, and a node gets one.
  FailureOr<ElementsAttr> value = ctx.getTensorAttr("value");
  if (failed(value))
    return failure();
  FailureOr<Type> dtype = ctx.getTypeAttr("dtype");
  if (failed(dtype))
    return failure();
  if (value->getElementType() != *dtype)
    return ctx.fail("the value's type " +
                    elementTypeName(value->getElementType()) +
                    " differs from attribute dtype " + elementTypeName(*dtype));
  return Values{ConstOp::create(ctx.builder, ctx.loc, *value)};
}

FailureOr<Values> importIdentity(NodeContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  // A variant is a TensorList, which tfc holds as a plain tensor.
  auto type = ctx.node.attr().find("T");
  bool variant = type != ctx.node.attr().end() &&
                 type->second.type() == tensorflow::DT_VARIANT;
  if (!variant && failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  return Values{IdentityOp::create(ctx.builder, ctx.loc, ctx.operands[0])};
}

FailureOr<Values> importNoOp(NodeContext &ctx) {
  if (failed(ctx.expectInputs(0)))
    return failure();
  NoOp::create(ctx.builder, ctx.loc);
  return Values{};
}

/// Elementwise binary ops: both inputs have type T; numpy broadcasting.
template <typename OpTy> FailureOr<Values> importBinary(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) ||
      failed(ctx.expectOperandTypes("T", {0, 1})))
    return failure();
  return Values{
      OpTy::create(ctx.builder, ctx.loc, ctx.operands[0], ctx.operands[1])};
}

/// RealDiv exists for integers in TensorFlow too, but only floats are
/// supported here; say so rather than fail in the verifier.
FailureOr<Values> importRealDiv(NodeContext &ctx) {
  FailureOr<Type> type = ctx.getTypeAttr("T");
  if (failed(type))
    return failure();
  if (!isa<FloatType>(*type))
    return ctx.fail("RealDiv is supported for floating-point types only, "
                    "not " +
                    elementTypeName(*type));
  return importBinary<RealDivOp>(ctx);
}

/// Elementwise unary ops with input type T.
template <typename OpTy> FailureOr<Values> importUnary(NodeContext &ctx) {
  if (failed(ctx.expectInputs(1)) || failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  return Values{OpTy::create(ctx.builder, ctx.loc, ctx.operands[0])};
}

/// Unary ops that TensorFlow defines for floating-point types only.
template <typename OpTy> FailureOr<Values> importFloatUnary(NodeContext &ctx) {
  FailureOr<Type> type = ctx.getTypeAttr("T");
  if (failed(type))
    return failure();
  if (!isa<FloatType>(*type))
    return ctx.fail("supported for floating-point types only, not " +
                    elementTypeName(*type));
  return importUnary<OpTy>(ctx);
}

/// Round on integers should be the identity, but TensorFlow 2.21 returns 0
/// for every element; no answer would match it, so it is refused.
FailureOr<Values> importRound(NodeContext &ctx) {
  FailureOr<Type> type = ctx.getTypeAttr("T");
  if (failed(type))
    return failure();
  if (!isa<FloatType>(*type))
    return ctx.fail("Round is supported for floating-point types only, not " +
                    elementTypeName(*type) +
                    " (TensorFlow returns 0 for integers)");
  return importUnary<RoundOp>(ctx);
}

template <typename OpTy> FailureOr<Values> importLogical(NodeContext &ctx) {
  size_t arity = std::is_same_v<OpTy, LogicalNotOp> ? 1 : 2;
  if (failed(ctx.expectInputs(arity)) ||
      failed(ctx.expectBoolOperands(arity == 1 ? ArrayRef<unsigned>{0}
                                               : ArrayRef<unsigned>{0, 1})))
    return failure();
  if constexpr (std::is_same_v<OpTy, LogicalNotOp>)
    return Values{OpTy::create(ctx.builder, ctx.loc, ctx.operands[0])};
  else
    return Values{
        OpTy::create(ctx.builder, ctx.loc, ctx.operands[0], ctx.operands[1])};
}

/// Comparisons of numbers; Equal and NotEqual compare booleans too. The
/// result is bool.
template <typename OpTy> FailureOr<Values> importCompare(NodeContext &ctx) {
  FailureOr<Type> type = ctx.getTypeAttr("T");
  if (failed(type) || failed(ctx.expectInputs(2)) ||
      failed(ctx.expectOperandTypes("T", {0, 1})))
    return failure();
  constexpr bool isEquality =
      std::is_same_v<OpTy, EqualOp> || std::is_same_v<OpTy, NotEqualOp>;
  if (type->isInteger(1) && !isEquality)
    return ctx.fail(ctx.node.op() + " is not defined for bool");
  FailureOr<bool> incompatibleShapeError =
      ctx.getBoolAttr("incompatible_shape_error", true);
  if (failed(incompatibleShapeError))
    return failure();
  if (!*incompatibleShapeError)
    return ctx.fail("incompatible_shape_error=false is not supported");
  return Values{
      OpTy::create(ctx.builder, ctx.loc, ctx.operands[0], ctx.operands[1])};
}

/// SelectV2 broadcasts condition, x and y. Select takes a condition of x's
/// shape, or a vector that picks whole rows of x: that one is reshaped to
/// [n, 1, ...] so that it broadcasts the same way.
FailureOr<Values> importSelect(NodeContext &ctx, bool v2) {
  if (failed(ctx.expectInputs(3)) ||
      failed(ctx.expectOperandTypes("T", {1, 2})) ||
      failed(ctx.expectBoolOperands({0})))
    return failure();
  Value condition = ctx.operands[0];
  auto conditionType = dyn_cast<RankedTensorType>(condition.getType());
  auto xType = dyn_cast<RankedTensorType>(ctx.operands[1].getType());
  if (!v2) {
    if (!conditionType || !xType || xType != ctx.operands[2].getType())
      return ctx.fail("x and y must have one static type");
    if (conditionType.getRank() == 1 && xType.getRank() > 1) {
      if (conditionType.getDimSize(0) != xType.getDimSize(0))
        return ctx.fail("a vector condition must have x's first dimension");
      SmallVector<int64_t> shape(xType.getRank(), 1);
      shape[0] = xType.getDimSize(0);
      condition = ReshapeOp::create(ctx.builder, ctx.loc, condition,
                                    ctx.constantI64(shape));
    } else if (conditionType.getShape() != xType.getShape()) {
      return ctx.fail("condition must have x's shape or be a vector of x's "
                      "first dimension");
    }
  }
  auto select = SelectOp::create(ctx.builder, ctx.loc, condition,
                                 ctx.operands[1], ctx.operands[2]);
  return Values{select};
}

/// AddN: a chain of adds, left to right as TensorFlow sums.
FailureOr<Values> importAddN(NodeContext &ctx) {
  FailureOr<int64_t> count = ctx.getIntAttr("N", -1);
  if (failed(count))
    return failure();
  if (*count < 1 || static_cast<size_t>(*count) != ctx.operands.size())
    return ctx.fail("expected N = " + Twine(ctx.operands.size()) +
                    " inputs, got N = " + Twine(*count));
  SmallVector<unsigned> all;
  for (unsigned i = 0; i < ctx.operands.size(); ++i)
    all.push_back(i);
  if (failed(ctx.expectOperandTypes("T", all)))
    return failure();
  for (Value operand : ctx.operands)
    if (operand.getType() != ctx.operands[0].getType())
      return ctx.fail("inputs must all have one shape");
  Value sum = ctx.operands[0];
  for (Value operand : ArrayRef<Value>(ctx.operands).drop_front())
    sum = AddOp::create(ctx.builder, ctx.loc, sum, operand);
  if (ctx.operands.size() == 1)
    sum = IdentityOp::create(ctx.builder, ctx.loc, sum);
  return Values{sum};
}

FailureOr<Values> importLeakyRelu(NodeContext &ctx) {
  FailureOr<Type> type = ctx.getTypeAttr("T");
  FailureOr<double> alpha = ctx.getFloatAttr("alpha", 0.2);
  if (failed(type) || failed(alpha) || failed(ctx.expectInputs(1)) ||
      failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  if (!isa<FloatType>(*type))
    return ctx.fail("supported for floating-point types only, not " +
                    elementTypeName(*type));
  return Values{LeakyReluOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                    ctx.builder.getF64FloatAttr(*alpha))};
}

/// Pow exists for integers in TensorFlow too; only floats are supported.
FailureOr<Values> importPow(NodeContext &ctx) {
  FailureOr<Type> type = ctx.getTypeAttr("T");
  if (failed(type))
    return failure();
  if (!isa<FloatType>(*type))
    return ctx.fail("Pow is supported for floating-point types only, not " +
                    elementTypeName(*type));
  return importBinary<PowOp>(ctx);
}

FailureOr<Values> importMatMul(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) ||
      failed(ctx.expectOperandTypes("T", {0, 1})))
    return failure();
  FailureOr<bool> transposeA = ctx.getBoolAttr("transpose_a", false);
  FailureOr<bool> transposeB = ctx.getBoolAttr("transpose_b", false);
  if (failed(transposeA) || failed(transposeB))
    return failure();
  return Values{MatMulOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                 ctx.operands[1], *transposeA, *transposeB)};
}

/// BatchMatMul (V1: equal batch dimensions), V2 (broadcasting), V3 (with
/// operand and output types, which must agree here). Two matrices become a
/// MatMul, which the optimizer can hand to the runtime's kernels.
FailureOr<Values> importBatchMatMul(NodeContext &ctx, bool v3) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  if (v3) {
    FailureOr<Type> ta = ctx.getTypeAttr("Ta"), tb = ctx.getTypeAttr("Tb");
    FailureOr<Type> tout = ctx.getTypeAttr("Tout");
    if (failed(ta) || failed(tb) || failed(tout) ||
        failed(ctx.expectOperandTypes("Ta", {0})) ||
        failed(ctx.expectOperandTypes("Tb", {1})))
      return failure();
    if (*ta != *tb || *ta != *tout)
      return ctx.fail("Ta, Tb and Tout must be one type here, got " +
                      elementTypeName(*ta) + ", " + elementTypeName(*tb) +
                      " and " + elementTypeName(*tout));
  } else if (failed(ctx.expectOperandTypes("T", {0, 1}))) {
    return failure();
  }
  FailureOr<bool> adjX = ctx.getBoolAttr("adj_x", false);
  FailureOr<bool> adjY = ctx.getBoolAttr("adj_y", false);
  if (failed(adjX) || failed(adjY))
    return failure();
  auto xType = dyn_cast<RankedTensorType>(ctx.operands[0].getType());
  auto yType = dyn_cast<RankedTensorType>(ctx.operands[1].getType());
  if (xType && yType && xType.getRank() == 2 && yType.getRank() == 2)
    return Values{MatMulOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                   ctx.operands[1], *adjX, *adjY)};
  return Values{BatchMatMulOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                      ctx.operands[1], *adjX, *adjY)};
}

/// Applies grappler's `fused_ops` after a contraction: BiasAdd (or Add) with
/// the next extra input, then an optional activation. The extra inputs are
/// operands 2 and up.
FailureOr<Value> applyFusedOps(NodeContext &ctx, Value value) {
  FailureOr<SmallVector<std::string>> fusedOps =
      ctx.getStringListAttr("fused_ops");
  FailureOr<double> alpha = ctx.getFloatAttr("leakyrelu_alpha", 0.2);
  if (failed(fusedOps) || failed(alpha))
    return failure();
  size_t nextArg = 2;
  OpBuilder &b = ctx.builder;
  for (const std::string &fused : *fusedOps) {
    if (fused == "BiasAdd" || fused == "Add" || fused == "AddV2") {
      if (nextArg >= ctx.operands.size())
        return ctx.fail("fused " + fused + " has no input");
      Value arg = ctx.operands[nextArg++];
      value = fused == "BiasAdd"
                  ? BiasAddOp::create(b, ctx.loc, value, arg, DataFormat::NHWC)
                        .getResult()
                  : AddOp::create(b, ctx.loc, value, arg).getResult();
    } else if (fused == "Relu") {
      value = ReluOp::create(b, ctx.loc, value);
    } else if (fused == "Relu6") {
      value = Relu6Op::create(b, ctx.loc, value);
    } else if (fused == "Elu") {
      value = EluOp::create(b, ctx.loc, value);
    } else if (fused == "Tanh") {
      value = TanhOp::create(b, ctx.loc, value);
    } else if (fused == "Sigmoid") {
      value = SigmoidOp::create(b, ctx.loc, value);
    } else if (fused == "LeakyRelu") {
      value = LeakyReluOp::create(b, ctx.loc, value, b.getF64FloatAttr(*alpha));
    } else {
      return ctx.fail("fused op '" + fused + "' is not supported");
    }
  }
  if (nextArg != ctx.operands.size())
    return ctx.fail("has " + Twine(ctx.operands.size()) +
                    " inputs but its fused ops use " + Twine(nextArg));
  return value;
}

/// Grappler's _FusedMatMul: MatMul followed by its fused ops.
FailureOr<Values> importFusedMatMul(NodeContext &ctx) {
  if (ctx.operands.size() < 2)
    return ctx.fail("expected at least 2 data inputs");
  if (failed(ctx.expectOperandTypes("T", {0, 1})))
    return failure();
  FailureOr<bool> transposeA = ctx.getBoolAttr("transpose_a", false);
  FailureOr<bool> transposeB = ctx.getBoolAttr("transpose_b", false);
  if (failed(transposeA) || failed(transposeB))
    return failure();
  Value product = MatMulOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                   ctx.operands[1], *transposeA, *transposeB);
  FailureOr<Value> result = applyFusedOps(ctx, product);
  if (failed(result))
    return failure();
  return Values{*result};
}

FailureOr<Values> importBiasAdd(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) ||
      failed(ctx.expectOperandTypes("T", {0, 1})))
    return failure();
  FailureOr<std::string> format = ctx.getStringAttr("data_format", "NHWC");
  if (failed(format))
    return failure();
  std::optional<DataFormat> dataFormat = symbolizeDataFormat(*format);
  if (!dataFormat)
    return ctx.fail("data_format must be NHWC or NCHW, got '" + *format + "'");
  return Values{BiasAddOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                  ctx.operands[1], *dataFormat)};
}

} // namespace

const llvm::StringMap<OpImporter> &mlir::tfc::getOpImporters() {
  static const llvm::StringMap<OpImporter> importers = [] {
    llvm::StringMap<OpImporter> table = {
        // Graph structure.
        {"Const", importConst},
        {"Identity", importIdentity},
        {"NoOp", importNoOp},
        // Elementwise binary.
        {"Add", importBinary<AddOp>},
        {"AddV2", importBinary<AddOp>},
        {"Sub", importBinary<SubOp>},
        {"Mul", importBinary<MulOp>},
        {"RealDiv", importRealDiv},
        {"Maximum", importBinary<MaximumOp>},
        {"Minimum", importBinary<MinimumOp>},
        {"Pow", importPow},
        {"SquaredDifference", importBinary<SquaredDifferenceOp>},
        {"FloorDiv", importBinary<FloorDivOp>},
        {"FloorMod", importBinary<FloorModOp>},
        {"AddN", importAddN},
        // Comparisons, logical ops, Select.
        {"Equal", importCompare<EqualOp>},
        {"NotEqual", importCompare<NotEqualOp>},
        {"Less", importCompare<LessOp>},
        {"LessEqual", importCompare<LessEqualOp>},
        {"Greater", importCompare<GreaterOp>},
        {"GreaterEqual", importCompare<GreaterEqualOp>},
        {"LogicalAnd", importLogical<LogicalAndOp>},
        {"LogicalOr", importLogical<LogicalOrOp>},
        {"LogicalNot", importLogical<LogicalNotOp>},
        {"Select", [](NodeContext &ctx) { return importSelect(ctx, false); }},
        {"SelectV2", [](NodeContext &ctx) { return importSelect(ctx, true); }},
        // Elementwise unary and activations.
        {"Neg", importUnary<NegOp>},
        {"Relu", importUnary<ReluOp>},
        {"Sigmoid", importFloatUnary<SigmoidOp>},
        {"Tanh", importFloatUnary<TanhOp>},
        {"Relu6", importUnary<Relu6Op>},
        {"Elu", importFloatUnary<EluOp>},
        {"LeakyRelu", importLeakyRelu},
        {"Rsqrt", importFloatUnary<RsqrtOp>},
        {"Sqrt", importFloatUnary<SqrtOp>},
        {"Square", importUnary<SquareOp>},
        {"Exp", importFloatUnary<ExpOp>},
        {"Log", importFloatUnary<LogOp>},
        {"Softmax", importFloatUnary<SoftmaxOp>},
        {"LogSoftmax", importFloatUnary<LogSoftmaxOp>},
        {"Abs", importUnary<AbsOp>},
        {"Sign", importUnary<SignOp>},
        {"Floor", importFloatUnary<FloorOp>},
        {"Ceil", importFloatUnary<CeilOp>},
        {"Round", importRound},
        {"Reciprocal", importFloatUnary<ReciprocalOp>},
        {"Inv", importFloatUnary<ReciprocalOp>},
        {"Softplus", importFloatUnary<SoftplusOp>},
        {"Softsign", importFloatUnary<SoftsignOp>},
        {"Erf", importFloatUnary<ErfOp>},
        {"Sin", importFloatUnary<SinOp>},
        {"Cos", importFloatUnary<CosOp>},
        // Linear algebra.
        {"MatMul", importMatMul},
        {"_FusedMatMul", importFusedMatMul},
        {"BatchMatMul",
         [](NodeContext &ctx) { return importBatchMatMul(ctx, false); }},
        {"BatchMatMulV2",
         [](NodeContext &ctx) { return importBatchMatMul(ctx, false); }},
        {"BatchMatMulV3",
         [](NodeContext &ctx) { return importBatchMatMul(ctx, true); }},
        {"BiasAdd", importBiasAdd},
    };
    addDataMovementImporters(table);
    addNeuralNetImporters(table);
    addEinsumImporter(table);
    addTensorListImporters(table);
    return table;
  }();
  return importers;
}
