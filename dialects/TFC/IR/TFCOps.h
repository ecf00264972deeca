//===- TFCOps.h - tfc dialect and ops ---------------------------*- C++ -*-===//
//
// Declares the tfc dialect and its ops (generated from TFCOps.td).
//
//===----------------------------------------------------------------------===//

#ifndef TFC_DIALECTS_TFC_IR_TFCOPS_H
#define TFC_DIALECTS_TFC_IR_TFCOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::tfc {
/// Whether two lists of types agree where both are known (same element
/// types, ranks and static sizes).
bool areCompatibleTypes(TypeRange lhs, TypeRange rhs);

/// The values of `value` when it is an integer constant, or nullopt.
std::optional<SmallVector<int64_t>> getConstantInts(Value value);
} // namespace mlir::tfc

namespace mlir::tfc::traits {
/// TFC_MovesDataOnly (TFCDialect.td): the op moves, selects or converts
/// elements without arithmetic on them.
template <typename ConcreteType>
class MovesDataOnly
    : public ::mlir::OpTrait::TraitBase<ConcreteType, MovesDataOnly> {};
} // namespace mlir::tfc::traits

#include "dialects/TFC/IR/TFCOpsDialect.h.inc"
#include "dialects/TFC/IR/TFCOpsEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/TFC/IR/TFCOpsAttrDefs.h.inc"

#define GET_OP_CLASSES
#include "dialects/TFC/IR/TFCOps.h.inc"

namespace mlir::tfc {
/// Argument and result attributes of an imported function: the C name the
/// generated API uses, and the GraphDef tensor (`node:index`) it stands for.
inline constexpr llvm::StringLiteral kNameAttr = "tfc.name";
inline constexpr llvm::StringLiteral kTensorAttr = "tfc.tensor";
/// On an argument or result whose C name the config gave (not derived from
/// the node name): the generated class then reports HasNameIndices().
inline constexpr llvm::StringLiteral kNamedAttr = "tfc.named";
/// On an argument that is a config `variable` (a caller-visible buffer that
/// survives runs); kReadOnlyAttr when the graph never assigns it.
inline constexpr llvm::StringLiteral kVariableAttr = "tfc.variable";
inline constexpr llvm::StringLiteral kReadOnlyAttr = "tfc.readonly";
/// On a result that is a variable's value after the run: the index of the
/// variable's argument, whose buffer receives it.
inline constexpr llvm::StringLiteral kUpdatesArgAttr = "tfc.updates_arg";
/// On an imported op: names of the nodes its node had control edges from.
inline constexpr llvm::StringLiteral kControlInputsAttr = "tfc.control_inputs";

/// Where a sliding window (convolution or pooling) starts and how many
/// positions it takes along one spatial axis, by TensorFlow's rules.
struct WindowAxis {
  int64_t outputSize;
  int64_t padBefore;
  int64_t padAfter;
};

/// The window along one axis of `inputSize` for a kernel of `kernelSize`,
/// `stride` and `dilation`, padded by `padding` (SAME, VALID or EXPLICIT with
/// `explicitBefore`/`explicitAfter`). Fails when the window does not fit.
FailureOr<WindowAxis> computeWindow(int64_t inputSize, int64_t kernelSize,
                                    int64_t stride, int64_t dilation,
                                    Padding padding, int64_t explicitBefore = 0,
                                    int64_t explicitAfter = 0);

/// TensorFlow's AvgPool divisors: for each output pixel (row-major over
/// the output's height and width), how many real input elements (not
/// padding) its undilated window covers, over NHWC `inputShape` with
/// `ksize` and `strides` ([height, width]) and `windows` along each.
SmallVector<int64_t> avgPoolCounts(ArrayRef<int64_t> inputShape,
                                   ArrayRef<int64_t> ksize,
                                   ArrayRef<int64_t> strides,
                                   ArrayRef<WindowAxis> windows);

/// The reduced axes of a reduction, normalized to [0, rank) and sorted, when
/// `axes` is a constant; fails otherwise (or on an out-of-range axis).
FailureOr<llvm::SmallVector<int64_t>> getReductionAxes(Value axes,
                                                       int64_t rank);
} // namespace mlir::tfc

#endif // TFC_DIALECTS_TFC_IR_TFCOPS_H
