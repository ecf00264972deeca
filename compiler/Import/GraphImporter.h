//===- GraphImporter.h - the GraphDef importer's state ----------*- C++ -*-===//
//
// Private to compiler/Import: the class that imports one GraphDef, shared by
// GraphDefImporter.cpp (feeds, fetches, variables, the sorted walk over the
// graph's nodes) and ImportControlFlow.cpp (library function calls, If,
// While and TensorFlow 1's while loops).
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_IMPORT_GRAPHIMPORTER_H
#define TFC_COMPILER_IMPORT_GRAPHIMPORTER_H

#include "compiler/Import/GraphDefImporter.h"
#include "compiler/Import/NodeContext.h"
#include "compiler/Support/Diagnostics.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <deque>
#include <map>
#include <set>

namespace mlir::tfc::importer {

/// The ops of TensorFlow 1's while loops (Enter, Merge, Switch, LoopCond,
/// NextIteration, Exit), which only the frame import handles.
bool isLoopOp(StringRef op);

/// A shape as TensorFlow prints it: `[2,?]`.
std::string shapeString(std::optional<ArrayRef<int64_t>> shape);
/// A tensor type as TensorFlow users read it: `float[2,?]`.
std::string tensorTypeString(Type type);

class GraphImporter {
public:
  GraphImporter(MLIRContext *context, const tensorflow::GraphDef &graph,
                const ImportOptions &options)
      : context(context), graph(graph), options(options), builder(context) {}

  OwningOpRef<ModuleOp> run();

private:
  struct Feed {
    TensorRef id;
    std::string name;
    TensorType type;
    bool named; // the config gave the name
  };
  struct Fetch {
    TensorRef id;
    std::string name;
    bool named;
  };
  /// A config variable: its argument, and its value as of the node being
  /// imported (reads see the assignments sorted before them).
  struct Variable {
    std::string node;
    std::string name;
    RankedTensorType type;
    bool readonly;
    Value current;
  };

  LogicalResult indexNodes();
  LogicalResult resolveFeeds();
  LogicalResult resolveFetches();
  LogicalResult resolveVariables();
  /// VarHandleOp, ReadVariableOp, Assign{,Add,Sub}VariableOp, and Identity
  /// of a resource: they read and update `variables`, creating no op but
  /// the arithmetic of an assign-add or -sub.
  LogicalResult importVariableNode(const tensorflow::NodeDef &node);
  /// One node's results from its operands: a call of a library function
  /// (inlined), an If (see importIf), or an op importer.
  FailureOr<SmallVector<Value>> importOp(const tensorflow::NodeDef &node,
                                         SmallVector<Value> operands);
  /// The library function a node calls (its op is the function's name, or
  /// it is a PartitionedCall or StatefulPartitionedCall); null if none.
  const tensorflow::FunctionDef *
  calledFunction(const tensorflow::NodeDef &node) const;
  /// The library function a function-valued attribute names; null if none.
  const tensorflow::FunctionDef *functionAttr(const tensorflow::NodeDef &node,
                                              StringRef attr) const;
  /// Imports the body of `function` with its arguments bound to `args`, its
  /// nodes named `<caller>/<node>` in diagnostics; returns its outputs.
  FailureOr<SmallVector<Value>>
  inlineFunction(const tensorflow::NodeDef &caller,
                 const tensorflow::FunctionDef &function, ValueRange args);
  /// If and StatelessIf: an scf.if holding the two inlined branches, on a
  /// scalar condition (a number is true when not zero); a condition of known
  /// non-scalar shape picks its branch at compile time, as TensorFlow's rule
  /// (non-empty is true) does.
  FailureOr<SmallVector<Value>> importIf(const tensorflow::NodeDef &node,
                                         ValueRange operands);
  /// A scalar condition as a tensor<i1>: a number is true when not zero.
  FailureOr<Value> truthOf(const tensorflow::NodeDef &node, Value condition);
  /// While and StatelessWhile: an scf.while whose `before` region holds the
  /// inlined `cond` and whose `after` region holds the inlined `body`. Loop
  /// variables keep one shape through the loop.
  FailureOr<SmallVector<Value>> importWhile(const tensorflow::NodeDef &node,
                                            ValueRange operands);
  /// `value` cast to `type` when their shapes are compatible (one knows a
  /// size the other does not; shape inference refines both later).
  FailureOr<Value> castToShape(Value value, Type type);
  bool isVariableNode(const tensorflow::NodeDef &node) const;
  /// A VarHandleOp the fetches need that the config does not list.
  LogicalResult unlistedVariableError(const tensorflow::NodeDef &node) const {
    return nodeError(node, "variable '" + node.name() +
                               "' is not in the config; list it as "
                               "`variable { node_name: \"" +
                               node.name() +
                               "\" type: ... }`, or freeze the graph so "
                               "variables become constants");
  }
  LogicalResult collectNeededNodes();
  LogicalResult checkOpsSupported();
  LogicalResult sortNodes();
  LogicalResult buildFunction(ModuleOp module);

  /// A TensorFlow 1 while loop: the nodes of one frame (an Enter's
  /// `frame_name` and every node its values reach before an Exit).
  struct Frame {
    std::string name;
    const Frame *parent = nullptr; // null: the graph's top level
    std::vector<const tensorflow::NodeDef *> members; // in sorted order
    const tensorflow::NodeDef *loopCond = nullptr;
  };
  /// Whether `outer` is `inner` or holds it (null is the graph's top level).
  static bool isNestedIn(const Frame *outer, const Frame *inner);
  /// One step of the import: a node, or a whole while loop.
  struct Unit {
    const tensorflow::NodeDef *node = nullptr;
    const Frame *frame = nullptr;
  };
  /// Assigns every sorted node its frame (null outside loops).
  LogicalResult findFrames();

  /// TensorFlow 1's cond (Switch and Merge outside loops): both sides are
  /// computed and each Merge selects by the Switches' predicate. A side is
  /// a set of (predicate, branch) pairs, the predicate being the value
  /// under any Identity; a value outside every cond has none.
  using CondSide = SmallVector<std::pair<Value, bool>, 2>;
  /// Gives the outputs of `node` the side of its inputs (data and
  /// control); refuses integer division on a side, which could trap there.
  LogicalResult trackCondSides(const tensorflow::NodeDef &node);
  /// Switch: its input on both outputs; Merge: a select of its two inputs.
  LogicalResult importCondNode(const tensorflow::NodeDef &node);
  /// The side of a node's output (empty outside conds).
  std::map<std::pair<std::string, int64_t>, CondSide> condSides;
  /// `nodes` (in sorted order) as units of `level`: its own nodes, and its
  /// nested loops as one unit each, ordered so inputs come first.
  FailureOr<std::vector<Unit>>
  orderUnits(ArrayRef<const tensorflow::NodeDef *> nodes, const Frame *level);
  LogicalResult importUnits(ArrayRef<Unit> units);
  /// A frame as an scf.while: the nodes its LoopCond needs go in the
  /// `before` region, those its NextIterations need in the `after` region.
  LogicalResult importFrame(const Frame &frame);
  /// The nodes of `frame` (and loops nested in it) that `roots` need,
  /// stopping at the nodes `isBoundary` accepts, in sorted order.
  FailureOr<std::vector<const tensorflow::NodeDef *>>
  frameNodesFor(const Frame &frame, ArrayRef<ParsedInput> roots,
                llvm::function_ref<FailureOr<bool>(const tensorflow::NodeDef &)>
                    isBoundary);
  LogicalResult importNode(const tensorflow::NodeDef &node);

  FailureOr<TensorType> feedType(const FeedSpec &spec);
  /// The shape of a PlaceholderWithDefault's default value, when known.
  std::optional<std::vector<int64_t>>
  defaultShapeOf(const tensorflow::NodeDef &node) const;
  std::optional<std::vector<int64_t>>
  graphShapeOf(const tensorflow::NodeDef &node, int64_t index) const;

  Location nodeLoc(const tensorflow::NodeDef &node) const {
    return getNodeLoc(context, options.fileName, node.name(), node.op());
  }
  Location fileLoc() const {
    return FileLineColLoc::get(context, options.fileName, 0, 0);
  }
  LogicalResult nodeError(const tensorflow::NodeDef &node,
                          const Twine &message) const {
    return emitError(nodeLoc(node), message);
  }
  LogicalResult fileError(const Twine &message) const {
    return emitError(fileLoc(), message);
  }
  bool isFed(const TensorRef &ref) const {
    return fedTensors.count({ref.node, ref.index});
  }

  MLIRContext *context;
  const tensorflow::GraphDef &graph;
  const ImportOptions &options;
  OpBuilder builder;

  llvm::StringMap<const tensorflow::NodeDef *> nodesByName;
  llvm::StringMap<size_t> graphPosition;
  std::vector<Feed> feeds;
  std::vector<Fetch> fetches;
  std::vector<Variable> variables;
  llvm::StringMap<unsigned> variableByNode;
  llvm::StringMap<const tensorflow::FunctionDef *> functions;
  unsigned callDepth = 0;
  /// Resource-typed outputs (`node`, index) and the variable they hold.
  std::map<std::pair<std::string, int64_t>, unsigned> resources;
  std::set<std::pair<std::string, int64_t>> fedTensors;
  llvm::StringSet<> needed;
  std::vector<const tensorflow::NodeDef *> sorted;
  /// `sorted` with each top-level while loop as one unit.
  std::vector<Unit> units;
  std::deque<Frame> frames;
  llvm::DenseMap<const tensorflow::NodeDef *, const Frame *> frameOf;
  llvm::DenseMap<const tensorflow::NodeDef *, size_t> sortedPosition;
  std::map<std::pair<std::string, int64_t>, Value> values;
  int64_t constantBytes = 0;
};

} // namespace mlir::tfc::importer

#endif // TFC_COMPILER_IMPORT_GRAPHIMPORTER_H
