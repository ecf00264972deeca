//===- Diagnostics.cpp - user-facing error lines --------------------------===//

#include "compiler/Support/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tfc;

Location mlir::tfc::getNodeLoc(MLIRContext *context, StringRef file,
                               StringRef node, StringRef op) {
  Location nameLoc = NameLoc::get(StringAttr::get(context, node));
  Location fileLoc = FileLineColLoc::get(context, file, 0, 0);
  return FusedLoc::get(context, {nameLoc, fileLoc},
                       StringAttr::get(context, op));
}

std::optional<NodeOrigin> mlir::tfc::getNodeOrigin(Location loc) {
  std::optional<NodeOrigin> found;
  loc->walk([&](Location inner) {
    auto fused = dyn_cast<FusedLoc>(inner);
    if (!fused)
      return WalkResult::advance();
    auto op = dyn_cast_if_present<StringAttr>(fused.getMetadata());
    ArrayRef<Location> parts = fused.getLocations();
    if (!op || parts.size() != 2)
      return WalkResult::advance();
    auto name = dyn_cast<NameLoc>(parts[0]);
    auto file = dyn_cast<FileLineColLoc>(parts[1]);
    if (!name || !file)
      return WalkResult::advance();
    found = NodeOrigin{file.getFilename().str(), name.getName().str(),
                       op.getValue().str()};
    return WalkResult::interrupt();
  });
  return found;
}

std::string mlir::tfc::formatNodeError(StringRef file, StringRef node,
                                       StringRef op, StringRef message) {
  std::string line;
  llvm::raw_string_ostream os(line);
  os << file << ": node '" << node << "' (op " << op << "): " << message;
  return line;
}

std::string mlir::tfc::formatDiagnostic(Diagnostic &diag) {
  std::string message = diag.str();
  for (Diagnostic &note : diag.getNotes())
    message += "; " + note.str();
  // Keep the error on one line whatever the message, and the node and file
  // names in it, hold (a binary GraphDef's names may contain line breaks).
  auto oneLine = [](std::string line) {
    for (char &c : line)
      if (c == '\n' || c == '\r')
        c = ' ';
    return line;
  };
  if (std::optional<NodeOrigin> origin = getNodeOrigin(diag.getLocation()))
    return oneLine(
        formatNodeError(origin->file, origin->node, origin->op, message));
  std::string line;
  llvm::raw_string_ostream os(line);
  Location loc = diag.getLocation();
  if (auto fileLoc = dyn_cast<FileLineColLoc>(loc)) {
    os << fileLoc.getFilename().getValue();
    if (fileLoc.getLine() > 0)
      os << ":" << fileLoc.getLine() << ":" << fileLoc.getColumn();
    os << ": ";
  }
  os << message;
  return oneLine(line);
}

OneLineDiagnosticHandler::OneLineDiagnosticHandler(MLIRContext *context)
    : handler(context, [this](Diagnostic &diag) {
        if (diag.getSeverity() != DiagnosticSeverity::Error &&
            diag.getSeverity() != DiagnosticSeverity::Warning)
          return success();
        bool isError = diag.getSeverity() == DiagnosticSeverity::Error;
        if (isError)
          ++errorCount;
        llvm::errs() << (isError ? "error: " : "warning: ")
                     << formatDiagnostic(diag) << "\n";
        return success();
      }) {
  // The op dump MLIR attaches by default would break the one-line rule.
  context->printOpOnDiagnostic(false);
}
