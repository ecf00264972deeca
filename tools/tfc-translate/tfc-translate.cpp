//===- tfc-translate.cpp - GraphDef to MLIR for tests and inspection ------===//
//
// `tfc-translate --graphdef-to-mlir model.pbtxt` prints the imported tfc
// module. Feeds and fetches come from --tfc-config, or --tfc-feeds and
// --tfc-fetches, exactly as tfc-compile reads them. Errors are the same one
// line tfc-compile prints.
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/GraphDefImporter.h"
#include "compiler/Support/Diagnostics.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace mlir::tfc;

static llvm::cl::opt<std::string>
    configFile("tfc-config", llvm::cl::desc("tf2xla.Config text file"),
               llvm::cl::init(""));
static llvm::cl::opt<std::string>
    feedList("tfc-feeds", llvm::cl::desc("feeds, e.g. x:0[1,784],y[3]"),
             llvm::cl::init(""));
static llvm::cl::opt<std::string>
    fetchList("tfc-fetches", llvm::cl::desc("fetches, e.g. out,other:1"),
              llvm::cl::init(""));

/// Reports `err` as one error line and returns null.
static OwningOpRef<Operation *> reportError(llvm::Error err) {
  llvm::errs() << "error: " << llvm::toString(std::move(err)) << "\n";
  return nullptr;
}

static OwningOpRef<Operation *> importGraph(llvm::SourceMgr &sourceMgr,
                                            MLIRContext *context) {
  const llvm::MemoryBuffer *buffer =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  ImportOptions options;
  options.fileName = buffer->getBufferIdentifier().str();
  auto graph = parseGraphDef(buffer->getBuffer(), options.fileName);
  if (!graph)
    return reportError(graph.takeError());
  auto config = readFeedFetchConfig(configFile, feedList, fetchList);
  if (!config)
    return reportError(config.takeError());
  options.config = std::move(*config);
  OneLineDiagnosticHandler handler(context);
  OwningOpRef<ModuleOp> module = importGraphDef(context, *graph, options);
  if (!module)
    return nullptr;
  return OwningOpRef<Operation *>(module.release());
}

int main(int argc, char **argv) {
  TranslateToMLIRRegistration registration(
      "graphdef-to-mlir", "import a TensorFlow GraphDef (.pb or .pbtxt)",
      importGraph, [](DialectRegistry &registry) {
        registry.insert<TFCDialect, func::FuncDialect>();
      });
  return failed(mlirTranslateMain(argc, argv, "tfc GraphDef translator"));
}
