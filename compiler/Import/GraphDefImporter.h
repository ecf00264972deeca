//===- GraphDefImporter.h - GraphDef to the tfc dialect ---------*- C++ -*-===//
//
// Turns a GraphDef plus its feeds and fetches into a module holding one
// function in the tfc dialect: feeds are its arguments, fetches its results,
// and each GraphDef node needed for the fetches becomes one op whose location
// names the node.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_IMPORT_GRAPHDEFIMPORTER_H
#define TFC_COMPILER_IMPORT_GRAPHDEFIMPORTER_H

#include "compiler/Import/ModelInputs.h"
#include "compiler/Support/ResourceLimits.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace mlir::tfc {

struct ImportOptions {
  /// Names the graph in locations and errors.
  std::string fileName;
  FeedFetchConfig config;
  /// Name of the imported function.
  std::string functionName = "main";
  /// The most bytes one tensor, and all constants together, may take.
  int64_t maxTensorBytes = kDefaultMaxTensorBytes;
};

/// Imports `graph`. On failure, reports one error through the context's
/// diagnostic handler and returns null.
OwningOpRef<ModuleOp> importGraphDef(MLIRContext *context,
                                     const tensorflow::GraphDef &graph,
                                     const ImportOptions &options);

/// Every TensorFlow op type the importer accepts, sorted: the op importers'
/// table plus the nodes the graph importer handles itself (Placeholder,
/// PlaceholderWithDefault, _Arg, _Retval). `tfc-compile --list-ops` prints
/// it; docs/OPS.md must list the same (test/tfc-compile/list-ops.test).
std::vector<std::string> listImportedOps();

} // namespace mlir::tfc

#endif // TFC_COMPILER_IMPORT_GRAPHDEFIMPORTER_H
