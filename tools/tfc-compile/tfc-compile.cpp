//===- tfc-compile.cpp - GraphDef to a static library and header ----------===//
//
// The compiler's command line. Flags follow XLA's tfcompile (--graph,
// --config, --cpp_class, --out_header, --out_function_object, --target_*)
// plus --out_library and a short form, `tfc-compile model.pb -o libmodel.a`.
// Every output is produced in memory first and written only when the whole
// compilation succeeded, so a failure never leaves a partial file behind.
//
//===----------------------------------------------------------------------===//

#include "compiler/Backend/CPU/ObjectEmitter.h"
#include "compiler/Backend/HeaderGenerator.h"
#include "compiler/Backend/ModelSignature.h"
#include "compiler/Backend/StaticLibrary.h"
#include "compiler/Conversion/Passes.h"
#include "compiler/Import/GraphDefImporter.h"
#include "compiler/Pipelines/Pipeline.h"
#include "compiler/Support/Diagnostics.h"
#include "compiler/Support/ResourceLimits.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <set>
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

/// One file to write once everything succeeded.
struct PendingOutput {
  std::string path;
  std::string bytes;
};

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

int fail(llvm::Error err) {
  llvm::errs() << "error: " << llvm::toString(std::move(err)) << "\n";
  return 1;
}

/// Writes `bytes` to the open `fd`; the error says why not.
llvm::Error writeToFd(int fd, llvm::StringRef path, llvm::StringRef bytes) {
  llvm::raw_fd_ostream stream(fd, /*shouldClose=*/true);
  stream << bytes;
  stream.close();
  if (!stream.has_error())
    return llvm::Error::success();
  std::string message = stream.error().message();
  // Cleared, or the stream would report it again as a fatal error.
  stream.clear_error();
  return makeError(path + ": cannot write: " + message);
}

/// Writes all outputs; on any failure removes what was already written.
/// A regular file (or a new one) is written to a temporary file beside it
/// and renamed over it, so nothing half-written is left behind. Anything
/// else (/dev/null, a pipe) is written in place: renaming over it would
/// replace a device node with a regular file when running as root.
llvm::Error writeOutputs(const std::vector<PendingOutput> &outputs) {
  std::vector<std::string> written;
  auto rollback = [&] {
    for (const std::string &path : written)
      llvm::sys::fs::remove(path);
  };
  for (const PendingOutput &output : outputs) {
    if (output.path == "-") {
      llvm::outs() << output.bytes;
      llvm::outs().flush();
      if (llvm::outs().has_error()) {
        std::string message = llvm::outs().error().message();
        llvm::outs().clear_error();
        rollback();
        return makeError("<stdout>: cannot write: " + message);
      }
      continue;
    }
    llvm::sys::fs::file_status status;
    if (!llvm::sys::fs::status(output.path, status) &&
        llvm::sys::fs::exists(status) &&
        !llvm::sys::fs::is_regular_file(status)) {
      if (llvm::sys::fs::is_directory(status)) {
        rollback();
        return makeError(output.path + ": cannot write: it is a directory");
      }
      int fd;
      if (std::error_code ec = llvm::sys::fs::openFileForWrite(
              output.path, fd, llvm::sys::fs::CD_OpenExisting)) {
        rollback();
        return makeError(output.path + ": cannot write: " + ec.message());
      }
      if (llvm::Error err = writeToFd(fd, output.path, output.bytes)) {
        rollback();
        return err;
      }
      continue;
    }
    llvm::SmallString<128> temp;
    int fd;
    if (std::error_code ec = llvm::sys::fs::createUniqueFile(
            output.path + ".tmp-%%%%%%", fd, temp)) {
      rollback();
      return makeError(output.path + ": cannot write: " + ec.message());
    }
    if (llvm::Error err = writeToFd(fd, output.path, output.bytes)) {
      llvm::sys::fs::remove(temp);
      rollback();
      return err;
    }
    if (std::error_code ec = llvm::sys::fs::rename(temp, output.path)) {
      llvm::sys::fs::remove(temp);
      rollback();
      return makeError(output.path + ": cannot write: " + ec.message());
    }
    written.push_back(output.path);
  }
  return llvm::Error::success();
}

/// Whether `a` and `b` name the same file: the same inode when both exist,
/// else the same absolute path after removing `.` and `..`.
bool isSameFile(llvm::StringRef a, llvm::StringRef b) {
  bool same = false;
  if (!llvm::sys::fs::equivalent(a, b, same))
    return same;
  auto normal = [](llvm::StringRef path) {
    llvm::SmallString<256> result;
    if (llvm::sys::fs::real_path(path, result))
      result = path;
    llvm::sys::fs::make_absolute(result);
    llvm::sys::path::remove_dots(result, /*remove_dot_dot=*/true);
    return std::string(result);
  };
  return normal(a) == normal(b);
}

/// `libfoo_bar.a` -> `foo_bar`; `model.pb` -> `model`; made a C identifier
/// that C reserves nowhere: `lib dyn model.a` -> `dyn_model`, never
/// `_dyn_model` (file-scope names starting with `_` are the
/// implementation's) and never with `__`.
std::string deriveModelName(llvm::StringRef path) {
  llvm::StringRef stem = llvm::sys::path::stem(path);
  stem.consume_front("lib");
  std::string name;
  for (char c : stem) {
    if (llvm::isAlnum(c))
      name += llvm::toLower(c);
    else if (!name.empty() && name.back() != '_')
      name += '_';
  }
  while (!name.empty() && name.back() == '_')
    name.pop_back();
  if (name.empty())
    return "model";
  if (llvm::isDigit(name[0]))
    name = "model_" + name;
  return name;
}

/// `foo_bar` -> `FooBar`.
std::string camelCase(llvm::StringRef name) {
  std::string result;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    result += upper ? static_cast<char>(toupper(c)) : c;
    upper = false;
  }
  return result.empty() ? "Model" : result;
}

bool isIdentifier(llvm::StringRef name) {
  if (name.empty() || isdigit(static_cast<unsigned char>(name[0])))
    return false;
  return llvm::all_of(name, [](char c) {
    return isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

/// Names C and C++ keep for the implementation: any with `__`, and any
/// starting with `_` and a capital letter (`_` and anything at file scope,
/// which `strictly` adds).
bool isReserved(llvm::StringRef name, bool strictly) {
  return name.contains("__") ||
         (name.starts_with("_") &&
          (strictly || (name.size() > 1 && llvm::isUpper(name[1]))));
}

/// C++ keywords (C++20) and alternative tokens, which cannot name a class
/// or a namespace.
bool isCppKeyword(llvm::StringRef name) {
  static const llvm::StringSet<> keywords = {
      "alignas",       "alignof",     "and",
      "and_eq",        "asm",         "auto",
      "bitand",        "bitor",       "bool",
      "break",         "case",        "catch",
      "char",          "char8_t",     "char16_t",
      "char32_t",      "class",       "compl",
      "concept",       "const",       "consteval",
      "constexpr",     "constinit",   "const_cast",
      "continue",      "co_await",    "co_return",
      "co_yield",      "decltype",    "default",
      "delete",        "do",          "double",
      "dynamic_cast",  "else",        "enum",
      "explicit",      "export",      "extern",
      "false",         "float",       "for",
      "friend",        "goto",        "if",
      "inline",        "int",         "long",
      "mutable",       "namespace",   "new",
      "noexcept",      "not",         "not_eq",
      "nullptr",       "operator",    "or",
      "or_eq",         "private",     "protected",
      "public",        "register",    "reinterpret_cast",
      "requires",      "return",      "short",
      "signed",        "sizeof",      "static",
      "static_assert", "static_cast", "struct",
      "switch",        "template",    "this",
      "thread_local",  "throw",       "true",
      "try",           "typedef",     "typeid",
      "typename",      "union",       "unsigned",
      "using",         "virtual",     "void",
      "volatile",      "wchar_t",     "while",
      "xor",           "xor_eq"};
  return keywords.contains(name);
}

struct Invocation {
  std::string graph;
  std::string prefix;
  std::vector<std::string> namespaces;
  std::string className;
  std::string header, object, library;
};

llvm::Expected<Invocation> resolveInvocation() {
  Invocation inv;
  if (!graphFile.empty() && !positionalGraph.empty())
    return makeError("give the graph either as --graph or as the first "
                     "argument, not both");
  inv.graph = graphFile.empty() ? positionalGraph : graphFile;
  if (inv.graph.empty())
    return makeError("no graph given; usage: tfc-compile model.pb -o "
                     "libmodel.a (see --help)");
  inv.header = outHeader;
  inv.object = outObject;
  inv.library = outLibrary;
  if (emit == "lib" && !outShort.empty()) {
    if (!inv.library.empty())
      return makeError("give the library either as --out_library or -o");
    inv.library = outShort;
  }
  if (emit == "obj" && !outShort.empty())
    inv.object = outShort;
  if (emit == "lib" || emit == "obj") {
    if (inv.library.empty() && inv.object.empty() && inv.header.empty())
      return makeError("no output given; use -o libmodel.a, or "
                       "--out_library / --out_function_object / "
                       "--out_header");
    // The short form writes the header beside the library.
    if (inv.header.empty() && !outShort.empty() && emit == "lib") {
      llvm::SmallString<128> header(llvm::sys::path::parent_path(outShort));
      llvm::sys::path::append(header,
                              deriveModelName(outShort) + std::string(".h"));
      inv.header = std::string(header);
    }
  }

  inv.prefix = modelName;
  if (inv.prefix.empty())
    inv.prefix = deriveModelName(
        !inv.library.empty() ? inv.library
                             : (!inv.object.empty() ? inv.object : inv.graph));
  if (!isIdentifier(inv.prefix))
    return makeError("--model_name '" + inv.prefix + "' is not a C identifier");
  if (isReserved(inv.prefix, /*strictly=*/true))
    return makeError("--model_name '" + inv.prefix +
                     "' is reserved in C (it starts with '_' or holds '__'); "
                     "choose another");
  if (cppClass.empty()) {
    inv.className = camelCase(inv.prefix);
  } else {
    llvm::SmallVector<llvm::StringRef> parts;
    // A leading `::` (the global namespace, as tfcompile allows) adds
    // nothing.
    llvm::StringRef spec = cppClass;
    spec.consume_front("::");
    spec.split(parts, "::");
    for (llvm::StringRef part : parts) {
      if (!isIdentifier(part))
        return makeError("--cpp_class '" + cppClass +
                         "' is not of the form ns1::ns2::ClassName");
      if (isCppKeyword(part))
        return makeError("--cpp_class '" + cppClass + "': '" + part +
                         "' is a C++ keyword; choose another name");
      if (isReserved(part, /*strictly=*/false))
        return makeError("--cpp_class '" + cppClass + "': '" + part +
                         "' is reserved in C++ (it holds '__' or starts with "
                         "'_' and a capital); choose another name");
    }
    inv.className = parts.back().str();
    for (llvm::StringRef ns : llvm::ArrayRef(parts).drop_back())
      inv.namespaces.push_back(ns.str());
  }
  return inv;
}

/// Refuses outputs that would overwrite an input or each other, before
/// anything is compiled or written.
llvm::Error checkOutputPaths(const Invocation &inv) {
  std::vector<std::pair<std::string, std::string>> outputs; // (flag, path)
  if (emit == "mlir" || emit == "llvm") {
    if (!outShort.empty() && outShort != "-")
      outputs.push_back({"-o", outShort});
  } else {
    bool shortLibrary = emit == "lib" && !outShort.empty();
    bool shortObject = emit == "obj" && !outShort.empty();
    if (!inv.library.empty())
      outputs.push_back({shortLibrary ? "-o" : "--out_library", inv.library});
    if (!inv.object.empty())
      outputs.push_back(
          {shortObject ? "-o" : "--out_function_object", inv.object});
    if (!inv.header.empty())
      outputs.push_back({"--out_header", inv.header});
  }
  if (!outMetadataObject.empty())
    outputs.push_back({"--out_metadata_object", outMetadataObject});
  std::vector<std::pair<std::string, std::string>> inputs = {
      {"the graph", inv.graph}};
  if (!configFile.empty())
    inputs.push_back({"the config", configFile});
  for (auto [i, output] : llvm::enumerate(outputs)) {
    for (const auto &input : inputs)
      if (isSameFile(output.second, input.second))
        return makeError(output.first + " '" + output.second + "' is " +
                         input.first +
                         " being compiled; choose another "
                         "output path");
    for (const auto &other : llvm::ArrayRef(outputs).take_front(i))
      if (isSameFile(output.second, other.second))
        return makeError(other.first + " and " + output.first + " both name '" +
                         output.second + "'; give each output its own path");
  }
  return llvm::Error::success();
}

llvm::Expected<ImportOptions> readImportOptions(const Invocation &inv) {
  ImportOptions options;
  options.fileName = inv.graph;
  options.maxTensorBytes = maxTensorBytes;
  if (!configFile.empty()) {
    auto config = readConfig(configFile);
    if (!config)
      return config.takeError();
    options.config = std::move(*config);
  }
  if (!feedList.empty()) {
    auto feeds = parseFeedList(feedList);
    if (!feeds)
      return feeds.takeError();
    options.config.feeds = std::move(*feeds);
  }
  if (!fetchList.empty()) {
    auto fetches = parseFetchList(fetchList);
    if (!fetches)
      return fetches.takeError();
    options.config.fetches = std::move(*fetches);
  }
  return options;
}

/// Number of tfc ops in `module`.
int64_t countTFCOps(ModuleOp module) {
  int64_t count = 0;
  module.walk([&](Operation *op) {
    if (isa<TFCDialect>(op->getDialect()))
      ++count;
  });
  return count;
}

/// Bytes of all constants in `module` (tfc level).
int64_t countWeightBytes(ModuleOp module) {
  int64_t bytes = 0;
  module.walk([&](ConstOp op) {
    auto type = cast<ShapedType>(op.getValue().getType());
    int64_t bits = type.getElementTypeBitWidth();
    bytes += type.getNumElements() * ((bits + 7) / 8);
  });
  return bytes;
}

/// Bytes of executable sections in an object file.
llvm::Expected<int64_t> countCodeBytes(llvm::StringRef object) {
  auto file = llvm::object::ObjectFile::createObjectFile(
      llvm::MemoryBufferRef(object, "model.o"));
  if (!file)
    return file.takeError();
  int64_t bytes = 0;
  for (const llvm::object::SectionRef &section : (*file)->sections())
    if (section.isText())
      bytes += section.getSize();
  return bytes;
}

std::string printModule(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os);
  return text;
}

/// --dump_fetch_nodes: tfcompile's output exactly (sorted, distinct node
/// names joined by commas, no newline).
int dumpFetches() {
  std::vector<FetchSpec> fetches;
  if (!configFile.empty()) {
    auto config = readConfig(configFile);
    if (!config)
      return fail(config.takeError());
    fetches = std::move(config->fetches);
  } else if (!fetchList.empty()) {
    auto list = parseFetchList(fetchList);
    if (!list)
      return fail(list.takeError());
    fetches = std::move(*list);
  } else {
    return fail(makeError("--dump_fetch_nodes needs --config or --fetches"));
  }
  std::set<std::string> nodes;
  for (const FetchSpec &fetch : fetches)
    nodes.insert(fetch.id.node);
  llvm::outs() << llvm::join(nodes, ",");
  return 0;
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

int compile() {
  if (dumpFetchNodes)
    return dumpFetches();
  noteIgnoredFlags();
  auto inv = resolveInvocation();
  if (!inv)
    return fail(inv.takeError());
  if (emit != "lib" && emit != "obj" && emit != "mlir" && emit != "llvm")
    return fail(
        makeError("--emit must be lib, obj, mlir or llvm, not '" + emit + "'"));
  if (compileTo.getNumOccurrences() > 0 && emit != "mlir")
    return fail(makeError("--compile-to stops --emit=mlir after a phase; "
                          "without --emit=mlir it would be ignored"));
  if (!configFile.empty() &&
      (feedList.getNumOccurrences() > 0 || fetchList.getNumOccurrences() > 0))
    return fail(makeError("--feeds and --fetches take the place of a config; "
                          "give either --config or them, not both"));
  std::optional<Phase> stopAfter = parsePhase(compileTo);
  if (!stopAfter)
    return fail(makeError("--compile-to must be import, optimize, linalg, "
                          "bufferize or llvm, not '" +
                          compileTo + "'"));
  if (llvm::Error err = checkOutputPaths(*inv))
    return fail(std::move(err));
  if (maxTensorBytes <= 0)
    return fail(makeError("--max_tensor_bytes must be positive"));
  auto importOptions = readImportOptions(*inv);
  if (!importOptions)
    return fail(importOptions.takeError());
  auto graph = readGraphDef(inv->graph);
  if (!graph)
    return fail(graph.takeError());

  // Check the target before compiling anything for it.
  auto machine =
      createTargetMachine({targetTriple.getValue(), targetCpu.getValue(),
                           targetFeatures.getValue()});
  if (!machine)
    return fail(machine.takeError());
  const llvm::Triple &triple = (*machine)->getTargetTriple();
  auto runtimeObject = getRuntimeObject(triple);
  if (!runtimeObject)
    return fail(runtimeObject.takeError());
  auto kernelIsa = selectKernelIsa(**machine, kernels);
  if (!kernelIsa)
    return fail(kernelIsa.takeError());

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<TFCDialect>();
  MLIRContext context(registry);
  OneLineDiagnosticHandler diagnostics(&context);

  OwningOpRef<ModuleOp> module =
      importGraphDef(&context, *graph, *importOptions);
  if (!module)
    return 1;
  auto entry = cast<func::FuncOp>(module->getBody()->front());
  std::string entryName = entry.getName().str();

  PipelineOptions pipelineOptions;
  pipelineOptions.optimize = optimize;
  pipelineOptions.kernelIsa = *kernelIsa;
  pipelineOptions.indexBitwidth = triple.isArch64Bit() ? 64 : 32;
  // Runs the phases after `from` up to and including `to`.
  auto runPhases = [&](Phase from, Phase to) {
    PassManager pm(&context);
    if (failed(applyPassManagerCLOptions(pm)) ||
        failed(buildPipeline(pm, from, to, pipelineOptions)))
      return failure();
    return pm.run(*module);
  };

  std::vector<PendingOutput> outputs;
  if (emit == "mlir") {
    if (failed(runPhases(Phase::Import, *stopAfter)))
      return 1;
    outputs.push_back(
        {outShort.empty() ? "-" : outShort.getValue(), printModule(*module)});
    if (llvm::Error err = writeOutputs(outputs))
      return fail(std::move(err));
    return 0;
  }

  // The signature is read off the imported function; the arena size once
  // memory is planned.
  int64_t opsBefore = countTFCOps(*module);
  if (failed(runPhases(Phase::Import, Phase::Optimize)))
    return 1;
  // Shapes are all known now; none may have grown past the cap (or past
  // what int64 counts) through shape inference.
  if (failed(checkTensorSizes(*module, maxTensorBytes)))
    return 1;
  int64_t opsAfter = countTFCOps(*module);
  int64_t weightBytes = countWeightBytes(*module);
  FailureOr<ModelSignature> signature =
      getModelSignature(module->lookupSymbol<func::FuncOp>(entryName));
  if (failed(signature))
    return 1;
  if (failed(runPhases(Phase::Optimize, Phase::Bufferize)))
    return 1;
  auto planned = module->lookupSymbol<func::FuncOp>(entryName);
  if (auto size = planned->getAttrOfType<IntegerAttr>(kArenaSizeAttr))
    signature->arenaSize = size.getInt();
  if (auto align = planned->getAttrOfType<IntegerAttr>(kArenaAlignmentAttr))
    signature->arenaAlignment = align.getInt();
  auto planAttr = [&](llvm::StringRef name) -> int64_t {
    auto attr = planned->getAttrOfType<IntegerAttr>(name);
    return attr ? attr.getInt() : 0;
  };
  int64_t lowerBound = planAttr(kArenaLowerBoundAttr);
  int64_t naive = planAttr(kArenaNaiveAttr);
  if (failed(runPhases(Phase::Bufferize, Phase::LLVM)))
    return 1;

  llvm::LLVMContext llvmContext;
  if (llvmOptLevel > 3)
    return fail(makeError("--llvm-opt-level must be 0, 1, 2 or 3"));
  auto llvmModule =
      buildLLVMModule(*module, llvmContext, entryName, inv->prefix, *signature,
                      **machine, llvmOptLevel);
  if (!llvmModule)
    return fail(llvmModule.takeError());
  if (emit == "llvm") {
    std::string text;
    llvm::raw_string_ostream os(text);
    (*llvmModule)->print(os, nullptr);
    outputs.push_back({outShort.empty() ? "-" : outShort.getValue(), text});
    if (llvm::Error err = writeOutputs(outputs))
      return fail(std::move(err));
    return 0;
  }
  auto object = emitObjectFile(**llvmModule, **machine);
  if (!object)
    return fail(object.takeError());
  if (printStats) {
    auto codeBytes = countCodeBytes(*object);
    if (!codeBytes)
      return fail(codeBytes.takeError());
    llvm::outs() << "stats for " << inv->graph << " (" << triple.str() << "):\n"
                 << "  ops before: " << opsBefore << "\n"
                 << "  ops after: " << opsAfter << "\n"
                 << "  weights: " << weightBytes << " bytes\n"
                 << "  arena: " << signature->arenaSize << " bytes\n"
                 << "  lower bound: " << lowerBound << " bytes\n"
                 << "  naive: " << naive << " bytes\n"
                 << "  code: " << *codeBytes << " bytes\n";
  }

  if (!inv->object.empty())
    outputs.push_back({inv->object, *object});
  if (!inv->library.empty()) {
    auto library = buildStaticLibrary(
        {{inv->prefix + ".o", *object}, {"tfc_runtime.o", *runtimeObject}});
    if (!library)
      return fail(library.takeError());
    outputs.push_back({inv->library, std::move(*library)});
  }
  if (!outMetadataObject.empty())
    outputs.push_back({outMetadataObject, runtimeObject->str()});
  if (!inv->header.empty()) {
    HeaderOptions headerOptions;
    headerOptions.prefix = inv->prefix;
    headerOptions.cppNamespaces = inv->namespaces;
    headerOptions.cppClass = inv->className;
    headerOptions.graphFile = llvm::sys::path::filename(inv->graph).str();
    headerOptions.targetTriple = triple.str();
    headerOptions.bareMetal = isBareMetalTarget(triple);
    outputs.push_back({inv->header, generateHeader(*signature, headerOptions)});
  }
  if (llvm::Error err = writeOutputs(outputs))
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
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerAllPasses();
  registerTFCTransformsPasses();
  registerTFCConversionPasses();
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
