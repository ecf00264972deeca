//===- Driver.cpp - a GraphDef to a library and header, as a library ------===//
//
// compileModel() is tfc-compile without its command line: check the options,
// read the inputs, import, run the phases of compiler/Pipelines, and build
// every output in memory. The checks run in a fixed order, cheapest first,
// and all of them before anything is compiled: the same mistake always gets
// the same message.
//
//===----------------------------------------------------------------------===//

#include "compiler/Driver/Driver.h"

#include "compiler/Backend/CPU/ObjectEmitter.h"
#include "compiler/Backend/HeaderGenerator.h"
#include "compiler/Backend/ModelSignature.h"
#include "compiler/Backend/StaticLibrary.h"
#include "compiler/Conversion/Passes.h"
#include "compiler/Import/GraphDefImporter.h"
#include "compiler/Pipelines/Pipeline.h"
#include "compiler/Support/Diagnostics.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/Path.h"

#include <cctype>
#include <mutex>
#include <set>

using namespace mlir;
using namespace mlir::tfc;

char DiagnosedError::ID = 0;

void DiagnosedError::log(llvm::raw_ostream &os) const {
  os << "compilation failed; the errors were reported as diagnostics";
}

std::error_code DiagnosedError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

void mlir::tfc::registerCompilerPasses() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerAllPasses();
    registerTFCTransformsPasses();
    registerTFCConversionPasses();
  });
}

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Error diagnosed() { return llvm::make_error<DiagnosedError>(); }

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

/// The outputs, the C prefix and the C++ class, from the flags that name
/// them, each checked.
llvm::Expected<Invocation> resolveInvocation(const CompileOptions &options) {
  Invocation inv;
  inv.graph = options.graph;
  if (inv.graph.empty())
    return makeError("no graph given; usage: tfc-compile model.pb -o "
                     "libmodel.a (see --help)");
  const std::string &emit = options.emit;
  const std::string &outShort = options.output;
  inv.header = options.outHeader;
  inv.object = options.outObject;
  inv.library = options.outLibrary;
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

  inv.prefix = options.modelName;
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
  const std::string &cppClass = options.cppClass;
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
llvm::Error checkOutputPaths(const CompileOptions &options,
                             const Invocation &inv) {
  const std::string &emit = options.emit;
  const std::string &outShort = options.output;
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
  if (!options.outMetadataObject.empty())
    outputs.push_back({"--out_metadata_object", options.outMetadataObject});
  std::vector<std::pair<std::string, std::string>> inputs = {
      {"the graph", inv.graph}};
  if (!options.config.empty())
    inputs.push_back({"the config", options.config});
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

} // namespace

llvm::Expected<std::string> mlir::tfc::listFetchNodes(llvm::StringRef config,
                                                      llvm::StringRef fetches) {
  std::vector<FetchSpec> specs;
  if (!config.empty()) {
    auto parsed = readConfig(config);
    if (!parsed)
      return parsed.takeError();
    specs = std::move(parsed->fetches);
  } else if (!fetches.empty()) {
    auto list = parseFetchList(fetches);
    if (!list)
      return list.takeError();
    specs = std::move(*list);
  } else {
    return makeError("--dump_fetch_nodes needs --config or --fetches");
  }
  std::set<std::string> nodes;
  for (const FetchSpec &fetch : specs)
    nodes.insert(fetch.id.node);
  return llvm::join(nodes, ",");
}

void mlir::tfc::printCompileStats(const CompileStats &stats,
                                  llvm::raw_ostream &os) {
  os << "stats for " << stats.graph << " (" << stats.triple << "):\n"
     << "  ops before: " << stats.opsBefore << "\n"
     << "  ops after: " << stats.opsAfter << "\n"
     << "  weights: " << stats.weightBytes << " bytes\n"
     << "  arena: " << stats.arenaBytes << " bytes\n"
     << "  lower bound: " << stats.arenaLowerBound << " bytes\n"
     << "  naive: " << stats.arenaNaive << " bytes\n"
     << "  code: " << stats.codeBytes << " bytes\n";
}

llvm::Expected<CompileResult>
mlir::tfc::compileModel(const CompileOptions &options) {
  // The checks of the command line, before any file is read.
  auto inv = resolveInvocation(options);
  if (!inv)
    return inv.takeError();
  const std::string &emit = options.emit;
  if (emit != "lib" && emit != "obj" && emit != "mlir" && emit != "llvm")
    return makeError("--emit must be lib, obj, mlir or llvm, not '" + emit +
                     "'");
  if (options.compileTo && emit != "mlir")
    return makeError("--compile-to stops --emit=mlir after a phase; "
                     "without --emit=mlir it would be ignored");
  if (!options.config.empty() && (options.feeds || options.fetches))
    return makeError("--feeds and --fetches take the place of a config; "
                     "give either --config or them, not both");
  std::string compileTo = options.compileTo.value_or("llvm");
  std::optional<Phase> stopAfter = parsePhase(compileTo);
  if (!stopAfter)
    return makeError("--compile-to must be import, optimize, linalg, "
                     "bufferize or llvm, not '" +
                     compileTo + "'");
  if (llvm::Error err = checkOutputPaths(options, *inv))
    return std::move(err);
  if (options.maxTensorBytes <= 0)
    return makeError("--max_tensor_bytes must be positive");

  // The inputs.
  ImportOptions importOptions;
  importOptions.fileName = inv->graph;
  importOptions.maxTensorBytes = options.maxTensorBytes;
  auto config = readFeedFetchConfig(options.config, options.feeds.value_or(""),
                                    options.fetches.value_or(""));
  if (!config)
    return config.takeError();
  importOptions.config = std::move(*config);
  auto graph = readGraphDef(inv->graph);
  if (!graph)
    return graph.takeError();

  // Check the target before compiling anything for it.
  auto machine = createTargetMachine(options.target);
  if (!machine)
    return machine.takeError();
  const llvm::Triple &triple = (*machine)->getTargetTriple();
  auto runtimeObject = getRuntimeObject(triple);
  if (!runtimeObject)
    return runtimeObject.takeError();
  auto kernelIsa = selectKernelIsa(**machine, options.kernels);
  if (!kernelIsa)
    return kernelIsa.takeError();

  registerCompilerPasses();
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<TFCDialect>();
  MLIRContext context(registry);
  OneLineDiagnosticHandler diagnostics(&context);

  OwningOpRef<ModuleOp> module =
      importGraphDef(&context, *graph, importOptions);
  if (!module)
    return diagnosed();
  auto entry = cast<func::FuncOp>(module->getBody()->front());
  std::string entryName = entry.getName().str();

  PipelineOptions pipelineOptions;
  pipelineOptions.optimize = options.optimize;
  pipelineOptions.kernelIsa = *kernelIsa;
  pipelineOptions.winograd = options.winograd;
  pipelineOptions.pointwiseDepthwiseMinBytes =
      options.pointwiseDepthwiseMinBytes;
  pipelineOptions.indexBitwidth = triple.isArch64Bit() ? 64 : 32;
  // Runs the phases after `from` up to and including `to`.
  auto runPhases = [&](Phase from, Phase to) {
    PassManager pm(&context);
    if ((options.configurePassManager &&
         failed(options.configurePassManager(pm))) ||
        failed(buildPipeline(pm, from, to, pipelineOptions)))
      return failure();
    return pm.run(*module);
  };

  CompileResult result;
  const std::string &outShort = options.output;
  if (emit == "mlir") {
    if (failed(runPhases(Phase::Import, *stopAfter)))
      return diagnosed();
    result.outputs.push_back(
        {outShort.empty() ? "-" : outShort, printModule(*module)});
    return result;
  }

  // The signature is read off the imported function; the arena size once
  // memory is planned.
  int64_t opsBefore = countTFCOps(*module);
  if (failed(runPhases(Phase::Import, Phase::Optimize)))
    return diagnosed();
  // Shapes are all known now; none may have grown past the cap (or past
  // what int64 counts) through shape inference.
  if (failed(checkTensorSizes(*module, options.maxTensorBytes)))
    return diagnosed();
  int64_t opsAfter = countTFCOps(*module);
  int64_t weightBytes = countWeightBytes(*module);
  FailureOr<ModelSignature> signature =
      getModelSignature(module->lookupSymbol<func::FuncOp>(entryName));
  if (failed(signature))
    return diagnosed();
  if (failed(runPhases(Phase::Optimize, Phase::Bufferize)))
    return diagnosed();
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
    return diagnosed();

  llvm::LLVMContext llvmContext;
  if (options.llvmOptLevel > 3)
    return makeError("--llvm-opt-level must be 0, 1, 2 or 3");
  auto llvmModule =
      buildLLVMModule(*module, llvmContext, entryName, inv->prefix, *signature,
                      **machine, options.llvmOptLevel);
  if (!llvmModule)
    return llvmModule.takeError();
  if (emit == "llvm") {
    std::string text;
    llvm::raw_string_ostream os(text);
    (*llvmModule)->print(os, nullptr);
    result.outputs.push_back({outShort.empty() ? "-" : outShort, text});
    return result;
  }
  auto object = emitObjectFile(**llvmModule, **machine);
  if (!object)
    return object.takeError();
  if (options.stats) {
    auto codeBytes = countCodeBytes(*object);
    if (!codeBytes)
      return codeBytes.takeError();
    result.stats = CompileStats{inv->graph, triple.str(), opsBefore,
                                opsAfter,   weightBytes,  signature->arenaSize,
                                lowerBound, naive,        *codeBytes};
  }

  if (!inv->object.empty())
    result.outputs.push_back({inv->object, *object});
  if (!inv->library.empty()) {
    auto library = buildStaticLibrary(
        {{inv->prefix + ".o", *object}, {"tfc_runtime.o", *runtimeObject}});
    if (!library)
      return library.takeError();
    result.outputs.push_back({inv->library, std::move(*library)});
  }
  if (!options.outMetadataObject.empty())
    result.outputs.push_back({options.outMetadataObject, runtimeObject->str()});
  if (!inv->header.empty()) {
    HeaderOptions headerOptions;
    headerOptions.prefix = inv->prefix;
    headerOptions.cppNamespaces = inv->namespaces;
    headerOptions.cppClass = inv->className;
    headerOptions.graphFile = llvm::sys::path::filename(inv->graph).str();
    headerOptions.targetTriple = triple.str();
    headerOptions.bareMetal = isBareMetalTarget(triple);
    result.outputs.push_back(
        {inv->header, generateHeader(*signature, headerOptions)});
  }
  return result;
}
