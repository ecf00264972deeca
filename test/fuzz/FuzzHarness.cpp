//===- FuzzHarness.cpp - one fuzz input through import and optimize -------===//
//
// The shared body of the fuzz targets; see FuzzHarness.h. It mirrors what
// tfc-compile does up to the end of the optimize phase, without its command
// line, files or output.
//
//===----------------------------------------------------------------------===//

#include "test/fuzz/FuzzHarness.h"

#include "compiler/Conversion/Passes.h"
#include "compiler/Import/GraphDefImporter.h"
#include "compiler/Pipelines/Pipeline.h"
#include "compiler/Support/Diagnostics.h"
#include "compiler/Support/ResourceLimits.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace mlir;
using namespace mlir::tfc;

/// Small enough that a graph asking for huge tensors is refused (with one
/// line) before it costs the fuzzer seconds and gigabytes; the limit itself
/// is what is under test there, not the bytes.
static constexpr int64_t kFuzzMaxTensorBytes = int64_t(1) << 20;

[[noreturn]] static void brokenInvariant(const llvm::Twine &what) {
  llvm::errs() << "tfc fuzz: " << what << "\n";
  llvm::errs().flush();
  std::abort();
}

/// Built once: registering every dialect costs more than compiling a small
/// graph, and a registry is only read by the contexts made from it. The
/// passes are registered here too, as in tfc-compile: the pipeline is parsed
/// from text, by pass name.
static const DialectRegistry &getRegistry() {
  static const DialectRegistry *registry = [] {
    registerAllPasses();
    registerTFCTransformsPasses();
    registerTFCConversionPasses();
    auto *result = new DialectRegistry;
    registerAllDialects(*result);
    registerAllExtensions(*result);
    result->insert<TFCDialect>();
    return result;
  }();
  return *registry;
}

void fuzz::expectOneLineError(llvm::Error error) {
  std::string message = llvm::toString(std::move(error));
  if (message.empty() || message.find('\n') != std::string::npos)
    brokenInvariant("an error is not one line: '" + message + "'");
}

bool fuzz::compileGraph(const tensorflow::GraphDef &graph,
                        const FeedFetchConfig &config) {
  // A context per input, so that nothing one input uniqued (attributes,
  // types) grows the next one's, and no thread pool to start.
  MLIRContext context(getRegistry(), MLIRContext::Threading::DISABLED);
  unsigned errors = 0;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    // Formatting is part of what a user sees, so it runs for every
    // diagnostic; the line goes nowhere, since stderr would slow the fuzzer.
    std::string line = formatDiagnostic(diag);
    if (diag.getSeverity() != DiagnosticSeverity::Error)
      return success();
    ++errors;
    if (line.find('\n') != std::string::npos)
      brokenInvariant("an error is not one line: '" + line + "'");
    return success();
  });
  auto expectError = [&](llvm::StringRef phase) {
    if (errors == 0)
      brokenInvariant(phase + " failed without reporting an error");
    return false;
  };

  ImportOptions options;
  options.fileName = "fuzz.pb";
  options.config = config;
  options.maxTensorBytes = kFuzzMaxTensorBytes;
  OwningOpRef<ModuleOp> module = importGraphDef(&context, graph, options);
  if (!module)
    return expectError("import");

  PassManager pm(&context);
  if (failed(buildPipeline(pm, Phase::Import, Phase::Optimize, {})))
    brokenInvariant("the optimize pipeline cannot be built");
  // The pass manager verifies the module after every pass.
  if (failed(pm.run(*module)))
    return expectError("optimize");
  // As tfc-compile: shapes inferred while optimizing may have grown past the
  // cap.
  if (failed(checkTensorSizes(*module, kFuzzMaxTensorBytes)))
    return expectError("the tensor size check");
  return true;
}
