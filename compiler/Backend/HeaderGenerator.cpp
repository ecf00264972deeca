//===- HeaderGenerator.cpp - the C/C++ header of a compiled model ---------===//
//
// The header is self-contained (it repeats the few runtime declarations it
// needs) so users include it alone. Everything in it is either a constant
// known at compile time or a thin inline wrapper over `<prefix>_run`.
//
//===----------------------------------------------------------------------===//

#include "compiler/Backend/HeaderGenerator.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tfc;

/// `text` made safe inside a C comment: node and file names come from the
/// graph and the command line, and could otherwise end the comment (`*/`, a
/// newline in a `//` comment) and inject code into the user's build.
/// Anything but printable ASCII becomes `\xNN`; `*/` and `/*` are split.
static std::string commentText(llvm::StringRef text) {
  std::string result;
  for (char c : text) {
    if ((c == '/' && !result.empty() && result.back() == '*') ||
        (c == '*' && !result.empty() && result.back() == '/'))
      result += ' ';
    if (c == '\\' || !llvm::isPrint(c)) {
      result += "\\x";
      result += llvm::hexdigit((static_cast<unsigned char>(c) >> 4) & 15);
      result += llvm::hexdigit(static_cast<unsigned char>(c) & 15);
      continue;
    }
    result += c;
  }
  return result;
}

static std::string shapeText(const TensorSignature &tensor) {
  std::string text = "[";
  for (auto [i, dim] : llvm::enumerate(tensor.shape))
    text += (i ? "," : "") + std::to_string(dim);
  return text + "]";
}

static std::string sizeList(const std::vector<TensorSignature> &tensors) {
  if (tensors.empty())
    return "0";
  std::string text;
  for (auto [i, tensor] : llvm::enumerate(tensors))
    text += (i ? ", " : "") + std::to_string(tensor.bytes());
  return text;
}

/// Documents each argument or result in the header's opening comment.
static void describeTensors(llvm::raw_ostream &os, llvm::StringRef what,
                            const std::vector<TensorSignature> &tensors) {
  for (auto [i, tensor] : llvm::enumerate(tensors))
    os << " *   " << what << i << " '" << commentText(tensor.name)
       << "': " << tensor.dtype << shapeText(tensor) << ", " << tensor.bytes()
       << " bytes"
       << (tensor.tensor.empty()
               ? ""
               : ", graph tensor " + commentText(tensor.tensor))
       << "\n";
}

/// The parameters and the row-major offset of an element accessor:
/// `size_t dim0, size_t dim1` and `dim0 * 3 + dim1`. A scalar or a tensor of
/// shape [1] takes no index, as in tfcompile's classes.
static std::pair<std::string, std::string>
elementIndex(const TensorSignature &tensor) {
  const std::vector<int64_t> &shape = tensor.shape;
  if (shape.empty() || (shape.size() == 1 && shape[0] == 1))
    return {"", "0"};
  std::string params, offset;
  int64_t stride = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    std::string dim = "dim" + std::to_string(i);
    params = "size_t " + dim + (params.empty() ? "" : ", ") + params;
    std::string term = stride == 1 ? dim : dim + " * " + std::to_string(stride);
    offset = offset.empty() ? term : term + " + " + offset;
    stride *= shape[i];
  }
  return {params, offset};
}

/// The accessors of one argument, result or variable, under one name
/// (`arg0`, `arg_x`, `var_x`): the data pointer, one element by index, the
/// byte size and element count, and, for arguments, the setter of the
/// buffer. A read-only variable's data is const, as in tfcompile.
static void emitAccessorSet(llvm::raw_ostream &os, llvm::StringRef name,
                            llvm::StringRef buffer, size_t index,
                            const TensorSignature &tensor, bool settable,
                            bool readonly) {
  auto [params, offset] = elementIndex(tensor);
  std::string type = (readonly ? "const " : "") + tensor.cType;
  const std::string &base = tensor.cType;
  os << llvm::formatv(
      "  {0}* {1}_data() {{ return static_cast<{0}*>({2}_data({3})); }\n"
      "  const {4}* {1}_data() const {{\n"
      "    return static_cast<const {4}*>({2}_data({3}));\n  }\n"
      "  {0}& {1}({5}) {{ return {1}_data()[{6}]; }\n"
      "  const {4}& {1}({5}) const {{ return {1}_data()[{6}]; }\n"
      "  size_t {1}_size() const {{ return {7}; }\n"
      "  size_t {1}_count() const {{ return {8}; }\n",
      type, name, buffer, index, base, params, offset, tensor.bytes(),
      tensor.count());
  if (settable)
    os << llvm::formatv("  void set_{0}_data(const void* data) {{ "
                        "set_arg_data({1}, data); }\n",
                        name, index);
}

/// Typed accessors of the arguments, results and variables in the C++
/// class: by position (`arg0`) and by name (`arg_x`) for feeds and fetches,
/// by name (`var_x`) for variables.
static void emitAccessors(llvm::raw_ostream &os,
                          const ModelSignature &signature) {
  for (auto [i, tensor] : llvm::enumerate(signature.args)) {
    os << "  // arg" << i << " '" << tensor.name << "': " << tensor.dtype
       << shapeText(tensor)
       << (tensor.variable
               ? (tensor.readonly ? ", read-only variable" : ", variable")
               : "")
       << "\n";
    if (tensor.variable) {
      emitAccessorSet(os, "var_" + tensor.name, "arg", i, tensor,
                      /*settable=*/true, tensor.readonly);
      continue;
    }
    emitAccessorSet(os, "arg" + std::to_string(i), "arg", i, tensor,
                    /*settable=*/true, /*readonly=*/false);
    emitAccessorSet(os, "arg_" + tensor.name, "arg", i, tensor,
                    /*settable=*/true, /*readonly=*/false);
  }
  for (auto [i, tensor] : llvm::enumerate(signature.results)) {
    os << "  // result" << i << " '" << tensor.name << "': " << tensor.dtype
       << shapeText(tensor)
       << (tensor.updatesArg >= 0
               ? ", the new value of arg" + std::to_string(tensor.updatesArg)
               : "")
       << "\n";
    emitAccessorSet(os, "result" + std::to_string(i), "result", i, tensor,
                    /*settable=*/false, /*readonly=*/false);
    if (tensor.updatesArg < 0)
      emitAccessorSet(os, "result_" + tensor.name, "result", i, tensor,
                      /*settable=*/false, /*readonly=*/false);
  }
}

/// A C array of the names, ended by nullptr.
static std::string nameList(const std::vector<TensorSignature> &tensors,
                            bool variables) {
  std::string text = "{";
  for (const TensorSignature &tensor : tensors)
    if (tensor.variable == variables && tensor.updatesArg < 0)
      text += "\"" + tensor.name + "\", ";
  return text + "nullptr}";
}

/// For each result, the argument whose buffer receives it after a run (a
/// variable's new value), or -1.
static std::string updateList(const std::vector<TensorSignature> &results) {
  std::string text = "{";
  for (const TensorSignature &result : results)
    text += std::to_string(result.updatesArg) + ", ";
  return text + "-1}";
}

/// The base class every generated class derives from, once per translation
/// unit: buffers, Run(), the thread pool, and lookup by name. Shaped like
/// tfcompile's XlaCompiledCpuFunction, and known by that name in namespace
/// tensorflow unless TFC_NO_TFCOMPILE_NAMES is defined.
static void emitBaseClass(llvm::raw_ostream &os) {
  os << R"(#ifndef TFC_COMPILED_FUNCTION_V1
#define TFC_COMPILED_FUNCTION_V1
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>

namespace tfc {

// What a generated class tells its base: the entry point and the buffers.
struct ModelInfo {
  int (*run)(const void* const*, void* const*, void*, tfc_thread_pool*);
  int num_args, num_results, num_variables;
  const size_t* arg_sizes;
  const size_t* result_sizes;
  size_t arena_size, alignment;
  const char* const* arg_names;       // feeds, nullptr-terminated
  const char* const* result_names;    // fetches, nullptr-terminated
  const char* const* variable_names;  // variables, nullptr-terminated
  const int* updates_arg;  // per result: the argument it updates, or -1
  bool has_names;          // the config named the feeds and fetches
};

// The generated classes' common part. Construct once (buffers and the
// arena are allocated here, never in Run()), fill the arguments, call
// Run(), read the results. Not thread-safe; use one instance per thread.
class CompiledFunction {
 public:
  // ARGS_VARIABLES_RESULTS_PROFILES_AND_TEMPS allocates every buffer;
  // RESULTS_PROFILES_AND_TEMPS_ONLY leaves the arguments and variables to
  // the caller's set_arg_data() / set_argN_data() / set_var_X_data().
  enum class AllocMode {
    ARGS_VARIABLES_RESULTS_PROFILES_AND_TEMPS,
    RESULTS_PROFILES_AND_TEMPS_ONLY,
  };

  CompiledFunction(const CompiledFunction&) = delete;
  CompiledFunction& operator=(const CompiledFunction&) = delete;
  ~CompiledFunction() {
    if (owned_pool_) tfc_thread_pool_destroy(owned_pool_);
    tfc_aligned_free(block_);
  }

  // Runs the model; false on failure, and error_msg() says why. A
  // variable's new value is copied into the variable's buffer.
  bool Run() {
    if (!block_) return false;
    int status = info_.run(args_, results_, arena_, pool_);
    error_ = status ? tfc_status_string(status) : "";
    if (status) return false;
    for (int i = 0; i < info_.num_results; ++i)
      if (info_.updates_arg[i] >= 0)
        std::memcpy(args_[info_.updates_arg[i]], results_[i],
                    info_.result_sizes[i]);
    return true;
  }
  std::string error_msg() const { return error_; }

  // Later runs split their work over `pool`'s threads (nullptr: one
  // thread, the default). The pool stays the caller's.
  void set_thread_pool(tfc_thread_pool* pool) { pool_ = pool; }
  // For code written for tfcompile: an Eigen::ThreadPoolDevice (or anything
  // with numThreads()) gets a tfc pool of as many threads, made here, owned
  // by this object; Run() still allocates nothing.
  template <typename Device,
            typename = decltype(std::declval<const Device&>().numThreads())>
  void set_thread_pool(const Device* device) {
    if (owned_pool_) tfc_thread_pool_destroy(owned_pool_);
    owned_pool_ = nullptr;
    int threads = device ? static_cast<int>(device->numThreads()) : 1;
    if (threads > 1) owned_pool_ = tfc_thread_pool_create(threads);
    pool_ = owned_pool_;
  }

  void* arg_data(size_t i) { return args_[i]; }
  const void* arg_data(size_t i) const { return args_[i]; }
  // Uses `data` (arg_size(i) bytes, aligned for the element type) as
  // argument i without copying; it must outlive the next Run().
  void set_arg_data(size_t i, const void* data) {
    args_[i] = const_cast<void*>(data);
  }
  void* result_data(size_t i) { return results_[i]; }
  const void* result_data(size_t i) const { return results_[i]; }
  void* const* args() const { return args_; }
  void* const* results() const { return results_; }

  int num_args() const { return info_.num_args; }
  int num_results() const { return info_.num_results; }
  int num_variables() const { return info_.num_variables; }
  const char* const* arg_names() const { return info_.arg_names; }
  const char* const* result_names() const { return info_.result_names; }
  const char* const* variable_names() const { return info_.variable_names; }

  // Whether the config named the feeds and fetches (tfcompile generates the
  // name tables with --gen_name_to_index; tfc always does).
  bool HasNameIndices() const { return info_.has_names; }
  // The index of the feed, fetch or variable of that name, or -1. A
  // variable's index is its argument's.
  int LookupArgIndex(const std::string& name) const {
    return find(info_.arg_names, name);
  }
  int LookupResultIndex(const std::string& name) const {
    return find(info_.result_names, name);
  }
  int LookupVariableIndex(const std::string& name) const {
    int i = find(info_.variable_names, name);
    return i < 0 ? -1 : info_.num_args - info_.num_variables + i;
  }

 protected:
  // One block holds the buffer pointers, the buffers this object owns and,
  // unless the caller gives one, the arena.
  CompiledFunction(const ModelInfo& info, AllocMode mode, void* arena)
      : info_(info) {
    bool own_args =
        mode == AllocMode::ARGS_VARIABLES_RESULTS_PROFILES_AND_TEMPS;
    size_t pointers =
        padded(sizeof(void*) * (info.num_args + info.num_results + 1));
    size_t total = pointers;
    for (int i = 0; own_args && i < info.num_args; ++i)
      total += padded(info.arg_sizes[i]);
    for (int i = 0; i < info.num_results; ++i)
      total += padded(info.result_sizes[i]);
    total += arena ? 0 : padded(info.arena_size);
    block_ = static_cast<char*>(tfc_aligned_alloc(info.alignment, total));
    if (!block_) {
      error_ = tfc_status_string(TFC_STATUS_ALLOCATION_FAILED);
      return;
    }
    std::memset(block_, 0, total);
    args_ = reinterpret_cast<void**>(block_);
    results_ = args_ + info.num_args;
    char* next = block_ + pointers;
    for (int i = 0; own_args && i < info.num_args; ++i) {
      args_[i] = next;
      next += padded(info.arg_sizes[i]);
    }
    for (int i = 0; i < info.num_results; ++i) {
      results_[i] = next;
      next += padded(info.result_sizes[i]);
    }
    arena_ = arena ? arena : next;
  }

 private:
  size_t padded(size_t n) const {
    return (n + info_.alignment - 1) / info_.alignment * info_.alignment;
  }
  static int find(const char* const* names, const std::string& name) {
    for (int i = 0; names[i]; ++i)
      if (name == names[i]) return i;
    return -1;
  }
  const ModelInfo& info_;
  char* block_ = nullptr;
  void** args_ = nullptr;
  void** results_ = nullptr;
  void* arena_ = nullptr;
  tfc_thread_pool* pool_ = nullptr;
  tfc_thread_pool* owned_pool_ = nullptr;
  const char* error_ = "";
};

}  // namespace tfc

#ifndef TFC_NO_TFCOMPILE_NAMES
namespace tensorflow {
using XlaCompiledCpuFunction = ::tfc::CompiledFunction;
}  // namespace tensorflow
#endif
#endif  // TFC_COMPILED_FUNCTION_V1

)";
}

std::string mlir::tfc::generateHeader(const ModelSignature &signature,
                                      const HeaderOptions &options) {
  std::string text;
  llvm::raw_string_ostream os(text);
  const std::string &p = options.prefix;
  std::string upper = llvm::StringRef(p).upper();
  std::string guard = "TFC_GENERATED_" + upper + "_H_";
  size_t numArgs = signature.args.size();
  size_t numResults = signature.results.size();

  os << "/* Generated by tfc-compile from " << commentText(options.graphFile)
     << "; do not edit.\n"
     << " * Target: " << commentText(options.targetTriple) << "\n *\n"
     << " * Link with lib" << p << ".a (or the object file) and -lm.\n"
     << " *\n * Arguments:\n";
  describeTensors(os, "arg", signature.args);
  os << " * Results:\n";
  describeTensors(os, "result", signature.results);
  os << " *\n"
     << " * C API: fill the argument buffers, call " << p << "_run(args,\n"
     << " * results, arena) with arrays of " << upper << "_NUM_ARGS and "
     << upper << "_NUM_RESULTS\n"
     << " * buffer pointers and an arena of " << upper
     << "_ARENA_SIZE bytes aligned to " << upper << "_ARENA_ALIGNMENT\n"
     << " * ("
     << (options.bareMetal ? "a static array" : "from tfc_aligned_alloc")
     << ", say). It returns 0 on success, else a status\n"
     << " * that tfc_status_string() explains. Results are written to the "
        "result\n"
     << " * buffers; the arena holds only scratch data. run() allocates "
        "nothing,\n"
     << " * and calls with distinct arenas and buffers may run "
        "concurrently.\n";
  if (options.bareMetal)
    os << " * Bare-metal target: the runtime has no allocator and no threads "
          "(no\n"
       << " * malloc, no pthreads are linked); " << p
       << "_run_with_pool() takes a NULL pool,\n"
       << " * and there is no C++ class. Weights are const data (flash).\n"
       << " */\n\n";
  else
    os << " * " << p
       << "_run_with_pool() does the same on the threads of a "
          "pool from\n"
       << " * tfc_thread_pool_create(), with bit-identical results.\n */\n\n";

  os << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stddef.h>\n#include <stdint.h>\n"
     << "#ifndef __cplusplus\n#include <stdbool.h>\n#endif\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";

  // Runtime declarations, shared by every generated header.
  os << "#ifndef TFC_RUNTIME_H\n#define TFC_RUNTIME_H\n"
     << "enum {\n  TFC_STATUS_OK = 0,\n  TFC_STATUS_NULL_ARENA = 1,\n"
     << "  TFC_STATUS_MISALIGNED_ARENA = 2,\n  TFC_STATUS_NULL_BUFFER = 3,\n"
     << "  TFC_STATUS_ALLOCATION_FAILED = 4\n};\n";
  if (!options.bareMetal)
    os << "void* tfc_aligned_alloc(size_t alignment, size_t size);\n"
       << "void tfc_aligned_free(void* ptr);\n";
  os << "const char* tfc_status_string(int status);\n"
     << "typedef struct tfc_thread_pool tfc_thread_pool;\n";
  if (!options.bareMetal)
    os << "tfc_thread_pool* tfc_thread_pool_create(int num_threads);\n"
       << "void tfc_thread_pool_destroy(tfc_thread_pool* pool);\n";
  os << "int tfc_thread_pool_size(const tfc_thread_pool* pool);\n"
     << "#endif /* TFC_RUNTIME_H */\n";
  if (!options.bareMetal)
    os << "#ifndef TFC_HAS_THREAD_POOL\n#define TFC_HAS_THREAD_POOL 1\n"
       << "#endif\n";
  os << "\n";

  os << "#define " << upper << "_NUM_ARGS " << numArgs << "\n"
     << "#define " << upper << "_NUM_RESULTS " << numResults << "\n"
     << "#define " << upper << "_NUM_VARIABLES " << signature.numVariables()
     << "\n"
     << "#define " << upper << "_ARENA_SIZE " << signature.arenaSize << "\n"
     << "#define " << upper << "_ARENA_ALIGNMENT " << signature.arenaAlignment
     << "\n\n"
     << "/* Bytes of each argument and result buffer. */\n"
     << "static const size_t " << p << "_arg_sizes[] = {"
     << sizeList(signature.args) << "};\n"
     << "static const size_t " << p << "_result_sizes[] = {"
     << sizeList(signature.results) << "};\n\n"
     << "/* Runs the model; see the comment at the top. */\n"
     << "int " << p
     << "_run(const void* const* args, void* const* results, void* arena);\n"
     << "/* Runs the model on the threads of `pool` (NULL: this thread "
        "only). */\n"
     << "int " << p
     << "_run_with_pool(const void* const* args, void* const* results,\n"
     << "    void* arena, tfc_thread_pool* pool);\n\n"
     << "#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n\n";
  if (options.bareMetal) {
    os << "#endif  /* " << guard << " */\n";
    return text;
  }

  // The C++ class, shaped like tfcompile's.
  os << "#ifdef __cplusplus\n";
  emitBaseClass(os);
  for (const std::string &ns : options.cppNamespaces)
    os << "namespace " << ns << " {\n";
  const std::string &cls = options.cppClass;
  bool named = llvm::any_of(signature.args, [](const TensorSignature &t) {
    return t.named && !t.variable;
  }) || llvm::any_of(signature.results, [](const TensorSignature &t) {
    return t.named && t.updatesArg < 0;
  });
  os << "\n// " << cls << " runs the model (see tfc::CompiledFunction).\n"
     << "class " << cls << " final : public ::tfc::CompiledFunction {\n"
     << " public:\n"
     << "  // Arguments: the feeds, then the variables. Results: the fetches, "
        "then the\n  // new values of the variables the graph assigns.\n"
     << "  static constexpr int kNumArgs = " << numArgs << ";\n"
     << "  static constexpr int kNumResults = " << numResults << ";\n"
     << "  static constexpr int kNumVariables = " << signature.numVariables()
     << ";\n"
     << "  static constexpr size_t kArenaSize = " << signature.arenaSize
     << ";\n\n"
     << "  // Allocates the result buffers, the arena and, in the default "
        "mode, the\n  // argument and variable buffers.\n"
     << "  " << cls
     << "(AllocMode mode = "
        "AllocMode::ARGS_VARIABLES_RESULTS_PROFILES_AND_TEMPS)\n"
     << "      : CompiledFunction(Info(), mode, nullptr) {}\n"
     << "  // The same with the caller's arena: kArenaSize bytes, aligned to "
     << signature.arenaAlignment << ".\n"
     << "  explicit " << cls
     << "(void* arena, AllocMode mode =\n"
        "      AllocMode::ARGS_VARIABLES_RESULTS_PROFILES_AND_TEMPS)\n"
     << "      : CompiledFunction(Info(), mode, arena) {}\n\n"
     << "  static size_t arg_size(size_t i) { return " << p
     << "_arg_sizes[i]; }\n"
     << "  static size_t result_size(size_t i) { return " << p
     << "_result_sizes[i]; }\n\n";
  emitAccessors(os, signature);
  os << "\n private:\n"
     << "  static const ::tfc::ModelInfo& Info() {\n"
     << "    static const char* const kArgNames[] = "
     << nameList(signature.args, /*variables=*/false) << ";\n"
     << "    static const char* const kResultNames[] = "
     << nameList(signature.results, /*variables=*/false) << ";\n"
     << "    static const char* const kVariableNames[] = "
     << nameList(signature.args, /*variables=*/true) << ";\n"
     << "    static const int kUpdatesArg[] = "
     << updateList(signature.results) << ";\n"
     << "    static const ::tfc::ModelInfo info = {\n"
     << "        " << p << "_run_with_pool, kNumArgs, kNumResults, "
     << "kNumVariables,\n"
     << "        " << p << "_arg_sizes, " << p << "_result_sizes, kArenaSize, "
     << signature.arenaAlignment << ",\n"
     << "        kArgNames, kResultNames, kVariableNames, kUpdatesArg, "
     << (named ? "true" : "false") << "};\n"
     << "    return info;\n  }\n};\n\n";
  for (auto it = options.cppNamespaces.rbegin();
       it != options.cppNamespaces.rend(); ++it)
    os << "}  // namespace " << *it << "\n";
  os << "#endif  /* __cplusplus */\n\n#endif  /* " << guard << " */\n";
  return text;
}
