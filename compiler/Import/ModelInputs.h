//===- ModelInputs.h - reading GraphDefs and feed/fetch configs -*- C++ -*-===//
//
// Reads what a user hands tfc-compile: a GraphDef in binary or text form
// (told apart by content), a tfcompile-style config (text or binary), and the
// `--feeds` / `--fetches` command-line shorthand. Failures are llvm::Errors
// whose message is the one line the user sees.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_IMPORT_MODELINPUTS_H
#define TFC_COMPILER_IMPORT_MODELINPUTS_H

#include "compiler/proto/graph.pb.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir::tfc {

/// One output of one node: `node:index`.
struct TensorRef {
  std::string node;
  int64_t index = 0;
  std::string str() const;
};

/// A feed: a node output that becomes an argument of the compiled function.
struct FeedSpec {
  TensorRef id;
  /// Known shape with -1 for unknown sizes; nullopt when even the rank is
  /// unknown (then the graph must know it).
  std::optional<std::vector<int64_t>> shape;
  tensorflow::DataType type = tensorflow::DT_INVALID; // DT_INVALID: from graph
  std::string name; // C identifier used in the generated API; may be empty
};

/// A fetch: a node output that becomes a result of the compiled function.
struct FetchSpec {
  TensorRef id;
  std::string name;
};

/// A resource variable (a VarHandleOp node) that becomes a caller-visible
/// buffer: an argument holding its value, and, unless read-only, a result
/// holding its value after the run (tfcompile's config `variable`).
struct VariableSpec {
  std::string node;
  std::string name; // C identifier; may be empty (then the node's name)
  std::vector<int64_t> shape; // absent in the config: a scalar
  tensorflow::DataType type = tensorflow::DT_INVALID;
  bool readonly = false;
};

/// Feeds and fetches; both empty means "use the graph's defaults".
struct FeedFetchConfig {
  std::vector<FeedSpec> feeds;
  std::vector<FetchSpec> fetches;
  std::vector<VariableSpec> variables;
};

/// The dims of `shape` with -1 for unknown sizes; nullopt for unknown rank.
std::optional<std::vector<int64_t>>
shapeFromProto(const tensorflow::TensorShapeProto &shape);

/// Reads a GraphDef from `path`, binary or text, chosen by the content.
llvm::Expected<tensorflow::GraphDef> readGraphDef(llvm::StringRef path);

/// Parses a GraphDef from bytes; `name` names it in errors.
llvm::Expected<tensorflow::GraphDef> parseGraphDef(llvm::StringRef bytes,
                                                   llvm::StringRef name);

/// Reads a tensorflow.tf2xla.Config proto, text or binary (told apart by
/// content, as GraphDefs are).
llvm::Expected<FeedFetchConfig> readConfig(llvm::StringRef path);

/// Parses a tensorflow.tf2xla.Config proto, text or binary, from bytes;
/// `name` names it in errors.
llvm::Expected<FeedFetchConfig> parseConfig(llvm::StringRef bytes,
                                            llvm::StringRef name);

/// Parses `--feeds` syntax: `x:0[1,784],y[3],z[]` (index and shape optional,
/// `?` or -1 for an unknown size).
llvm::Expected<std::vector<FeedSpec>> parseFeedList(llvm::StringRef text);

/// Parses `--fetches` syntax: `out,other:1`.
llvm::Expected<std::vector<FetchSpec>> parseFetchList(llvm::StringRef text);

/// The feeds and fetches of the config file `config` (when not empty), with
/// `--feeds` and `--fetches` lists replacing its own when they are not empty:
/// what tfc-compile and tfc-translate import a graph with.
llvm::Expected<FeedFetchConfig> readFeedFetchConfig(llvm::StringRef config,
                                                    llvm::StringRef feeds,
                                                    llvm::StringRef fetches);

/// Parses `node`, `node:3` (and `^node`, reported as a control input).
struct ParsedInput {
  TensorRef ref;
  bool isControl = false;
};
std::optional<ParsedInput> parseNodeInput(llvm::StringRef input);

} // namespace mlir::tfc

#endif // TFC_COMPILER_IMPORT_MODELINPUTS_H
