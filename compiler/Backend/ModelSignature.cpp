//===- ModelSignature.cpp - what the generated API exposes ----------------===//

#include "compiler/Backend/ModelSignature.h"

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::tfc;

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

static FailureOr<TensorSignature> describe(Location loc, Type type,
                                           DictionaryAttr attrs, StringRef what,
                                           unsigned index) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType || !tensorType.hasStaticShape())
    return emitError(loc) << what << " " << index
                          << " needs a static shape, got " << type
                          << "; give the feed shapes in the config";
  TensorSignature signature;
  auto name = attrs ? attrs.getAs<StringAttr>(kNameAttr) : StringAttr();
  auto tensor = attrs ? attrs.getAs<StringAttr>(kTensorAttr) : StringAttr();
  signature.name = name ? name.str() : (what + std::to_string(index)).str();
  signature.tensor = tensor ? tensor.str() : "";
  std::tie(signature.cType, signature.dtype) =
      describeElement(tensorType.getElementType());
  if (signature.cType.empty())
    return emitError(loc) << what << " " << index << " has element type "
                          << tensorType.getElementType()
                          << ", which the C API cannot carry";
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
