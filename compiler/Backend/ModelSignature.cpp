//===- ModelSignature.cpp - what the generated API exposes ----------------===//

#include "compiler/Backend/ModelSignature.h"

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::tfc;

size_t ModelSignature::numVariables() const {
  return llvm::count_if(args,
                        [](const TensorSignature &arg) { return arg.variable; });
}

int64_t TensorSignature::count() const {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

/// The C type and TensorFlow name of an element type.
static std::pair<std::string, std::string> describeElement(Type type) {
  if (type.isF32())
    return {"float", "float"};
  if (type.isF64())
    return {"double", "double"};
  if (type.isF16())
    return {"uint16_t", "half"}; // IEEE half bits
  if (type.isInteger(1))
    return {"bool", "bool"};
  if (type.isUnsignedInteger(8))
    return {"uint8_t", "uint8"};
  if (auto integer = dyn_cast<IntegerType>(type)) {
    std::string bits = std::to_string(integer.getWidth());
    return {"int" + bits + "_t", "int" + bits};
  }
  return {"", ""};
}

/// A ranked shape as TensorFlow writes it, [?,4]; `unknownAs` >= 0 writes
/// unknown sizes as that number instead.
static std::string tfShape(RankedTensorType ranked, int64_t unknownAs = -1) {
  std::string text = "[";
  for (auto [i, size] : llvm::enumerate(ranked.getShape())) {
    if (i)
      text += ",";
    text += ShapedType::isDynamic(size)
                ? (unknownAs < 0 ? "?" : std::to_string(unknownAs))
                : std::to_string(size);
  }
  return text + "]";
}

/// The error for a feed or fetch whose shape is not fully known, in
/// TensorFlow's shape syntax; a feed gets the flag that fixes it (its
/// unknown sizes written as 1).
static InFlightDiagnostic unknownShapeError(Location loc, Type type,
                                            StringRef what, unsigned index,
                                            StringRef tensor) {
  std::string name =
      tensor.empty() ? (what + " " + Twine(index)).str() : tensor.str();
  auto ranked = dyn_cast<RankedTensorType>(type);
  std::string shape = ranked ? "shape " + tfShape(ranked) : "unknown rank";
  if (what == "argument")
    return emitError(loc)
           << "feed '" << name << "' has " << shape
           << ", but tfc needs every size known; give it, e.g. --feeds '"
           << name << (ranked ? tfShape(ranked, 1) : "[2,3]")
           << "', or as the feed's shape in the config";
  return emitError(loc) << "fetch '" << name << "' has " << shape
                        << " although every feed's shape is known (a size "
                        << "computed at run time); tfc needs static shapes";
}

static FailureOr<TensorSignature> describe(Location loc, Type type,
                                           DictionaryAttr attrs, StringRef what,
                                           unsigned index) {
  auto name = attrs ? attrs.getAs<StringAttr>(kNameAttr) : StringAttr();
  auto tensor = attrs ? attrs.getAs<StringAttr>(kTensorAttr) : StringAttr();
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType || !tensorType.hasStaticShape())
    return unknownShapeError(loc, type, what, index,
                             tensor ? tensor.getValue() : StringRef());
  TensorSignature signature;
  signature.name = name ? name.str() : (what + std::to_string(index)).str();
  signature.tensor = tensor ? tensor.str() : "";
  if (attrs) {
    signature.named = attrs.contains(kNamedAttr);
    signature.variable = attrs.contains(kVariableAttr);
    signature.readonly = attrs.contains(kReadOnlyAttr);
    if (auto updates = attrs.getAs<IntegerAttr>(kUpdatesArgAttr))
      signature.updatesArg = updates.getInt();
  }
  std::tie(signature.cType, signature.dtype) =
      describeElement(tensorType.getElementType());
  if (signature.cType.empty())
    return emitError(loc) << what << " " << index << " has element type "
                          << tensorType.getElementType()
                          << ", which the C API cannot carry";
  // MLIR's bare-pointer calling convention needs static strides, which a
  // buffer of no elements has only in one dimension ([0] works, [2, 0] does
  // not); translation would fail later with an internal error.
  auto buffer =
      MemRefType::get(tensorType.getShape(), tensorType.getElementType());
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(buffer.getStridesAndOffset(strides, offset)) ||
      llvm::any_of(strides, ShapedType::isDynamic))
    return emitError(loc) << (what == "argument" ? "feed '" : "fetch '")
                          << signature.name << "' has shape "
                          << tfShape(tensorType)
                          << "; tfc cannot pass an empty tensor with a 0 "
                             "after its first dimension in or out yet";
  signature.shape.assign(tensorType.getShape().begin(),
                         tensorType.getShape().end());
  unsigned bits = tensorType.getElementType().getIntOrFloatBitWidth();
  signature.elementBytes = bits == 1 ? 1 : bits / 8;
  return signature;
}

FailureOr<ModelSignature> mlir::tfc::getModelSignature(func::FuncOp func) {
  ModelSignature signature;
  FunctionType type = func.getFunctionType();
  for (unsigned i = 0; i < type.getNumInputs(); ++i) {
    FailureOr<TensorSignature> arg =
        describe(func.getArgument(i).getLoc(), type.getInput(i),
                 func.getArgAttrDict(i), "argument", i);
    if (failed(arg))
      return failure();
    signature.args.push_back(std::move(*arg));
  }
  Operation *terminator = func.front().getTerminator();
  for (unsigned i = 0; i < type.getNumResults(); ++i) {
    FailureOr<TensorSignature> result =
        describe(terminator->getOperand(i).getLoc(), type.getResult(i),
                 func.getResultAttrDict(i), "result", i);
    if (failed(result))
      return failure();
    signature.results.push_back(std::move(*result));
  }
  return signature;
}
