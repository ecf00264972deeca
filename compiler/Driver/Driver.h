//===- Driver.h - a GraphDef to a library and header, as a library -*- C++ -*-//
//
// The compile driver: everything tfc-compile does between its command line and
// its files. compileModel() checks the options, reads the graph and its
// feeds/fetches, imports them, runs the phases of compiler/Pipelines, and
// builds the requested outputs (static library, function object, runtime
// object, header; or the IR after a phase) in memory; writeOutputs() then puts
// them in place all together or not at all. Options mirror tfc-compile's
// flags, and error messages name those flags, so every user of the driver
// reports the same one line for the same mistake.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_DRIVER_DRIVER_H
#define TFC_COMPILER_DRIVER_DRIVER_H

#include "compiler/Backend/CPU/ObjectEmitter.h"
#include "compiler/Import/ModelInputs.h"
#include "compiler/Support/ResourceLimits.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mlir::tfc {

/// One compilation; each field is the tfc-compile flag named beside it.
struct CompileOptions {
  // Input.
  std::string graph;                  // --graph, or the positional argument
  std::string config;                 // --config
  std::optional<std::string> feeds;   // --feeds (given, even empty, or not)
  std::optional<std::string> fetches; // --fetches
  int64_t maxTensorBytes = kDefaultMaxTensorBytes; // --max_tensor_bytes

  // Output.
  std::string emit = "lib";             // --emit: lib, obj, mlir or llvm
  std::optional<std::string> compileTo; // --compile-to (default llvm)
  std::string output;                   // -o
  std::string outLibrary;               // --out_library
  std::string outObject;                // --out_function_object
  std::string outMetadataObject;        // --out_metadata_object
  std::string outHeader;                // --out_header
  std::string modelName;                // --model_name
  std::string cppClass;                 // --cpp_class

  // Target and code generation.
  TargetOptions target; // --target_triple, --target_cpu, --target_features
  std::string kernels = "auto"; // --kernels
  bool winograd = true;         // --winograd
  int64_t pointwiseDepthwiseMinBytes = 1
                                       << 20; // --pointwise_depthwise_min_bytes
  bool optimize = true;                       // --optimize
  unsigned llvmOptLevel = 2;                  // --llvm-opt-level
  bool stats = false; // --stats: fill CompileResult::stats

  /// Called on every pass manager before it runs (tfc-compile applies MLIR's
  /// pass manager flags, such as --mlir-print-ir-after-all, there).
  std::function<LogicalResult(PassManager &)> configurePassManager;
};

/// One file to write, or "-" for stdout.
struct OutputFile {
  std::string path;
  std::string bytes;
};

/// What --stats prints.
struct CompileStats {
  std::string graph;
  std::string triple;
  int64_t opsBefore = 0;   // tfc ops after import
  int64_t opsAfter = 0;    // tfc ops after the optimize phase
  int64_t weightBytes = 0; // constants after the optimize phase
  int64_t arenaBytes = 0;
  int64_t arenaLowerBound = 0; // most bytes live at once
  int64_t arenaNaive = 0;      // every buffer on its own
  int64_t codeBytes = 0;       // executable sections of the object
};

struct CompileResult {
  /// In the order they are to be written.
  std::vector<OutputFile> outputs;
  /// With CompileOptions::stats, for --emit=lib and --emit=obj.
  std::optional<CompileStats> stats;
};

/// A failure already reported by the MLIR diagnostics handler compileModel()
/// installs (one line per error on stderr, naming the graph's node); callers
/// print nothing more for it.
class DiagnosedError : public llvm::ErrorInfo<DiagnosedError> {
public:
  static char ID;
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;
};

/// Compiles as `options` say, writing nothing. Errors are one line; MLIR
/// diagnostics on the graph's nodes (errors and warnings) go to stderr as
/// they come, and a failure they reported returns a DiagnosedError.
llvm::Expected<CompileResult> compileModel(const CompileOptions &options);

/// Writes `outputs` in order. A regular (or new) file is written to a
/// temporary file beside it and renamed over it; anything else (/dev/null, a
/// pipe) in place. On any failure, removes what was already written.
llvm::Error writeOutputs(llvm::ArrayRef<OutputFile> outputs);

/// Whether `a` and `b` name the same file: the same inode when both exist,
/// else the same absolute path after removing `.` and `..`.
bool isSameFile(llvm::StringRef a, llvm::StringRef b);

/// Prints `stats` as `tfc-compile --stats` does.
void printCompileStats(const CompileStats &stats, llvm::raw_ostream &os);

/// --dump_fetch_nodes: the fetch node names of `config` (else of `fetches`),
/// sorted, distinct and joined by commas, as tfcompile prints them.
llvm::Expected<std::string> listFetchNodes(llvm::StringRef config,
                                           llvm::StringRef fetches);

/// Registers the passes the phases are parsed from (MLIR's and tfc's); once
/// per process however often it is called. compileModel() calls it.
void registerCompilerPasses();

} // namespace mlir::tfc

#endif // TFC_COMPILER_DRIVER_DRIVER_H
