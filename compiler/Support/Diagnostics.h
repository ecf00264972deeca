//===- Diagnostics.h - user-facing error lines ------------------*- C++ -*-===//
//
// Every user-facing failure is one line naming the file, the GraphDef node and
// its TensorFlow op: `file: node 'name' (op Op): what is wrong`. Imported ops
// carry that triple in their location; this file builds such locations and
// turns MLIR diagnostics on them back into that line.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_SUPPORT_DIAGNOSTICS_H
#define TFC_COMPILER_SUPPORT_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::tfc {

/// What a location says about the GraphDef node an op came from.
struct NodeOrigin {
  std::string file;
  std::string node;
  std::string op;
};

/// The location of GraphDef node `node` (TensorFlow op `op`) of `file`.
Location getNodeLoc(MLIRContext *context, llvm::StringRef file,
                    llvm::StringRef node, llvm::StringRef op);

/// The node an op came from, if its location (or one fused into it) says.
std::optional<NodeOrigin> getNodeOrigin(Location loc);

/// Formats the one-line error for a node.
std::string formatNodeError(llvm::StringRef file, llvm::StringRef node,
                            llvm::StringRef op, llvm::StringRef message);

/// Formats any MLIR diagnostic as a single line, using the node form when
/// the location names a node.
std::string formatDiagnostic(Diagnostic &diag);

/// Prints every error diagnostic as one line on stderr (notes are folded into
/// the line), and remembers whether any error was reported.
class OneLineDiagnosticHandler {
public:
  explicit OneLineDiagnosticHandler(MLIRContext *context);
  bool hadError() const { return errorCount > 0; }

private:
  ScopedDiagnosticHandler handler;
  unsigned errorCount = 0;
};

} // namespace mlir::tfc

#endif // TFC_COMPILER_SUPPORT_DIAGNOSTICS_H
