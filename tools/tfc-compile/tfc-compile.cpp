//===- tfc-compile.cpp - GraphDef to a static library and header ----------===//
//
// The compiler's command line. Flags follow XLA's tfcompile (--graph,
// --config, --cpp_class, --out_header, --out_function_object, --target_*)
// plus --out_library and a short form, `tfc-compile model.pb -o libmodel.a`.
// The flags fill the compile driver's options (compiler/Driver), which
// builds every output in memory; they are written only when the whole
// compilation succeeded, so a failure never leaves a partial file behind.
//
//===----------------------------------------------------------------------===//

#include "compiler/Driver/Driver.h"
#include "compiler/Import/GraphDefImporter.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace mlir;
using namespace mlir::tfc;
namespace cl = llvm::cl;

namespace {

// --help shows these groups only; LLVM's and MLIR's own flags are hidden
// (they still parse, for debugging the compiler).
cl::OptionCategory inputCategory("Input");
cl::OptionCategory outputCategory("Output");
cl::OptionCategory targetCategory("Target");
cl::OptionCategory compileCategory("Compilation");
cl::OptionCategory infoCategory("Information");
cl::OptionCategory tfcompileCategory(
    "tfcompile compatibility",
    "Flags XLA's tfcompile takes (tf_library passes them), accepted so that "
    "its command line works unchanged; --verbose says what each does here.");

cl::opt<std::string> positionalGraph(cl::Positional, cl::desc("[model.pb]"),
                                     cl::init(""), cl::cat(inputCategory));
cl::opt<std::string> graphFile("graph",
                               cl::desc("GraphDef to compile (.pb or .pbtxt)"),
                               cl::init(""), cl::cat(inputCategory));
cl::opt<std::string>
    configFile("config",
               cl::desc("feeds and fetches (tensorflow.tf2xla.Config text)"),
               cl::init(""), cl::cat(inputCategory));
cl::opt<std::string>
    feedList("feeds", cl::desc("feeds instead of a config: x:0[1,784],y[3]"),
             cl::init(""), cl::cat(inputCategory));
cl::opt<std::string> fetchList("fetches",
                               cl::desc("fetches instead of a config: out,b:1"),
                               cl::init(""), cl::cat(inputCategory));
cl::opt<std::string> cppClass(
    "cpp_class",
    cl::desc("C++ class of the generated header, with namespaces: ns::Name"),
    cl::init(""), cl::cat(outputCategory));
cl::opt<std::string> modelName(
    "model_name",
    cl::desc("C prefix of the generated API (default: from the library or "
             "graph file name)"),
    cl::init(""), cl::cat(outputCategory));
cl::opt<std::string> outHeader("out_header", cl::desc("header to write"),
                               cl::init(""), cl::cat(outputCategory));
cl::opt<std::string> outObject(
    "out_function_object",
    cl::desc("object file of the model's code, to link with the runtime "
             "(--out_metadata_object writes it; --out_library holds both)"),
    cl::init(""), cl::cat(outputCategory));
cl::opt<std::string>
    outLibrary("out_library",
               cl::desc("static library to write (model and runtime)"),
               cl::init(""), cl::cat(outputCategory));
cl::opt<std::string>
    outShort("o",
             cl::desc("output: the library (its header goes beside it), or "
                      "the file for --emit; '-' is stdout"),
             cl::init(""), cl::cat(outputCategory));
cl::opt<std::string> targetTriple("target_triple",
                                  cl::desc("target triple (default: host)"),
                                  cl::init(""), cl::cat(targetCategory));
cl::opt<std::string> targetCpu("target_cpu",
                               cl::desc("target CPU (default: host CPU)"),
                               cl::init(""), cl::cat(targetCategory));
cl::opt<std::string> targetFeatures("target_features",
                                    cl::desc("target features, e.g. +avx2"),
                                    cl::init(""), cl::cat(targetCategory));
cl::opt<std::string>
    emit("emit", cl::desc("what to produce: lib (default), obj, mlir, llvm"),
         cl::init("lib"), cl::cat(outputCategory));
cl::opt<std::string> compileTo(
    "compile-to",
    cl::desc("with --emit=mlir, stop after this phase: import, optimize, "
             "linalg, bufferize, llvm"),
    cl::init("llvm"), cl::cat(outputCategory));
// LLVM registers --stats (its pass statistics) first; main() renames that
// one to --llvm-stats and this one to --stats before parsing.
cl::opt<bool> printStats(
    "tfc-stats",
    cl::desc("print op counts, weight, arena and code sizes to stdout"),
    cl::init(false), cl::cat(infoCategory));
cl::opt<unsigned> llvmOptLevel(
    "llvm-opt-level",
    cl::desc("LLVM optimization level for the generated code, 0-3 (default "
             "2: O3 compiles 2-3x slower for no measured gain yet)"),
    cl::init(2), cl::cat(compileCategory));
cl::opt<bool> optimize("optimize",
                       cl::desc("run graph optimizations (default true)"),
                       cl::init(true), cl::cat(compileCategory));
cl::opt<std::string> kernels(
    "kernels",
    cl::desc("runtime micro-kernels for float32 convolutions and MatMuls: "
             "auto (default: the best the target has), avx512, avx2, neon, "
             "generic, or none (linalg loops); used when optimizing"),
    cl::init("auto"), cl::cat(targetCategory));
cl::opt<bool> winograd(
    "winograd",
    cl::desc("compute 3x3, 5x5, 1x3, 3x1, 1x7 and 7x1 stride-1 "
             "convolutions over large enough images with Winograd's "
             "F(4x4, 3x3), F(2x2, 5x5), F(4, 3) and F(4, 7), 2-4x fewer "
             "multiply-adds (default true; with the avx512, avx2 and neon "
             "kernels)"),
    cl::init(true), cl::cat(targetCategory));
cl::opt<int64_t> pointwiseDepthwiseMinBytes(
    "pointwise_depthwise_min_bytes",
    cl::desc("call one kernel for a convolution (a 1x1 expansion, a first "
             "layer) and the depthwise convolution of its result when that "
             "result takes this many "
             "bytes or more, so its rows are read back from cache (default "
             "1048576; 0: whenever possible; -1: never; with the runtime "
             "kernels)"),
    cl::init(1048576), cl::cat(targetCategory));
cl::opt<bool> listOps(
    "list-ops",
    cl::desc("print every TensorFlow op type tfc imports, one per line, and "
             "exit (docs/OPS.md describes each)"),
    cl::init(false), cl::cat(infoCategory));
cl::opt<int64_t> maxTensorBytes(
    "max_tensor_bytes",
    cl::desc("most bytes one tensor, and all constants together, may take "
             "(default 1 GiB)"),
    cl::init(kDefaultMaxTensorBytes), cl::cat(compileCategory));

cl::opt<bool>
    verbose("verbose",
            cl::desc("say which tfcompile flags are ignored, and why"),
            cl::init(false), cl::cat(infoCategory));

cl::opt<std::string> entryPoint(
    "entry_point",
    cl::desc("tfcompile's entry symbol; ignored (the header calls tfc's C "
             "API, named by --model_name)"),
    cl::init(""), cl::cat(tfcompileCategory));
cl::opt<std::string> outMetadataObject(
    "out_metadata_object",
    cl::desc("object that tf_library links beside the function object: tfc "
             "writes its runtime there (kernels, thread pool), so the two "
             "objects link as tf_library's do"),
    cl::init(""), cl::cat(tfcompileCategory));
cl::opt<bool>
    dumpFetchNodes("dump_fetch_nodes",
                   cl::desc("print the config's fetch node names, sorted and "
                            "comma-separated, and exit (as tfcompile does)"),
                   cl::init(false), cl::cat(tfcompileCategory));
cl::opt<std::string>
    mlirComponents("mlir_components",
                   cl::desc("XLA's MLIR bridge choice; ignored"), cl::init(""),
                   cl::cat(tfcompileCategory));
cl::opt<bool> genNameToIndex(
    "gen_name_to_index",
    cl::desc("tfcompile's name-to-index lookups; ignored (not generated "
             "yet)"),
    cl::init(false), cl::cat(tfcompileCategory));
cl::opt<bool> genProgramShape(
    "gen_program_shape",
    cl::desc("XLA's ProgramShape accessor; ignored (no XLA protos)"),
    cl::init(false), cl::cat(tfcompileCategory));
cl::opt<bool> xlaHloProfile("xla_hlo_profile",
                            cl::desc("XLA's HLO profile counters; ignored"),
                            cl::init(false), cl::cat(tfcompileCategory));
cl::opt<bool> xprofTraceme("xla_cpu_enable_xprof_traceme",
                           cl::desc("XLA's xprof trace annotations; ignored"),
                           cl::init(false), cl::cat(tfcompileCategory));

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Prints `err` as one error line, unless the driver's diagnostics did.
int fail(llvm::Error err) {
  llvm::handleAllErrors(
      std::move(err), [](const DiagnosedError &) {},
      [](const llvm::ErrorInfoBase &info) {
        llvm::errs() << "error: " << info.message() << "\n";
      });
  return 1;
}

/// Under --verbose, one note for each tfcompile flag given that tfc ignores.
void noteIgnoredFlags() {
  if (!verbose)
    return;
  cl::Option *ignored[] = {&entryPoint,      &mlirComponents, &genNameToIndex,
                           &genProgramShape, &xlaHloProfile,  &xprofTraceme};
  for (cl::Option *option : ignored)
    if (option->getNumOccurrences() > 0)
      llvm::errs() << "note: --" << option->ArgStr << ": " << option->HelpStr
                   << "\n";
  if (!outMetadataObject.empty())
    llvm::errs() << "note: --out_metadata_object gets tfc's runtime (the "
                    "header carries the model's metadata)\n";
}

/// The driver's options, from the flags.
CompileOptions compileOptions() {
  CompileOptions options;
  options.graph = graphFile.empty() ? positionalGraph : graphFile;
  options.config = configFile;
  if (feedList.getNumOccurrences() > 0)
    options.feeds = feedList;
  if (fetchList.getNumOccurrences() > 0)
    options.fetches = fetchList;
  options.maxTensorBytes = maxTensorBytes;
  options.emit = emit;
  if (compileTo.getNumOccurrences() > 0)
    options.compileTo = compileTo;
  options.output = outShort;
  options.outLibrary = outLibrary;
  options.outObject = outObject;
  options.outMetadataObject = outMetadataObject;
  options.outHeader = outHeader;
  options.modelName = modelName;
  options.cppClass = cppClass;
  options.target = {targetTriple, targetCpu, targetFeatures};
  options.kernels = kernels;
  options.winograd = winograd;
  options.pointwiseDepthwiseMinBytes = pointwiseDepthwiseMinBytes;
  options.optimize = optimize;
  options.llvmOptLevel = llvmOptLevel;
  options.stats = printStats;
  options.configurePassManager = [](PassManager &pm) {
    return applyPassManagerCLOptions(pm);
  };
  return options;
}

int compile() {
  if (dumpFetchNodes) {
    auto nodes = listFetchNodes(configFile, fetchList);
    if (!nodes)
      return fail(nodes.takeError());
    llvm::outs() << *nodes;
    return 0;
  }
  noteIgnoredFlags();
  if (!graphFile.empty() && !positionalGraph.empty())
    return fail(makeError("give the graph either as --graph or as the first "
                          "argument, not both"));
  auto result = compileModel(compileOptions());
  if (!result)
    return fail(result.takeError());
  if (result->stats)
    printCompileStats(*result->stats, llvm::outs());
  if (llvm::Error err = writeOutputs(result->outputs))
    return fail(std::move(err));
  return 0;
}

} // namespace

/// Sends stderr to a temporary file until release(), which returns what
/// was written there (nothing is lost if the file cannot be made).
class StderrCapture {
public:
  StderrCapture() {
    llvm::errs().flush();
    file_ = std::tmpfile();
    saved_ = file_ ? dup(STDERR_FILENO) : -1;
    if (saved_ < 0 || dup2(fileno(file_), STDERR_FILENO) < 0) {
      if (saved_ >= 0)
        close(saved_);
      saved_ = -1;
    }
  }
  ~StderrCapture() { release(); }
  std::string release() {
    std::string text;
    if (saved_ >= 0) {
      llvm::errs().flush();
      dup2(saved_, STDERR_FILENO);
      close(saved_);
      saved_ = -1;
      std::rewind(file_);
      char buffer[4096];
      size_t n;
      while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0)
        text.append(buffer, n);
    }
    if (file_) {
      std::fclose(file_);
      file_ = nullptr;
    }
    return text;
  }

private:
  std::FILE *file_ = nullptr;
  int saved_ = -1;
};

/// LLVM's option-parser messages ("tfc-compile: Unknown command line
/// argument '--x'.  Try: '... --help'" and "tfc-compile: Did you mean
/// '--y'?") as one line, without the program name and the pointers to
/// --help.
static std::string optionErrorLine(llvm::StringRef messages) {
  llvm::SmallVector<llvm::StringRef> lines;
  messages.split(lines, '\n', -1, /*KeepEmpty=*/false);
  std::string result;
  for (llvm::StringRef line : lines) {
    line = line.trim();
    if (size_t colon = line.find(": ");
        colon != llvm::StringRef::npos &&
        line.take_front(colon).ends_with("tfc-compile"))
      line = line.drop_front(colon + 2);
    for (llvm::StringRef cut : {"  Try: ", ": See: ", " See: "})
      if (size_t at = line.find(cut); at != llvm::StringRef::npos)
        line = line.take_front(at);
    line = line.trim().rtrim(".!");
    if (line.empty())
      continue;
    if (!result.empty())
      result += "; ";
    // LLVM's capitalized phrases, in tfc's words.
    std::string text = line.str();
    for (auto [from, to] :
         {std::pair{"Unknown command line argument", "unknown flag"},
          std::pair{"Did you mean", "did you mean"},
          std::pair{"Too many positional arguments specified",
                    "too many positional arguments"},
          std::pair{"Can specify at most 1 positional arguments",
                    "give one graph"}})
      if (size_t at = text.find(from); at != std::string::npos)
        text.replace(at, strlen(from), to);
    result += text;
  }
  if (result.empty())
    result = "bad command line";
  return result + " (tfc-compile --help lists the flags)";
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
#ifdef SIGXFSZ
  // Past a file size limit (ulimit -f), a write then fails with EFBIG, which
  // is reported as one line, instead of the signal killing the process.
  signal(SIGXFSZ, SIG_IGN);
#endif
  // Passes first: --mlir-print-ir-after and its kin take pass names.
  registerCompilerPasses();
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  auto &registered = cl::getRegisteredOptions();
  if (auto llvmStats = registered.find("stats"); llvmStats != registered.end())
    llvmStats->second->setArgStr("llvm-stats");
  printStats.setArgStr("stats");
  cl::HideUnrelatedOptions({&inputCategory, &outputCategory, &targetCategory,
                            &compileCategory, &infoCategory,
                            &tfcompileCategory});
  cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << "tfc-compile " TFC_VERSION "\n  built with LLVM/MLIR "
       << LLVM_VERSION_STRING << "\n";
  });
  std::vector<const char *> args(argv, argv + argc);
  // LLVM's option parser reports a bad flag in its own words over one or
  // two lines, some of them straight to stderr; they are collected (stderr
  // goes to a temporary file meanwhile) and given as tfc's one error line.
  std::string parseErrors;
  llvm::raw_string_ostream parseErrorStream(parseErrors);
  StderrCapture capture;
  bool parsed = cl::ParseCommandLineOptions(
      static_cast<int>(args.size()), args.data(),
      "tfc-compile: compiles a TensorFlow GraphDef into a static library "
      "and a C/C++ header\n\n"
      "  tfc-compile model.pb -o libmodel.a        (writes model.h beside "
      "it)\n"
      "  tfc-compile --graph=model.pb --config=config.pbtxt "
      "--cpp_class=ns::Model \\\n"
      "      --out_header=model.h --out_library=libmodel.a\n",
      &parseErrorStream);
  std::string stderrText = capture.release();
  if (!parsed || !stderrText.empty())
    return fail(makeError(optionErrorLine(stderrText + parseErrors)));
  if (listOps) {
    for (const std::string &op : listImportedOps())
      llvm::outs() << op << "\n";
    return 0;
  }
  return compile();
}
