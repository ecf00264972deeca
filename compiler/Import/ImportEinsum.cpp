//===- ImportEinsum.cpp - Einsum taken apart into tfc ops -----------------===//
//
// TensorFlow's Einsum (one or two operands) is decomposed on import into ops
// tfc has, so the optimizer and the kernels see ordinary contractions. Each
// label is classified by where it appears:
//   batch       both operands and the output: a batch axis of batch_matmul
//               (the '...' axes broadcast by numpy rules, as batch_matmul's);
//   contracted  both operands, not the output: summed by the product;
//   free        one operand and the output: a row (first operand) or column
//               (second) axis of the product;
//   summed      one operand only: summed away (tfc.sum) first.
// The operands are transposed to [batch, free, contracted] (or the
// contracted axes first, when that is the order they already have, as an
// adjoint), reshaped to [batch, m, k] and [batch, k, n], multiplied by
// tfc.matmul or tfc.batch_matmul, and the product is reshaped and transposed
// to the output's order. Without contracted labels the product is a
// broadcasting tfc.mul (outer products, elementwise); without free labels it
// is a tfc.mul and a tfc.sum over the contracted axes. Repeated labels in an
// operand (diagonals, traces) are refused.
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/NodeContext.h"

#include "dialects/TFC/IR/TFCOps.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {
using Values = SmallVector<Value>;

/// A label is a letter's code, or kEllipsis + j for the j-th of the axes that
/// '...' stands for, counted from the left of the widest '...' (so that the
/// operands' '...' axes align on the right, as numpy broadcasting does).
constexpr int kEllipsis = 256;

std::string labelName(int label) {
  if (label < kEllipsis)
    return "'" + std::string(1, static_cast<char>(label)) + "'";
  return "'...' axis " + std::to_string(label - kEllipsis);
}

/// One operand's (or the output's) subscripts as written.
struct Subscripts {
  std::string text;
  SmallVector<int> letters;
  /// Where '...' stands among the letters, if it does.
  std::optional<size_t> ellipsis;
};

FailureOr<Subscripts> parseSubscripts(NodeContext &ctx, StringRef text,
                                      const Twine &what) {
  Subscripts result{text.str(), {}, std::nullopt};
  for (size_t i = 0; i < text.size();) {
    if (text.substr(i).starts_with("...")) {
      if (result.ellipsis)
        return ctx.fail(what + " '" + text + "' has more than one '...'");
      result.ellipsis = result.letters.size();
      i += 3;
      continue;
    }
    if (!llvm::isAlpha(text[i]))
      return ctx.fail(what + " '" + text + "' has '" + text.substr(i, 1) +
                      "'; labels are letters, with at most one '...'");
    result.letters.push_back(text[i++]);
  }
  return result;
}

/// The labels of `subscripts` with '...' expanded to `ellipsisRank` axes of
/// the `maxEllipsisRank` that the widest '...' has.
SmallVector<int> expand(const Subscripts &subscripts, int64_t ellipsisRank,
                        int64_t maxEllipsisRank) {
  SmallVector<int> labels;
  size_t at = subscripts.ellipsis.value_or(subscripts.letters.size());
  labels.append(subscripts.letters.begin(), subscripts.letters.begin() + at);
  for (int64_t j = maxEllipsisRank - ellipsisRank; j < maxEllipsisRank; ++j)
    labels.push_back(kEllipsis + static_cast<int>(j));
  labels.append(subscripts.letters.begin() + at, subscripts.letters.end());
  return labels;
}

/// One axis of a value.
struct Axis {
  Value value;
  int64_t index;

  int64_t size() const {
    return cast<RankedTensorType>(value.getType()).getDimSize(index);
  }
  bool isDynamic() const { return ShapedType::isDynamic(size()); }
};

/// A value with one label per axis.
struct Labeled {
  Value value;
  SmallVector<int> labels;

  ArrayRef<int64_t> shape() const {
    return cast<RankedTensorType>(value.getType()).getShape();
  }
  int64_t sizeOf(int label) const {
    return shape()[llvm::find(labels, label) - labels.begin()];
  }
  /// The axes of `among` (labels this value has).
  SmallVector<Axis> axes(ArrayRef<int> among) const {
    SmallVector<Axis> result;
    for (int label : among)
      result.push_back({value, llvm::find(labels, label) - labels.begin()});
    return result;
  }
};

/// Builds the ops of one Einsum node.
class EinsumBuilder {
public:
  explicit EinsumBuilder(NodeContext &ctx) : ctx(ctx) {}

  /// `value` with its axes summed over `labels` (those it has).
  Labeled sum(Labeled value, ArrayRef<int> labels) {
    SmallVector<int64_t> axes;
    SmallVector<int> kept;
    for (auto [axis, label] : llvm::enumerate(value.labels)) {
      if (llvm::is_contained(labels, label))
        axes.push_back(axis);
      else
        kept.push_back(label);
    }
    if (axes.empty())
      return value;
    Value summed = SumOp::create(ctx.builder, ctx.loc, value.value,
                                 ctx.constantI64(axes), false);
    return {summed, kept};
  }

  /// `value` with its axes in the order of `labels` (a permutation of its
  /// own).
  Labeled transpose(Labeled value, ArrayRef<int> labels) {
    if (ArrayRef<int>(value.labels) == labels)
      return value;
    SmallVector<int64_t> perm;
    for (int label : labels)
      perm.push_back(llvm::find(value.labels, label) - value.labels.begin());
    Value transposed = TransposeOp::create(ctx.builder, ctx.loc, value.value,
                                           ctx.constantI64(perm));
    return {transposed, SmallVector<int>(labels)};
  }

  /// `value` reshaped so that result axis i has the size of the product of
  /// the axes `dims[i]` (none: 1); no op when it has that shape already. An
  /// unknown size (after a computed Reshape upstream, say) is tfc.reshape's
  /// -1 when it is the only one, and otherwise read from the shapes at run
  /// time, which folds to a constant once feeds make shapes static.
  Value reshape(Value value, ArrayRef<SmallVector<Axis>> dims) {
    ArrayRef<int64_t> current =
        cast<RankedTensorType>(value.getType()).getShape();
    SmallVector<int64_t> sizes;
    bool same = dims.size() == current.size();
    for (auto [i, factors] : llvm::enumerate(dims)) {
      int64_t size = 1;
      for (const Axis &axis : factors)
        size = ShapedType::isDynamic(size) || axis.isDynamic()
                   ? ShapedType::kDynamic
                   : size * axis.size();
      sizes.push_back(size);
      bool itself = factors.size() == 1 && factors[0].value == value &&
                    factors[0].index == static_cast<int64_t>(i);
      same &= itself || (!ShapedType::isDynamic(size) && i < current.size() &&
                         current[i] == size);
    }
    if (same)
      return value;
    Value shape;
    if (llvm::count_if(sizes, ShapedType::isDynamic) <= 1) {
      for (int64_t &size : sizes)
        size = ShapedType::isDynamic(size) ? -1 : size;
      shape = ctx.constantI64(sizes);
    } else {
      SmallVector<Value> scalars;
      for (auto [size, factors] : llvm::zip(sizes, dims)) {
        if (!ShapedType::isDynamic(size)) {
          scalars.push_back(scalar(size));
          continue;
        }
        Value product;
        for (const Axis &axis : factors) {
          Value factor = sizeOf(axis);
          product = product
                        ? MulOp::create(ctx.builder, ctx.loc, product, factor)
                              .getResult()
                        : factor;
        }
        scalars.push_back(product);
      }
      shape = PackOp::create(ctx.builder, ctx.loc, scalars, 0);
    }
    return ReshapeOp::create(ctx.builder, ctx.loc, value, shape);
  }

  /// `value` with `count` axes of size 1 inserted at `position`.
  Value insertUnitAxes(Value value, int64_t position, size_t count) {
    auto type = cast<RankedTensorType>(value.getType());
    if (count == 0)
      return value;
    if (type.hasStaticShape()) {
      SmallVector<int64_t> shape(type.getShape());
      shape.insert(shape.begin() + position, count, 1);
      return ReshapeOp::create(ctx.builder, ctx.loc, value,
                               ctx.constantI64(shape));
    }
    // Unknown sizes: ExpandDims needs none.
    for (size_t i = 0; i < count; ++i)
      value = ExpandDimsOp::create(ctx.builder, ctx.loc, value,
                                   ctx.constantI64({position}));
    return value;
  }

private:
  /// A scalar int64 constant.
  Value scalar(int64_t value) {
    auto type = RankedTensorType::get({}, ctx.builder.getI64Type());
    return ConstOp::create(ctx.builder, ctx.loc,
                           DenseIntElementsAttr::get(type, value));
  }

  /// The size of `axis` as a scalar: a constant when known, else sliced
  /// from the value's Shape.
  Value sizeOf(const Axis &axis) {
    if (!axis.isDynamic())
      return scalar(axis.size());
    Value shape = ShapeOp::create(ctx.builder, ctx.loc, axis.value,
                                  ctx.builder.getI64Type());
    return StridedSliceOp::create(
        ctx.builder, ctx.loc, shape, ctx.constantI64({axis.index}),
        ctx.constantI64({axis.index + 1}), ctx.constantI64({1}), 0, 0, 0, 0,
        /*shrink_axis_mask=*/1);
  }

  NodeContext &ctx;
};

/// The labels of `all` that `keep` accepts, in `all`'s order.
SmallVector<int> select(ArrayRef<int> all, function_ref<bool(int)> keep) {
  SmallVector<int> result;
  for (int label : all)
    if (keep(label))
      result.push_back(label);
  return result;
}

FailureOr<Values> importEinsum(NodeContext &ctx) {
  FailureOr<int64_t> count = ctx.getIntAttr("N", -1);
  FailureOr<std::string> equation = ctx.getStringAttr("equation", "");
  FailureOr<Type> type = ctx.getTypeAttr("T");
  if (failed(count) || failed(equation) || failed(type))
    return failure();
  if (*count != static_cast<int64_t>(ctx.operands.size()))
    return ctx.fail("expected N = " + Twine(ctx.operands.size()) +
                    " inputs, got N = " + Twine(*count));
  if (*count != 1 && *count != 2)
    return ctx.fail("Einsum of " + Twine(*count) +
                    " operands is not supported (1 or 2, as TensorFlow)");
  if (failed(ctx.expectOperandTypes(
          "T", *count == 1 ? ArrayRef<unsigned>{0} : ArrayRef<unsigned>{0, 1})))
    return failure();
  if (!isa<FloatType>(*type) && !type->isInteger(32) && !type->isInteger(64))
    return ctx.fail("T must be a float type, int32 or int64, not " +
                    elementTypeName(*type));

  // Parse "a,b->out".
  StringRef text = *equation;
  size_t arrow = text.find("->");
  if (arrow == StringRef::npos || text.find("->", arrow + 2) != StringRef::npos)
    return ctx.fail("equation '" + text + "' must have exactly one '->'");
  SmallVector<StringRef> inputTexts;
  text.take_front(arrow).split(inputTexts, ',');
  if (static_cast<int64_t>(inputTexts.size()) != *count)
    return ctx.fail("equation '" + text + "' has " + Twine(inputTexts.size()) +
                    " input subscripts for " + Twine(*count) + " operands");
  SmallVector<Subscripts> inputs;
  for (auto [i, inputText] : llvm::enumerate(inputTexts)) {
    FailureOr<Subscripts> subscripts = parseSubscripts(
        ctx, inputText, "operand " + Twine(i) + "'s subscripts");
    if (failed(subscripts))
      return failure();
    inputs.push_back(*subscripts);
  }
  FailureOr<Subscripts> output =
      parseSubscripts(ctx, text.drop_front(arrow + 2), "the output subscripts");
  if (failed(output))
    return failure();

  // Ranks, '...' widths and the labels of every axis.
  SmallVector<int64_t> ellipsisRanks;
  int64_t maxEllipsisRank = 0;
  for (auto [i, subscripts] : llvm::enumerate(inputs)) {
    auto type = dyn_cast<RankedTensorType>(ctx.operands[i].getType());
    if (!type)
      return ctx.fail("operand " + Twine(i) + " must have a known rank");
    int64_t named = subscripts.letters.size();
    if (subscripts.ellipsis ? named > type.getRank() : named != type.getRank())
      return ctx.fail("operand " + Twine(i) + " has rank " +
                      Twine(type.getRank()) + " but its subscripts '" +
                      subscripts.text + "' name " + Twine(named) + " axes");
    ellipsisRanks.push_back(type.getRank() - named);
    maxEllipsisRank = std::max(maxEllipsisRank, ellipsisRanks.back());
  }
  if (maxEllipsisRank > 0 && !output->ellipsis)
    return ctx.fail("the operands' '...' stand for axes that the output "
                    "subscripts have no '...' for");
  SmallVector<Labeled> operands;
  for (auto [i, subscripts] : llvm::enumerate(inputs)) {
    operands.push_back({ctx.operands[i],
                        expand(subscripts, ellipsisRanks[i], maxEllipsisRank)});
    SmallVector<int> seen;
    for (int label : subscripts.letters) {
      if (llvm::is_contained(seen, label))
        return ctx.fail("operand " + Twine(i) + "'s subscripts '" +
                        subscripts.text + "' repeat " + labelName(label) +
                        "; diagonals and traces are not supported");
      seen.push_back(label);
    }
  }
  SmallVector<int> outLabels =
      expand(*output, maxEllipsisRank, maxEllipsisRank);
  for (size_t i = 0; i < outLabels.size(); ++i) {
    int label = outLabels[i];
    if (llvm::is_contained(ArrayRef<int>(outLabels).take_front(i), label))
      return ctx.fail("the output subscripts '" + output->text + "' repeat " +
                      labelName(label));
    if (llvm::none_of(operands, [&](const Labeled &operand) {
          return llvm::is_contained(operand.labels, label);
        }))
      return ctx.fail("output label " + labelName(label) +
                      " appears in no operand");
  }

  // Sizes: a letter's must agree; a '...' axis of size 1 broadcasts.
  llvm::DenseMap<int, int64_t> size;
  for (auto [i, operand] : llvm::enumerate(operands)) {
    for (auto [label, dim] : llvm::zip(operand.labels, operand.shape())) {
      auto [it, inserted] = size.try_emplace(label, dim);
      int64_t &known = it->second;
      if (inserted || dim == known || ShapedType::isDynamic(dim))
        continue;
      if (ShapedType::isDynamic(known) || (label >= kEllipsis && known == 1)) {
        known = dim;
        continue;
      }
      if (label >= kEllipsis && dim == 1)
        continue;
      return ctx.fail(labelName(label) + " has size " + Twine(known) +
                      " in operand 0 but " + Twine(dim) + " in operand 1" +
                      (label >= kEllipsis ? " (they do not broadcast)" : ""));
    }
  }

  EinsumBuilder ops(ctx);
  auto inOutput = [&](int label) {
    return llvm::is_contained(outLabels, label);
  };
  if (operands.size() == 1) {
    // A sum over the labels the output drops, then a transpose.
    Labeled result =
        ops.sum(operands[0], select(operands[0].labels, [&](int label) {
                  return !inOutput(label);
                }));
    result = ops.transpose(result, outLabels);
    if (result.value == ctx.operands[0])
      result.value = IdentityOp::create(ctx.builder, ctx.loc, result.value);
    return Values{result.value};
  }

  Labeled &a = operands[0], &b = operands[1];
  auto inA = [&](int label) { return llvm::is_contained(a.labels, label); };
  auto inB = [&](int label) { return llvm::is_contained(b.labels, label); };
  // Labels of one operand only are summed there first.
  Labeled lhs = ops.sum(a, select(a.labels, [&](int label) {
                          return !inB(label) && !inOutput(label);
                        }));
  Labeled rhs = ops.sum(b, select(b.labels, [&](int label) {
                          return !inA(label) && !inOutput(label);
                        }));
  SmallVector<int> batch =
      select(outLabels, [&](int label) { return inA(label) && inB(label); });
  SmallVector<int> freeLhs =
      select(outLabels, [&](int label) { return inA(label) && !inB(label); });
  SmallVector<int> freeRhs =
      select(outLabels, [&](int label) { return !inA(label) && inB(label); });
  // The operand whose free labels come first in the output goes on the
  // left, so that the product has the output's order.
  if (!freeLhs.empty() && !freeRhs.empty() &&
      llvm::find(outLabels, freeRhs[0]) < llvm::find(outLabels, freeLhs[0])) {
    std::swap(lhs, rhs);
    std::swap(freeLhs, freeRhs);
  }
  SmallVector<int> contracted = select(lhs.labels, [&](int label) {
    return inA(label) && inB(label) && !inOutput(label);
  });
  auto concat = [](std::initializer_list<ArrayRef<int>> parts) {
    SmallVector<int> all;
    for (ArrayRef<int> part : parts)
      all.append(part.begin(), part.end());
    return all;
  };

  Labeled product;
  if (contracted.empty() || (freeLhs.empty() && freeRhs.empty())) {
    // Elementwise: [batch, freeLhs, 1...] * [batch, 1..., freeRhs],
    // broadcasting (an outer product over the free labels), then the contracted
    // labels summed. (With contracted labels there are no free ones, and no
    // unit axes.)
    lhs = ops.transpose(lhs, concat({batch, freeLhs, contracted}));
    rhs = ops.transpose(rhs, concat({batch, freeRhs, contracted}));
    Value x = ops.insertUnitAxes(lhs.value, lhs.labels.size(), freeRhs.size());
    Value y = ops.insertUnitAxes(rhs.value, batch.size(), freeLhs.size());
    product = {MulOp::create(ctx.builder, ctx.loc, x, y),
               concat({batch, freeLhs, freeRhs, contracted})};
    product = ops.sum(product, contracted);
  } else {
    // [batch, m, k] times [batch, k, n]. An operand whose axes already are
    // [batch, k, m] (or [batch, n, k]) is taken as an adjoint instead of
    // being transposed.
    SmallVector<int> lhsOrder = concat({batch, freeLhs, contracted});
    bool adjX = lhs.labels != lhsOrder &&
                ArrayRef<int>(lhs.labels) ==
                    ArrayRef<int>(concat({batch, contracted, freeLhs}));
    SmallVector<int> rhsOrder = concat({batch, contracted, freeRhs});
    bool adjY = rhs.labels != rhsOrder &&
                ArrayRef<int>(rhs.labels) ==
                    ArrayRef<int>(concat({batch, freeRhs, contracted}));
    lhs = ops.transpose(lhs,
                        adjX ? concat({batch, contracted, freeLhs}) : lhsOrder);
    rhs = ops.transpose(rhs,
                        adjY ? concat({batch, freeRhs, contracted}) : rhsOrder);
    // One axis per batch label, then the merged rows (m) and columns (k) of
    // each side.
    auto matrixAxes = [&](const Labeled &side, ArrayRef<int> first,
                          ArrayRef<int> second) {
      SmallVector<SmallVector<Axis>> dims;
      for (int label : batch)
        dims.push_back(side.axes(label));
      dims.push_back(side.axes(first));
      dims.push_back(side.axes(second));
      return dims;
    };
    Value x =
        ops.reshape(lhs.value, adjX ? matrixAxes(lhs, contracted, freeLhs)
                                    : matrixAxes(lhs, freeLhs, contracted));
    Value y =
        ops.reshape(rhs.value, adjY ? matrixAxes(rhs, freeRhs, contracted)
                                    : matrixAxes(rhs, contracted, freeRhs));
    Value matrix =
        batch.empty()
            ? MatMulOp::create(ctx.builder, ctx.loc, x, y, adjX, adjY)
                  .getResult()
            : BatchMatMulOp::create(ctx.builder, ctx.loc, x, y, adjX, adjY)
                  .getResult();
    // The product's own batch axes (their sizes broadcast), then the free
    // axes of each side.
    SmallVector<SmallVector<Axis>> dims;
    for (int64_t i = 0, e = batch.size(); i < e; ++i)
      dims.push_back({Axis{matrix, i}});
    for (int label : freeLhs)
      dims.push_back(lhs.axes(label));
    for (int label : freeRhs)
      dims.push_back(rhs.axes(label));
    product = {ops.reshape(matrix, dims), concat({batch, freeLhs, freeRhs})};
  }
  return Values{ops.transpose(product, outLabels).value};
}

} // namespace

void mlir::tfc::addEinsumImporter(llvm::StringMap<OpImporter> &table) {
  table["Einsum"] = importEinsum;
}
