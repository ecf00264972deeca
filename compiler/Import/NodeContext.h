//===- NodeContext.h - what an op importer sees of a node -------*- C++ -*-===//
//
// Op importers (OpImporters.cpp) turn one NodeDef into tfc ops. They read
// attributes through NodeContext's typed accessors, which report a missing
// or ill-typed attribute as an error at the node.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_IMPORT_NODECONTEXT_H
#define TFC_COMPILER_IMPORT_NODECONTEXT_H

#include "compiler/proto/graph.pb.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringMap.h"

#include <functional>

namespace mlir::tfc {

/// The MLIR element type of a TensorFlow dtype, or null if tfc has none.
Type convertDataType(MLIRContext *context, tensorflow::DataType dtype);

/// The TensorFlow spelling of a dtype (e.g. "float", "int32").
std::string dataTypeName(tensorflow::DataType dtype);

/// The TensorFlow spelling of an element type tfc carries.
std::string elementTypeName(Type type);

/// Converts a TensorProto to an elements attribute, honouring TensorFlow's
/// rule that a short value list is padded with its last value. A tensor of
/// more than `maxBytes` bytes is refused before anything is materialized; one
/// value (or none) stays a splat whatever the shape.
FailureOr<ElementsAttr> convertTensorProto(const tensorflow::TensorProto &proto,
                                           MLIRContext *context,
                                           int64_t maxBytes,
                                           std::string &error);

class NodeContext {
public:
  NodeContext(const tensorflow::NodeDef &node, Location loc, OpBuilder &builder,
              SmallVector<Value> operands, int64_t maxTensorBytes)
      : node(node), loc(loc), builder(builder), operands(std::move(operands)),
        maxTensorBytes(maxTensorBytes) {}

  const tensorflow::NodeDef &node;
  Location loc;
  OpBuilder &builder;
  /// Data inputs, in order (control inputs are not values).
  SmallVector<Value> operands;
  /// The most bytes a constant may hold (--max_tensor_bytes).
  int64_t maxTensorBytes;

  /// Reports `message` at the node and returns failure.
  LogicalResult fail(const Twine &message) const;

  /// Fails unless the node has exactly `count` data inputs.
  LogicalResult expectInputs(size_t count) const;

  /// Whether the node has attribute `name`.
  bool hasAttr(StringRef name) const { return findAttr(name) != nullptr; }

  /// The element type named by a `type` attribute (e.g. "T").
  FailureOr<Type> getTypeAttr(StringRef name) const;
  /// A bool attribute, or `defaultValue` when absent.
  FailureOr<bool> getBoolAttr(StringRef name, bool defaultValue) const;
  /// A string attribute, or `defaultValue` when absent.
  FailureOr<std::string> getStringAttr(StringRef name,
                                       StringRef defaultValue) const;
  /// An int attribute, or `defaultValue` when absent.
  FailureOr<int64_t> getIntAttr(StringRef name, int64_t defaultValue) const;
  /// A float attribute, or `defaultValue` when absent.
  FailureOr<double> getFloatAttr(StringRef name, double defaultValue) const;
  /// A list(int) attribute, or `defaultValue` when absent.
  FailureOr<SmallVector<int64_t>>
  getIntListAttr(StringRef name, ArrayRef<int64_t> defaultValue) const;
  /// A list(string) attribute, empty when absent.
  FailureOr<SmallVector<std::string>> getStringListAttr(StringRef name) const;
  /// A tensor attribute as elements.
  FailureOr<ElementsAttr> getTensorAttr(StringRef name) const;

  /// Fails unless operands `indices` all have element type attr `typeAttr`
  /// (TensorFlow's "T"), which catches dtype mismatches at the node.
  LogicalResult expectOperandTypes(StringRef typeAttr,
                                   ArrayRef<unsigned> indices) const;

  /// Fails unless operands `indices` are booleans (ops such as LogicalAnd
  /// have no type attribute).
  LogicalResult expectBoolOperands(ArrayRef<unsigned> indices) const;

  /// A 1-D int64 constant holding `values` (shapes, slice bounds, axes of
  /// the ops an importer builds).
  Value constantI64(ArrayRef<int64_t> values) const;

private:
  const tensorflow::AttrValue *findAttr(StringRef name) const;
};

/// Checks an index dtype attribute (Tidx, Tpaddings, Index, ...) and that
/// operands `indices` have it. TensorFlow allows int32 and int64 and, for
/// most of these attributes, defaults to int32 (`hasDefault`).
LogicalResult expectIndexType(NodeContext &ctx, StringRef attr,
                              ArrayRef<unsigned> indices,
                              bool hasDefault = true);

/// Imports one node; returns its outputs in order.
using OpImporter = std::function<FailureOr<SmallVector<Value>>(NodeContext &)>;

/// Importers of every supported TensorFlow op, by op name.
const llvm::StringMap<OpImporter> &getOpImporters();

/// Each op family adds its importers to the table (one file per family).
void addDataMovementImporters(llvm::StringMap<OpImporter> &table);
void addNeuralNetImporters(llvm::StringMap<OpImporter> &table);
void addEinsumImporter(llvm::StringMap<OpImporter> &table);
void addTensorListImporters(llvm::StringMap<OpImporter> &table);

} // namespace mlir::tfc

#endif // TFC_COMPILER_IMPORT_NODECONTEXT_H
