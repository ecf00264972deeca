//===- ImportTensorList.cpp - TensorList ops (TensorArray, Keras RNNs) ----===//
//
// TF2's TensorArray, and so every Keras RNN layer's time loop, is a
// TensorList: a variant-typed handle to num_elements tensors of one element
// shape, read and written by index inside a While. tfc needs the element
// shape and the length as constants; a list is then the plain tensor
// [num_elements, element_shape...], its reads a Gather along axis 0 and its
// writes a select of the new element into its row (the list stays one
// static shape through the loop, as loop variables must).
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/NodeContext.h"
#include "compiler/Support/ResourceLimits.h"
#include "dialects/TFC/IR/TFCOps.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {
using Values = SmallVector<Value>;

/// The list a TensorList op's operand `index` holds: a ranked tensor whose
/// first axis is the list's length.
FailureOr<RankedTensorType> listType(NodeContext &ctx, unsigned index) {
  auto type = dyn_cast<RankedTensorType>(ctx.operands[index].getType());
  if (!type || type.getRank() < 1)
    return ctx.fail("input " + Twine(index) +
                    " is not a TensorList tfc can follow (a list made by "
                    "TensorListReserve or TensorListFromTensor)");
  return type;
}

/// The element type the node declares, which must be the list's.
LogicalResult expectElementType(NodeContext &ctx, RankedTensorType list) {
  FailureOr<Type> declared = ctx.getTypeAttr("element_dtype");
  if (failed(declared))
    return failure();
  if (*declared != list.getElementType())
    return ctx.fail("element_dtype is " + elementTypeName(*declared) +
                    " but the list holds " +
                    elementTypeName(list.getElementType()));
  return success();
}

/// TensorListReserve(element_shape, num_elements): a list of zeros.
FailureOr<Values> importReserve(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<Type> elementType = ctx.getTypeAttr("element_dtype");
  if (failed(elementType))
    return failure();
  std::optional<SmallVector<int64_t>> shape = getConstantInts(ctx.operands[0]);
  std::optional<SmallVector<int64_t>> count = getConstantInts(ctx.operands[1]);
  if (!shape || llvm::any_of(*shape, [](int64_t d) { return d < -1; }))
    return ctx.fail("the element shape must be a constant (sizes may be -1: "
                    "the loop writing the list tells them)");
  if (!count || count->size() != 1 || count->front() < 0)
    return ctx.fail("num_elements must be a constant, non-negative scalar "
                    "(a TensorArray of dynamic size is not supported)");
  SmallVector<int64_t> dims = {count->front()};
  for (int64_t dim : *shape)
    dims.push_back(dim < 0 ? ShapedType::kDynamic : dim);
  auto type = RankedTensorType::get(dims, *elementType);
  if (!type.hasStaticShape())
    return Values{ZerosOp::create(ctx.builder, ctx.loc, type)};
  std::string tooLarge =
      checkTensorSize(dims, storageBytes(*elementType), ctx.maxTensorBytes);
  if (!tooLarge.empty())
    return ctx.fail(tooLarge);
  return Values{
      ConstOp::create(ctx.builder, ctx.loc,
                      cast<DenseElementsAttr>(ctx.builder.getZeroAttr(type)))};
}

/// TensorListFromTensor(tensor, element_shape): the tensor's rows.
FailureOr<Values> importFromTensor(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<RankedTensorType> list = listType(ctx, 0);
  if (failed(list) || failed(expectElementType(ctx, *list)))
    return failure();
  return Values{ctx.operands[0]};
}

/// TensorListGetItem(list, index, element_shape): row `index`.
FailureOr<Values> importGetItem(NodeContext &ctx) {
  if (failed(ctx.expectInputs(3)))
    return failure();
  FailureOr<RankedTensorType> list = listType(ctx, 0);
  if (failed(list) || failed(expectElementType(ctx, *list)))
    return failure();
  return Values{GatherOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                 ctx.operands[1], 0)};
}

/// TensorListSetItem(list, index, item): the list with row `index`
/// replaced: select(iota == index, item, list), broadcast over the rows.
FailureOr<Values> importSetItem(NodeContext &ctx) {
  if (failed(ctx.expectInputs(3)))
    return failure();
  FailureOr<bool> resize =
      ctx.getBoolAttr("resize_if_index_out_of_bounds", false);
  FailureOr<RankedTensorType> list = listType(ctx, 0);
  if (failed(resize) || failed(list) || failed(expectElementType(ctx, *list)))
    return failure();
  if (*resize)
    return ctx.fail("resize_if_index_out_of_bounds is not supported");
  auto indexType = dyn_cast<RankedTensorType>(ctx.operands[1].getType());
  if (!indexType || indexType.getRank() != 0 ||
      !indexType.getElementType().isInteger(32))
    return ctx.fail("the index must be an int32 scalar");
  auto itemType = dyn_cast<RankedTensorType>(ctx.operands[2].getType());
  if (!itemType || itemType.getRank() != list->getRank() - 1)
    return ctx.fail("the item does not have the list's element rank");
  int64_t rows = list->getDimSize(0);
  if (ShapedType::isDynamic(rows))
    return ctx.fail("the list's length must be known");
  SmallVector<APInt> positions;
  for (int64_t i = 0; i < rows; ++i)
    positions.push_back(APInt(32, i));
  SmallVector<int64_t> iotaShape(list->getRank(), 1);
  iotaShape[0] = rows;
  Value iota = ConstOp::create(
      ctx.builder, ctx.loc,
      DenseElementsAttr::get(
          RankedTensorType::get(iotaShape, ctx.builder.getI32Type()),
          positions));
  Value isRow = EqualOp::create(ctx.builder, ctx.loc, iota, ctx.operands[1]);
  auto axisType = RankedTensorType::get({}, ctx.builder.getI64Type());
  Value axis = ConstOp::create(
      ctx.builder, ctx.loc, DenseIntElementsAttr::get(axisType, {int64_t(0)}));
  Value item =
      ExpandDimsOp::create(ctx.builder, ctx.loc, ctx.operands[2], axis);
  // The list's rows take the item's shape (a list reserved with unknown
  // sizes learns them here), so that broadcasting keeps every size.
  Value rowShape = ShapeOp::create(ctx.builder, ctx.loc, ctx.operands[2],
                                   ctx.builder.getI64Type());
  Value listShape =
      ConcatV2Op::create(ctx.builder, ctx.loc,
                         ValueRange{ctx.constantI64({rows}), rowShape}, axis);
  Value shaped =
      ReshapeOp::create(ctx.builder, ctx.loc, ctx.operands[0], listShape);
  return Values{SelectOp::create(ctx.builder, ctx.loc, isRow, item, shaped)};
}

/// TensorListStack(list, element_shape): the list as one tensor.
FailureOr<Values> importStack(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<RankedTensorType> list = listType(ctx, 0);
  FailureOr<int64_t> count = ctx.getIntAttr("num_elements", -1);
  if (failed(list) || failed(count) || failed(expectElementType(ctx, *list)))
    return failure();
  if (*count >= 0 && *count != list->getDimSize(0))
    return ctx.fail("num_elements is " + Twine(*count) + " but the list has " +
                    Twine(list->getDimSize(0)));
  return Values{ctx.operands[0]};
}

/// TensorListLength(list): its length, a constant.
FailureOr<Values> importLength(NodeContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  FailureOr<RankedTensorType> list = listType(ctx, 0);
  if (failed(list))
    return failure();
  if (list->isDynamicDim(0))
    return ctx.fail("the list's length must be known");
  auto type = RankedTensorType::get({}, ctx.builder.getI32Type());
  return Values{ConstOp::create(
      ctx.builder, ctx.loc,
      DenseIntElementsAttr::get(type, {int32_t(list->getDimSize(0))}))};
}

} // namespace

void mlir::tfc::addTensorListImporters(llvm::StringMap<OpImporter> &table) {
  table["TensorListReserve"] = importReserve;
  table["TensorListFromTensor"] = importFromTensor;
  table["TensorListGetItem"] = importGetItem;
  table["TensorListSetItem"] = importSetItem;
  table["TensorListStack"] = importStack;
  table["TensorListLength"] = importLength;
}
