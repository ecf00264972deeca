//===- GraphDefImporter.cpp - GraphDef to the tfc dialect -----------------===//
//
// The importer works in the order tfcompile does: resolve feeds and fetches
// (with the graph's defaults when none are given), keep only the nodes the
// fetches need (a fed output cuts the graph there), check every kept op is
// supported, sort them topologically (a cycle is an error), then build one
// function whose arguments are the feeds and whose results are the fetches.
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/GraphDefImporter.h"

#include "compiler/Import/NodeContext.h"
#include "compiler/Support/Diagnostics.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <map>
#include <set>

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// Ops with their own error because users meet them for a known reason.
StringRef explainUnsupportedOp(StringRef op) {
  static const llvm::StringSet<> variables = {
      "VariableV2", "Variable",          "Assign",
      "AssignAdd",  "AssignSub",         "ApplyGradientDescent",
      "ApplyAdam",  "ResourceApplyAdam", "ResourceApplyGradientDescent"};
  static const llvm::StringSet<> controlFlow = {
      "Switch",        "Merge",    "Enter", "Exit",
      "NextIteration", "LoopCond", "While", "StatelessWhile"};
  if (variables.contains(op))
    return "the graph is not frozen: variables are not supported; freeze it "
           "so variables become constants (convert_variables_to_constants_v2 "
           "or freeze_graph)";
  if (controlFlow.contains(op))
    return "While loops and TensorFlow 1's control flow (Switch, Merge, "
           "Enter, Exit, NextIteration, LoopCond) are not supported yet";
  return "";
}

/// A C identifier made from a TensorFlow name. It is pasted into longer
/// identifiers (`arg_<name>_data`), so it neither starts nor ends with `_`
/// and never holds `__`, which C++ reserves anywhere in a name.
std::string sanitizeName(StringRef name) {
  std::string result;
  for (char c : name) {
    bool keep = llvm::isAlnum(c);
    if (keep)
      result += c;
    else if (!result.empty() && result.back() != '_')
      result += '_';
  }
  while (!result.empty() && result.back() == '_')
    result.pop_back();
  if (result.empty() || llvm::isDigit(result[0]))
    result = "t" + result;
  return result;
}

/// `name`, or `name_2`, `name_3`... whichever `names` does not hold yet.
std::string uniqueName(llvm::StringSet<> &names, const std::string &name) {
  std::string candidate = name;
  for (int suffix = 2; !names.insert(candidate).second; ++suffix)
    candidate = name + "_" + std::to_string(suffix);
  return candidate;
}

/// Graph inputs have one output. They are never imported when fed, so an
/// index past it must be caught by name, or it would read as "not fed".
bool hasOneOutput(const tensorflow::NodeDef &node) {
  return node.op() == "Placeholder" || node.op() == "PlaceholderWithDefault" ||
         node.op() == "_Arg";
}

/// Whether two shapes (-1 for unknown sizes) can describe one tensor.
bool shapesAgree(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  if (a.size() != b.size())
    return false;
  for (auto [x, y] : llvm::zip(a, b))
    if (x >= 0 && y >= 0 && x != y)
      return false;
  return true;
}

std::string shapeString(std::optional<ArrayRef<int64_t>> shape) {
  if (!shape)
    return "<unknown rank>";
  std::string text = "[";
  for (auto [i, dim] : llvm::enumerate(*shape)) {
    if (i)
      text += ",";
    text += dim < 0 ? "?" : std::to_string(dim);
  }
  return text + "]";
}

/// A tensor type as TensorFlow users read it: `float[2,?]`.
std::string tensorTypeString(Type type) {
  auto tensor = dyn_cast<TensorType>(type);
  if (!tensor)
    return "a non-tensor";
  std::optional<std::vector<int64_t>> shape;
  if (tensor.hasRank()) {
    shape.emplace();
    for (int64_t dim : tensor.getShape())
      shape->push_back(ShapedType::isDynamic(dim) ? -1 : dim);
  }
  return elementTypeName(tensor.getElementType()) +
         shapeString(shape ? std::optional<ArrayRef<int64_t>>(*shape)
                           : std::nullopt);
}

/// The element type of output `index` of `node` as its attributes tell it,
/// or DT_INVALID when they do not (a fed node's type, when the config does
/// not give it). Most ops output their `T`; these do not.
tensorflow::DataType outputTypeOf(const tensorflow::NodeDef &node,
                                  int64_t index) {
  auto typeAttr = [&](const char *name, tensorflow::DataType otherwise) {
    auto it = node.attr().find(name);
    return it != node.attr().end() &&
                   it->second.value_case() == tensorflow::AttrValue::kType
               ? it->second.type()
               : otherwise;
  };
  static const llvm::StringSet<> boolOutputs = {
      "Less",     "LessEqual",  "Greater",         "GreaterEqual", "Equal",
      "NotEqual", "LogicalAnd", "LogicalOr",       "LogicalNot",   "IsNan",
      "IsInf",    "IsFinite",   "ApproximateEqual"};
  StringRef op = node.op();
  if (boolOutputs.contains(op))
    return index == 0 ? tensorflow::DT_BOOL : tensorflow::DT_INVALID;
  if (op == "Cast")
    return index == 0 ? typeAttr("DstT", tensorflow::DT_INVALID)
                      : tensorflow::DT_INVALID;
  if (op == "Shape" || op == "Size" || op == "ShapeN")
    return typeAttr("out_type", tensorflow::DT_INT32);
  if (op == "Rank")
    return tensorflow::DT_INT32;
  if (op == "ArgMax" || op == "ArgMin")
    return index == 0 ? typeAttr("output_type", tensorflow::DT_INT64)
                      : tensorflow::DT_INVALID;
  if (op == "TopKV2" && index == 1)
    return typeAttr("index_type", tensorflow::DT_INT32);
  if (index != 0)
    return tensorflow::DT_INVALID;
  tensorflow::DataType dtype = typeAttr("dtype", tensorflow::DT_INVALID);
  return dtype != tensorflow::DT_INVALID
             ? dtype
             : typeAttr("T", tensorflow::DT_INVALID);
}

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
  /// Imports the body of `function` with its arguments bound to `args`, its
  /// nodes named `<caller>/<node>` in diagnostics; returns its outputs.
  FailureOr<SmallVector<Value>>
  inlineFunction(const tensorflow::NodeDef &caller,
                 const tensorflow::FunctionDef &function, ValueRange args);
  /// If and StatelessIf: both branches are imported and each output is
  /// selected by the condition (the branches have no side effects tfc
  /// supports, and ops that could trap on the branch not taken are
  /// refused); a condition of known non-scalar shape picks its branch at
  /// compile time, as TensorFlow's rule (non-empty is true) does.
  FailureOr<SmallVector<Value>> importIf(const tensorflow::NodeDef &node,
                                         ValueRange operands);
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
  std::map<std::pair<std::string, int64_t>, Value> values;
  int64_t constantBytes = 0;
};

} // namespace

LogicalResult GraphImporter::indexNodes() {
  for (auto [i, node] : llvm::enumerate(graph.node())) {
    if (node.name().empty())
      return fileError("node #" + Twine(i) + " (op " + node.op() +
                       ") has no name");
    if (!nodesByName.try_emplace(node.name(), &node).second)
      return nodeError(node, "two nodes have this name");
    graphPosition[node.name()] = i;
  }
  for (const tensorflow::FunctionDef &function : graph.library().function())
    functions[function.signature().name()] = &function;
  return success();
}

std::optional<std::vector<int64_t>>
GraphImporter::graphShapeOf(const tensorflow::NodeDef &node,
                            int64_t index) const {
  const auto &attrs = node.attr();
  if (node.op() == "Placeholder" || node.op() == "PlaceholderWithDefault") {
    auto it = attrs.find("shape");
    if (it == attrs.end() || !it->second.has_shape())
      return std::nullopt;
    const tensorflow::TensorShapeProto &shape = it->second.shape();
    // Before GraphDef version 22, `shape {}` meant "unknown", not "scalar"
    // (TensorFlow's Placeholder shape function).
    if (graph.versions().producer() <= 21 && shape.dim_size() == 0 &&
        !shape.unknown_rank())
      return std::nullopt;
    return shapeFromProto(shape);
  }
  auto it = attrs.find("_output_shapes");
  if (it != attrs.end() && it->second.has_list() &&
      index < it->second.list().shape_size())
    return shapeFromProto(it->second.list().shape(index));
  return std::nullopt;
}

std::optional<std::vector<int64_t>>
GraphImporter::defaultShapeOf(const tensorflow::NodeDef &node) const {
  if (node.input_size() < 1)
    return std::nullopt;
  std::optional<ParsedInput> input = parseNodeInput(node.input(0));
  const tensorflow::NodeDef *source =
      input ? nodesByName.lookup(input->ref.node) : nullptr;
  if (!source || source->op() != "Const")
    return graphShapeOf(source ? *source : node, input ? input->ref.index : 0);
  auto it = source->attr().find("value");
  if (it == source->attr().end() || !it->second.has_tensor())
    return std::nullopt;
  return shapeFromProto(it->second.tensor().tensor_shape());
}

FailureOr<TensorType> GraphImporter::feedType(const FeedSpec &spec) {
  const tensorflow::NodeDef &node = *nodesByName.lookup(spec.id.node);
  // The element type: from the config, else from the node's attributes.
  tensorflow::DataType dtype = spec.type;
  if (dtype == tensorflow::DT_INVALID)
    dtype = outputTypeOf(node, spec.id.index);
  if (dtype == tensorflow::DT_INVALID)
    return nodeError(node, "cannot tell the type of feed '" + spec.id.str() +
                               "'; give it a type in the config");
  Type elementType = convertDataType(context, dtype);
  if (!elementType)
    return nodeError(node, "feed '" + spec.id.str() + "' has type " +
                               dataTypeName(dtype) +
                               ", which is not supported");

  // The shape: the config's, with unknown sizes filled from the graph.
  std::optional<std::vector<int64_t>> shape = spec.shape;
  std::optional<std::vector<int64_t>> fromGraph =
      graphShapeOf(node, spec.id.index);
  if (!shape) {
    shape = fromGraph;
  } else if (fromGraph) {
    if (fromGraph->size() != shape->size())
      return nodeError(node, "feed '" + spec.id.str() + "' has shape " +
                                 shapeString(*shape) + " in the config but " +
                                 shapeString(*fromGraph) + " in the graph");
    for (auto [dim, graphDim] : llvm::zip(*shape, *fromGraph)) {
      if (dim < 0)
        dim = graphDim;
      else if (graphDim >= 0 && graphDim != dim)
        return nodeError(node, "feed '" + spec.id.str() + "' has shape " +
                                   shapeString(*spec.shape) +
                                   " in the config but " +
                                   shapeString(*fromGraph) + " in the graph");
    }
  }
  // A PlaceholderWithDefault that declares no shape still has its default's:
  // a feed of another shape is a mistake in the config, not a new model.
  if (node.op() == "PlaceholderWithDefault" && !fromGraph && shape) {
    std::optional<std::vector<int64_t>> defaultShape = defaultShapeOf(node);
    if (defaultShape && !shapesAgree(*shape, *defaultShape))
      return nodeError(node, "feed '" + spec.id.str() + "' has shape " +
                                 shapeString(*shape) +
                                 " but the default value has shape " +
                                 shapeString(*defaultShape) +
                                 "; feed it with the default's shape");
  }
  if (!shape)
    return TensorType(UnrankedTensorType::get(elementType));
  std::string sizeError = checkTensorSize(*shape, storageBytes(elementType),
                                          options.maxTensorBytes);
  if (!sizeError.empty())
    return nodeError(node, "feed '" + spec.id.str() + "': " + sizeError);
  SmallVector<int64_t> dims;
  for (int64_t dim : *shape)
    dims.push_back(dim < 0 ? ShapedType::kDynamic : dim);
  return TensorType(RankedTensorType::get(dims, elementType));
}

LogicalResult GraphImporter::resolveFeeds() {
  std::vector<FeedSpec> specs = options.config.feeds;
  if (specs.empty()) {
    // Defaults: every Placeholder in graph order, then every _Arg by index.
    std::vector<std::pair<int64_t, size_t>> args; // (index, graph position)
    for (const tensorflow::NodeDef &node : graph.node()) {
      if (node.op() == "Placeholder") {
        FeedSpec spec;
        spec.id = {node.name(), 0};
        specs.push_back(spec);
      } else if (node.op() == "_Arg") {
        auto it = node.attr().find("index");
        int64_t index = it == node.attr().end() ? 0 : it->second.i();
        args.push_back({index, graphPosition.lookup(node.name())});
      }
    }
    llvm::sort(args);
    for (auto &[index, position] : args) {
      FeedSpec spec;
      spec.id = {graph.node(position).name(), 0};
      specs.push_back(spec);
    }
  }
  llvm::StringSet<> names;
  for (const FeedSpec &spec : specs) {
    const tensorflow::NodeDef *node = nodesByName.lookup(spec.id.node);
    if (!node)
      return fileError("feed '" + spec.id.str() +
                       "' names no node in the graph");
    if (hasOneOutput(*node) && spec.id.index != 0)
      return nodeError(*node, "feed '" + spec.id.str() +
                                  "' is not an output of this node");
    if (!fedTensors.insert({spec.id.node, spec.id.index}).second)
      return nodeError(*node, "fed twice ('" + spec.id.str() + "')");
    FailureOr<TensorType> type = feedType(spec);
    if (failed(type))
      return failure();
    std::string name = uniqueName(
        names, sanitizeName(spec.name.empty() ? spec.id.str() : spec.name));
    feeds.push_back({spec.id, name, *type, !spec.name.empty()});
  }
  return success();
}

LogicalResult GraphImporter::resolveFetches() {
  std::vector<FetchSpec> specs = options.config.fetches;
  if (specs.empty()) {
    // Defaults: the _Retval nodes by index if there are any, else every node
    // whose outputs nothing consumes.
    std::vector<std::pair<int64_t, size_t>> retvals; // (index, position)
    for (const tensorflow::NodeDef &node : graph.node()) {
      if (node.op() != "_Retval")
        continue;
      auto it = node.attr().find("index");
      retvals.push_back({it == node.attr().end() ? 0 : it->second.i(),
                         graphPosition.lookup(node.name())});
    }
    llvm::sort(retvals);
    for (auto [i, retval] : llvm::enumerate(retvals)) {
      auto [index, position] = retval;
      const tensorflow::NodeDef *node = &graph.node(position);
      // Each index names one result of the function; two nodes claiming one
      // would leave the other's result unreachable.
      if (i > 0 && retvals[i - 1].first == index)
        return nodeError(*node, "_Retval index " + Twine(index) +
                                    " is also used by node '" +
                                    graph.node(retvals[i - 1].second).name() +
                                    "'; each result needs its own index");
      if (node->input_size() < 1)
        return nodeError(*node, "_Retval has no input");
      std::optional<ParsedInput> input = parseNodeInput(node->input(0));
      if (!input || input->isControl)
        return nodeError(*node, "bad input '" + node->input(0) + "'");
      specs.push_back({input->ref, node->name()});
    }
    if (specs.empty()) {
      llvm::StringSet<> consumed;
      for (const tensorflow::NodeDef &node : graph.node())
        for (const std::string &input : node.input())
          if (std::optional<ParsedInput> parsed = parseNodeInput(input))
            consumed.insert(parsed->ref.node);
      for (const tensorflow::NodeDef &node : graph.node()) {
        if (consumed.contains(node.name()) || node.op() == "NoOp" ||
            node.op() == "Placeholder" || node.op() == "_Arg")
          continue;
        specs.push_back({{node.name(), 0}, ""});
      }
    }
    if (specs.empty()) {
      // Every node being consumed is what a cycle looks like too (a loop, or
      // a node with itself as control input); name it rather than say the
      // graph has no outputs.
      for (const tensorflow::NodeDef &node : graph.node())
        needed.insert(node.name());
      if (failed(sortNodes()))
        return failure();
      needed.clear();
      sorted.clear();
      return fileError("the graph has nothing to fetch; name the outputs "
                       "with --fetches or a config");
    }
  }
  llvm::StringSet<> names;
  for (const Feed &feed : feeds)
    names.insert(feed.name);
  for (const FetchSpec &spec : specs) {
    const tensorflow::NodeDef *node = nodesByName.lookup(spec.id.node);
    if (!node)
      return fileError("fetch '" + spec.id.str() +
                       "' names no node in the graph");
    if (hasOneOutput(*node) && spec.id.index != 0)
      return nodeError(*node, "fetch '" + spec.id.str() +
                                  "' is not an output of this node");
    std::string name = uniqueName(
        names, sanitizeName(spec.name.empty() ? spec.id.str() : spec.name));
    // Only a config names a fetch; the defaults take _Retval nodes' names.
    fetches.push_back(
        {spec.id, name, !spec.name.empty() && !options.config.fetches.empty()});
  }
  return success();
}

LogicalResult GraphImporter::resolveVariables() {
  llvm::StringSet<> names;
  for (const Feed &feed : feeds)
    names.insert(feed.name);
  for (const Fetch &fetch : fetches)
    names.insert(fetch.name);
  for (const VariableSpec &spec : options.config.variables) {
    const tensorflow::NodeDef *node = nodesByName.lookup(spec.node);
    if (!node)
      return fileError("variable '" + spec.node +
                       "' names no node in the graph");
    if (node->op() != "VarHandleOp")
      return nodeError(*node, "a config variable must be a resource variable "
                              "(VarHandleOp), not " +
                                  node->op());
    if (variableByNode.count(spec.node))
      return nodeError(*node, "listed twice as a config variable");
    auto dtype = node->attr().find("dtype");
    if (dtype == node->attr().end() || dtype->second.type() != spec.type)
      return nodeError(*node, "the config gives variable '" + spec.node +
                                  "' type " + dataTypeName(spec.type) +
                                  " but the node holds " +
                                  (dtype == node->attr().end()
                                       ? std::string("no dtype")
                                       : dataTypeName(dtype->second.type())));
    Type elementType = convertDataType(context, spec.type);
    if (!elementType)
      return nodeError(*node, "variable type " + dataTypeName(spec.type) +
                                  " is not supported");
    auto declared = node->attr().find("shape");
    if (declared != node->attr().end()) {
      std::optional<std::vector<int64_t>> shape =
          shapeFromProto(declared->second.shape());
      if (shape && !shapesAgree(spec.shape, *shape))
        return nodeError(*node, "the config gives variable '" + spec.node +
                                    "' shape " + shapeString(spec.shape) +
                                    " but the node declares " +
                                    shapeString(*shape));
    }
    std::string name = uniqueName(
        names, sanitizeName(spec.name.empty() ? spec.node : spec.name));
    variableByNode[spec.node] = variables.size();
    variables.push_back({spec.node, name,
                         RankedTensorType::get(spec.shape, elementType),
                         spec.readonly, Value()});
  }
  return success();
}

bool GraphImporter::isVariableNode(const tensorflow::NodeDef &node) const {
  StringRef op = node.op();
  if (op == "VarHandleOp" || op == "ReadVariableOp" ||
      op == "AssignVariableOp" || op == "AssignAddVariableOp" ||
      op == "AssignSubVariableOp")
    return true;
  if (op != "Identity" || node.input_size() < 1)
    return false;
  std::optional<ParsedInput> input = parseNodeInput(node.input(0));
  return input && !input->isControl &&
         resources.count({input->ref.node, input->ref.index});
}

LogicalResult
GraphImporter::importVariableNode(const tensorflow::NodeDef &node) {
  StringRef op = node.op();
  if (op == "VarHandleOp") {
    auto it = variableByNode.find(node.name());
    if (it == variableByNode.end())
      return unlistedVariableError(node);
    resources[{node.name(), 0}] = it->second;
    return success();
  }
  // The first data input is the resource; an assignment's second is the
  // value.
  SmallVector<ParsedInput> inputs;
  for (const std::string &input : node.input()) {
    std::optional<ParsedInput> parsed = parseNodeInput(input);
    if (parsed && !parsed->isControl)
      inputs.push_back(*parsed);
  }
  bool assigns = op.starts_with("Assign");
  if (inputs.size() != (assigns ? 2u : 1u))
    return nodeError(node, "expected " + Twine(assigns ? 2 : 1) +
                               " data inputs, got " + Twine(inputs.size()));
  auto resource = resources.find({inputs[0].ref.node, inputs[0].ref.index});
  if (resource == resources.end())
    return nodeError(node, "input '" + inputs[0].ref.str() +
                               "' is not a variable's handle (VarHandleOp)");
  Variable &variable = variables[resource->second];
  if (op == "Identity") {
    resources[{node.name(), 0}] = resource->second;
    return success();
  }
  auto dtype = node.attr().find("dtype");
  if (dtype != node.attr().end() &&
      convertDataType(context, dtype->second.type()) !=
          variable.type.getElementType())
    return nodeError(node, "reads or writes variable '" + variable.node +
                               "' as " + dataTypeName(dtype->second.type()) +
                               ", but it holds " +
                               elementTypeName(variable.type.getElementType()));
  if (op == "ReadVariableOp") {
    values[{node.name(), 0}] = variable.current;
    return success();
  }
  if (variable.readonly)
    return nodeError(node, "assigns variable '" + variable.node +
                               "', which the config marks readonly");
  auto value = values.find({inputs[1].ref.node, inputs[1].ref.index});
  if (value == values.end())
    return nodeError(node, "input '" + inputs[1].ref.str() +
                               "' is not an output of '" + inputs[1].ref.node +
                               "'");
  Value operand = value->second;
  if (operand.getType() != variable.type)
    return nodeError(node, "assigns a value of type " +
                               tensorTypeString(operand.getType()) +
                               " to variable '" + variable.node + "' of type " +
                               tensorTypeString(variable.type));
  Location loc = nodeLoc(node);
  if (op == "AssignVariableOp")
    variable.current = operand;
  else if (op == "AssignAddVariableOp")
    variable.current = AddOp::create(builder, loc, variable.current, operand);
  else
    variable.current = SubOp::create(builder, loc, variable.current, operand);
  return success();
}

LogicalResult GraphImporter::collectNeededNodes() {
  std::vector<std::string> worklist;
  auto need = [&](const TensorRef &ref) {
    if (!isFed(ref) && needed.insert(ref.node).second)
      worklist.push_back(ref.node);
  };
  for (const Fetch &fetch : fetches)
    need(fetch.id);
  while (!worklist.empty()) {
    const tensorflow::NodeDef &node = *nodesByName.lookup(worklist.back());
    worklist.pop_back();
    for (const std::string &input : node.input()) {
      std::optional<ParsedInput> parsed = parseNodeInput(input);
      if (!parsed)
        return nodeError(node, "malformed input '" + input + "'");
      // An Assert is pruned (see importNode): its condition and message
      // (strings, often) are not needed, only its control inputs.
      if (node.op() == "Assert" && !parsed->isControl)
        continue;
      const tensorflow::NodeDef *source = nodesByName.lookup(parsed->ref.node);
      if (!source)
        return nodeError(node,
                         "input '" + input + "' names no node in the graph");
      if (!parsed->isControl && hasOneOutput(*source) && parsed->ref.index != 0)
        return nodeError(node, "input '" + input + "' is not an output of '" +
                                   source->name() +
                                   "', which has only output 0");
      need(parsed->ref);
    }
  }
  return success();
}

LogicalResult GraphImporter::checkOpsSupported() {
  const llvm::StringMap<OpImporter> &importers = getOpImporters();
  for (const tensorflow::NodeDef &node : graph.node()) {
    if (!needed.contains(node.name()))
      continue;
    StringRef op = node.op();
    if (op == "Placeholder" || op == "_Arg")
      return nodeError(node, "this input is needed but not fed; add it to "
                             "the feeds (config or --feeds)");
    if (calledFunction(node) || op == "If" || op == "StatelessIf" ||
        op == "Assert")
      continue;
    if (op == "PartitionedCall" || op == "StatefulPartitionedCall") {
      auto f = node.attr().find("f");
      return nodeError(node, f == node.attr().end() || !f->second.has_func()
                                 ? Twine("attribute 'f' names no function")
                                 : "function '" + f->second.func().name() +
                                       "' is not in the graph's library");
    }
    if (op == "PlaceholderWithDefault" || importers.count(op) ||
        op == "ReadVariableOp" || op == "AssignVariableOp" ||
        op == "AssignAddVariableOp" || op == "AssignSubVariableOp")
      continue;
    if (op == "VarHandleOp") {
      if (variableByNode.count(node.name()))
        continue;
      return unlistedVariableError(node);
    }
    StringRef reason = explainUnsupportedOp(op);
    if (!reason.empty())
      return nodeError(node, reason);
    return nodeError(node, "unsupported op; docs/OPS.md lists the ops tfc "
                           "supports");
  }
  return success();
}

LogicalResult GraphImporter::sortNodes() {
  // Kahn's algorithm over data and control edges, taking ready nodes in
  // graph order so the output is deterministic.
  llvm::StringMap<unsigned> pendingInputs;
  llvm::StringMap<std::vector<const tensorflow::NodeDef *>> consumers;
  std::set<size_t> ready;
  for (const tensorflow::NodeDef &node : graph.node()) {
    if (!needed.contains(node.name()))
      continue;
    unsigned pending = 0;
    for (const std::string &input : node.input()) {
      std::optional<ParsedInput> parsed = parseNodeInput(input);
      if (!parsed || isFed(parsed->ref) || !needed.contains(parsed->ref.node))
        continue;
      ++pending;
      consumers[parsed->ref.node].push_back(&node);
    }
    pendingInputs[node.name()] = pending;
    if (pending == 0)
      ready.insert(graphPosition[node.name()]);
  }
  while (!ready.empty()) {
    const tensorflow::NodeDef &node = graph.node(*ready.begin());
    ready.erase(ready.begin());
    sorted.push_back(&node);
    for (const tensorflow::NodeDef *consumer : consumers[node.name()])
      if (--pendingInputs[consumer->name()] == 0)
        ready.insert(graphPosition[consumer->name()]);
  }
  if (sorted.size() == needed.size())
    return success();
  // The nodes left wait on a cycle, but some are only downstream of one. Walk
  // up through inputs that are left until a node repeats: the nodes from its
  // first visit on form a cycle; name the one that comes first in the graph.
  auto isLeft = [&](StringRef name) {
    auto it = pendingInputs.find(name);
    return it != pendingInputs.end() && it->second > 0;
  };
  const tensorflow::NodeDef *node = nullptr;
  for (const tensorflow::NodeDef &candidate : graph.node())
    if (isLeft(candidate.name())) {
      node = &candidate;
      break;
    }
  std::vector<const tensorflow::NodeDef *> path;
  llvm::StringMap<size_t> pathIndex;
  while (node && pathIndex.try_emplace(node->name(), path.size()).second) {
    path.push_back(node);
    const tensorflow::NodeDef *next = nullptr;
    for (const std::string &input : node->input()) {
      std::optional<ParsedInput> parsed = parseNodeInput(input);
      if (parsed && !isFed(parsed->ref) && needed.contains(parsed->ref.node) &&
          isLeft(parsed->ref.node)) {
        next = nodesByName.lookup(parsed->ref.node);
        break;
      }
    }
    node = next;
  }
  if (!node)
    return fileError("the graph has a cycle");
  const tensorflow::NodeDef *first = node;
  for (const tensorflow::NodeDef *member :
       llvm::ArrayRef(path).drop_front(pathIndex.lookup(node->name())))
    if (graphPosition.lookup(member->name()) <
        graphPosition.lookup(first->name()))
      first = member;
  return nodeError(*first, "the graph has a cycle through this node; "
                           "cyclic graphs (v1 loops) are not supported");
}

LogicalResult GraphImporter::importNode(const tensorflow::NodeDef &node) {
  if (isVariableNode(node))
    return importVariableNode(node);
  bool isAssert = node.op() == "Assert";
  SmallVector<Value> operands;
  SmallVector<Attribute> controlInputs;
  for (const std::string &input : node.input()) {
    ParsedInput parsed = *parseNodeInput(input);
    if (isAssert && !parsed.isControl)
      continue;
    if (parsed.isControl) {
      controlInputs.push_back(builder.getStringAttr(parsed.ref.node));
      continue;
    }
    auto it = values.find({parsed.ref.node, parsed.ref.index});
    if (it == values.end())
      return nodeError(node, "input '" + input + "' is not an output of '" +
                                 parsed.ref.node + "'");
    operands.push_back(it->second);
  }
  if (isAssert) {
    // Pruned as tfcompile prunes it: the condition is not checked, and a
    // no-op keeps the node's control edges.
    auto noOp = NoOp::create(builder, nodeLoc(node));
    if (!controlInputs.empty())
      noOp->setAttr(kControlInputsAttr, builder.getArrayAttr(controlInputs));
    return success();
  }
  if (node.op() == "PlaceholderWithDefault") {
    // Not fed (fed nodes are never imported): the default flows through.
    if (operands.size() != 1)
      return nodeError(node, "expected 1 data input");
    // TensorFlow refuses a default that its declared shape does not admit.
    auto type = dyn_cast<RankedTensorType>(operands[0].getType());
    std::optional<std::vector<int64_t>> declared = graphShapeOf(node, 0);
    if (type && declared) {
      std::vector<int64_t> actual;
      for (int64_t dim : type.getShape())
        actual.push_back(ShapedType::isDynamic(dim) ? -1 : dim);
      if (!shapesAgree(actual, *declared))
        return nodeError(
            node, "the default value has shape " + shapeString(actual) +
                      " but the node declares " + shapeString(*declared));
    }
    values[{node.name(), 0}] = operands[0];
    return success();
  }
  Block *block = builder.getInsertionBlock();
  Operation *previous = block->empty() ? nullptr : &block->back();
  FailureOr<SmallVector<Value>> results = importOp(node, std::move(operands));
  if (failed(results))
    return failure();
  // Control edges only order side effects, and no supported op has any; they
  // are kept as an attribute for readers of the IR until the pipeline's
  // first pass prunes them.
  if (!controlInputs.empty()) {
    auto first = previous ? std::next(previous->getIterator()) : block->begin();
    for (Operation &op : llvm::make_range(first, block->end()))
      op.setAttr(kControlInputsAttr, builder.getArrayAttr(controlInputs));
  }
  for (auto [index, value] : llvm::enumerate(*results))
    values[{node.name(), static_cast<int64_t>(index)}] = value;
  return success();
}

FailureOr<SmallVector<Value>>
GraphImporter::importOp(const tensorflow::NodeDef &node,
                        SmallVector<Value> operands) {
  if (const tensorflow::FunctionDef *function = calledFunction(node))
    return inlineFunction(node, *function, operands);
  if (node.op() == "If" || node.op() == "StatelessIf")
    return importIf(node, operands);
  OpImporter importer = getOpImporters().lookup(node.op());
  if (!importer) {
    StringRef reason = explainUnsupportedOp(node.op());
    return nodeError(node, reason.empty() ? StringRef("unsupported op; "
                                                      "docs/OPS.md lists the "
                                                      "ops tfc supports")
                                          : reason);
  }
  NodeContext ctx(node, nodeLoc(node), builder, std::move(operands),
                  options.maxTensorBytes);
  FailureOr<SmallVector<Value>> results = importer(ctx);
  if (failed(results))
    return failure();
  // Constants end up in the object file, which must stay linkable.
  if (node.op() == "Const") {
    auto type = cast<ShapedType>((*results)[0].getType());
    constantBytes +=
        *checkedByteSize(type.getShape(), storageBytes(type.getElementType()));
    if (constantBytes > options.maxTensorBytes)
      return nodeError(node, "the constants up to this one take " +
                                 Twine(constantBytes) +
                                 " bytes, over the limit of " +
                                 Twine(options.maxTensorBytes) +
                                 "; raise --max_tensor_bytes if it is meant");
  }
  return results;
}

LogicalResult GraphImporter::buildFunction(ModuleOp module) {
  SmallVector<Type> argTypes;
  SmallVector<Location> argLocs;
  for (const Feed &feed : feeds) {
    argTypes.push_back(feed.type);
    argLocs.push_back(nodeLoc(*nodesByName.lookup(feed.id.node)));
  }
  for (const Variable &variable : variables) {
    argTypes.push_back(variable.type);
    argLocs.push_back(nodeLoc(*nodesByName.lookup(variable.node)));
  }
  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(builder, fileLoc(), options.functionName,
                                   builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  for (auto [index, feed] : llvm::enumerate(feeds)) {
    body->getArgument(index).setLoc(argLocs[index]);
    values[{feed.id.node, feed.id.index}] = body->getArgument(index);
    func.setArgAttr(index, kNameAttr, builder.getStringAttr(feed.name));
    func.setArgAttr(index, kTensorAttr, builder.getStringAttr(feed.id.str()));
    if (feed.named)
      func.setArgAttr(index, kNamedAttr, builder.getUnitAttr());
  }
  for (auto [i, variable] : llvm::enumerate(variables)) {
    unsigned index = feeds.size() + i;
    body->getArgument(index).setLoc(argLocs[index]);
    variable.current = body->getArgument(index);
    func.setArgAttr(index, kNameAttr, builder.getStringAttr(variable.name));
    func.setArgAttr(index, kTensorAttr, builder.getStringAttr(variable.node));
    func.setArgAttr(index, kVariableAttr, builder.getUnitAttr());
    if (variable.readonly)
      func.setArgAttr(index, kReadOnlyAttr, builder.getUnitAttr());
  }
  builder.setInsertionPointToStart(body);
  for (const tensorflow::NodeDef *node : sorted)
    if (failed(importNode(*node)))
      return failure();

  SmallVector<Value> results;
  for (const Fetch &fetch : fetches) {
    auto it = values.find({fetch.id.node, fetch.id.index});
    if (it == values.end())
      return nodeError(*nodesByName.lookup(fetch.id.node),
                       "fetch '" + fetch.id.str() +
                           "' is not an output of this node");
    results.push_back(it->second);
  }
  // A variable the graph may assign returns its value after the run.
  SmallVector<unsigned> updated;
  for (auto [i, variable] : llvm::enumerate(variables))
    if (!variable.readonly) {
      results.push_back(variable.current);
      updated.push_back(feeds.size() + i);
    }
  func::ReturnOp::create(builder, fileLoc(), results);
  func.setFunctionType(
      builder.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [index, fetch] : llvm::enumerate(fetches)) {
    func.setResultAttr(index, kNameAttr, builder.getStringAttr(fetch.name));
    func.setResultAttr(index, kTensorAttr,
                       builder.getStringAttr(fetch.id.str()));
    if (fetch.named)
      func.setResultAttr(index, kNamedAttr, builder.getUnitAttr());
  }
  for (auto [i, argIndex] : llvm::enumerate(updated)) {
    unsigned index = fetches.size() + i;
    const Variable &variable = variables[argIndex - feeds.size()];
    func.setResultAttr(index, kNameAttr, builder.getStringAttr(variable.name));
    func.setResultAttr(index, kTensorAttr,
                       builder.getStringAttr(variable.node));
    func.setResultAttr(index, kUpdatesArgAttr,
                       builder.getI64IntegerAttr(argIndex));
  }
  return success();
}

const tensorflow::FunctionDef *
GraphImporter::calledFunction(const tensorflow::NodeDef &node) const {
  StringRef name = node.op();
  if (name == "PartitionedCall" || name == "StatefulPartitionedCall") {
    auto f = node.attr().find("f");
    if (f == node.attr().end() || !f->second.has_func())
      return nullptr;
    name = f->second.func().name();
  }
  return functions.lookup(name);
}

/// The position among a node's outputs of `outputArg:index`, the way a
/// FunctionDef names a node's output. Most ops have one output argument
/// (possibly a list, as Split's `output`); these have several.
static std::optional<int64_t>
flatOutputIndex(StringRef op, StringRef outputArg, int64_t index,
                const tensorflow::FunctionDef *callee) {
  static const llvm::StringMap<std::vector<StringRef>> multiOutput = {
      {"TopKV2", {"values", "indices"}},
      {"FusedBatchNorm",
       {"y", "batch_mean", "batch_variance", "reserve_space_1",
        "reserve_space_2"}},
      {"FusedBatchNormV2",
       {"y", "batch_mean", "batch_variance", "reserve_space_1",
        "reserve_space_2"}},
      {"FusedBatchNormV3",
       {"y", "batch_mean", "batch_variance", "reserve_space_1",
        "reserve_space_2", "reserve_space_3"}},
  };
  std::vector<StringRef> names;
  if (callee)
    for (const auto &arg : callee->signature().output_arg())
      names.push_back(arg.name());
  else if (auto it = multiOutput.find(op); it != multiOutput.end())
    names = it->second;
  else
    return index;
  auto it = llvm::find(names, outputArg);
  if (it == names.end() || index != 0)
    return std::nullopt;
  return it - names.begin();
}

FailureOr<SmallVector<Value>>
GraphImporter::inlineFunction(const tensorflow::NodeDef &caller,
                              const tensorflow::FunctionDef &function,
                              ValueRange args) {
  const tensorflow::OpDef &signature = function.signature();
  if (callDepth >= 32)
    return nodeError(caller, "calls of function '" + signature.name() +
                                 "' nest more than 32 deep (recursion?)");
  if (args.size() != static_cast<size_t>(signature.input_arg_size()))
    return nodeError(caller, "function '" + signature.name() + "' takes " +
                                 Twine(signature.input_arg_size()) +
                                 " inputs, the call gives " +
                                 Twine(args.size()));
  for (const auto &arg : signature.output_arg())
    if (!arg.number_attr().empty() || !arg.type_list_attr().empty())
      return nodeError(caller, "function '" + signature.name() +
                                   "' returns a list ('" + arg.name() +
                                   "'), which is not supported");
  llvm::StringMap<Value> argValues;
  for (auto [arg, value] : llvm::zip(signature.input_arg(), args))
    argValues[arg.name()] = value;
  llvm::StringMap<const tensorflow::NodeDef *> bodyNodes;
  for (const tensorflow::NodeDef &node : function.node_def())
    bodyNodes[node.name()] = &node;

  // A body input is an argument's name, `node:output_arg:index`, or
  // `^node`; returns the producing node's name and flat output index.
  auto resolve = [&](StringRef input,
                     const tensorflow::NodeDef &user) -> FailureOr<Value> {
    if (Value arg = argValues.lookup(input))
      return arg;
    SmallVector<StringRef, 3> parts;
    input.split(parts, ':');
    int64_t index = 0;
    const tensorflow::NodeDef *source =
        parts.size() == 3 ? bodyNodes.lookup(parts[0]) : nullptr;
    std::optional<int64_t> flat;
    if (source && !parts[2].getAsInteger(10, index))
      flat = flatOutputIndex(source->op(), parts[1], index,
                             calledFunction(*source));
    auto it = flat
                  ? values.find({(caller.name() + "/" + parts[0]).str(), *flat})
                  : values.end();
    if (it == values.end())
      return nodeError(caller, "function '" + signature.name() + "': node '" +
                                   user.name() + "' has input '" + input +
                                   "', which names no argument or output");
    return it->second;
  };

  // Kahn's algorithm over the body, in definition order when free.
  llvm::StringMap<unsigned> pending;
  llvm::StringMap<SmallVector<const tensorflow::NodeDef *>> users;
  std::vector<const tensorflow::NodeDef *> ready;
  for (const tensorflow::NodeDef &node : function.node_def()) {
    unsigned count = 0;
    for (StringRef input : node.input()) {
      StringRef source = input.ltrim('^').split(':').first;
      if (bodyNodes.count(source) && !argValues.count(input)) {
        ++count;
        users[source].push_back(&node);
      }
    }
    pending[node.name()] = count;
    if (!count)
      ready.push_back(&node);
  }
  std::reverse(ready.begin(), ready.end());
  size_t imported = 0;
  ++callDepth;
  while (!ready.empty()) {
    const tensorflow::NodeDef &node = *ready.back();
    ready.pop_back();
    tensorflow::NodeDef named = node;
    named.set_name(caller.name() + "/" + node.name());
    for (auto &attr : *named.mutable_attr())
      if (!attr.second.placeholder().empty()) {
        --callDepth;
        return nodeError(named, "attribute '" + attr.first +
                                    "' is a placeholder of a polymorphic "
                                    "function; not supported");
      }
    SmallVector<Value> operands;
    for (StringRef input : node.input()) {
      if (input.starts_with("^"))
        continue;
      FailureOr<Value> value = resolve(input, node);
      if (failed(value)) {
        --callDepth;
        return failure();
      }
      operands.push_back(*value);
    }
    FailureOr<SmallVector<Value>> results = importOp(named, operands);
    if (failed(results)) {
      --callDepth;
      return failure();
    }
    for (auto [index, value] : llvm::enumerate(*results))
      values[{named.name(), static_cast<int64_t>(index)}] = value;
    ++imported;
    for (const tensorflow::NodeDef *user : users[node.name()])
      if (--pending[user->name()] == 0)
        ready.push_back(user);
  }
  --callDepth;
  if (imported != static_cast<size_t>(function.node_def_size()))
    return nodeError(caller, "function '" + signature.name() + "' has a cycle");
  SmallVector<Value> outputs;
  for (const auto &arg : signature.output_arg()) {
    auto ret = function.ret().find(arg.name());
    if (ret == function.ret().end())
      return nodeError(caller, "function '" + signature.name() +
                                   "' returns nothing for output '" +
                                   arg.name() + "'");
    FailureOr<Value> value = resolve(ret->second, caller);
    if (failed(value))
      return failure();
    outputs.push_back(*value);
  }
  return outputs;
}

/// Ops that may trap (integer division by zero) when evaluated on the
/// branch an If does not take; importIf refuses branches holding them.
static StringRef
trappingOp(const tensorflow::FunctionDef &function,
           const llvm::StringMap<const tensorflow::FunctionDef *> &functions,
           unsigned depth = 0) {
  static const llvm::StringSet<> divisions = {
      "Div", "FloorDiv", "FloorMod", "TruncateDiv", "TruncateMod", "Mod"};
  for (const tensorflow::NodeDef &node : function.node_def()) {
    if (divisions.contains(node.op())) {
      auto type = node.attr().find("T");
      if (type == node.attr().end() ||
          (type->second.type() != tensorflow::DT_FLOAT &&
           type->second.type() != tensorflow::DT_DOUBLE &&
           type->second.type() != tensorflow::DT_HALF))
        return node.op();
    }
    for (const auto &attr : node.attr())
      if (attr.second.has_func() && depth < 32)
        if (const tensorflow::FunctionDef *callee =
                functions.lookup(attr.second.func().name()))
          if (StringRef op = trappingOp(*callee, functions, depth + 1);
              !op.empty())
            return op;
    if (const tensorflow::FunctionDef *callee = functions.lookup(node.op()))
      if (depth < 32)
        if (StringRef op = trappingOp(*callee, functions, depth + 1);
            !op.empty())
          return op;
  }
  return "";
}

FailureOr<SmallVector<Value>>
GraphImporter::importIf(const tensorflow::NodeDef &node, ValueRange operands) {
  auto branch = [&](StringRef attr) -> const tensorflow::FunctionDef * {
    auto it = node.attr().find(attr.str());
    if (it == node.attr().end() || !it->second.has_func())
      return nullptr;
    return functions.lookup(it->second.func().name());
  };
  const tensorflow::FunctionDef *thenBranch = branch("then_branch");
  const tensorflow::FunctionDef *elseBranch = branch("else_branch");
  if (!thenBranch || !elseBranch)
    return nodeError(node, "then_branch or else_branch names no function of "
                           "the graph's library");
  if (operands.empty())
    return nodeError(node, "expected a condition input");
  auto condType = dyn_cast<RankedTensorType>(operands[0].getType());
  if (!condType || !condType.hasStaticShape())
    return nodeError(node, "the condition's shape must be known");
  ValueRange inputs = operands.drop_front();
  // TensorFlow: a non-scalar condition is true when it has elements.
  if (condType.getRank() != 0)
    return inlineFunction(
        node, condType.getNumElements() > 0 ? *thenBranch : *elseBranch,
        inputs);
  // A scalar number is true when it is not zero.
  Value condition = operands[0];
  Type elementType = condType.getElementType();
  if (!elementType.isInteger(1)) {
    if (!isa<IntegerType, FloatType>(elementType))
      return nodeError(node, "the condition's type " +
                                 elementTypeName(elementType) +
                                 " is not supported");
    Location loc = nodeLoc(node);
    Attribute zero = isa<FloatType>(elementType)
                         ? Attribute(FloatAttr::get(elementType, 0.0))
                         : Attribute(IntegerAttr::get(elementType, 0));
    Value zeroValue =
        ConstOp::create(builder, loc, DenseElementsAttr::get(condType, zero));
    condition = NotEqualOp::create(builder, loc, condition, zeroValue);
  }
  for (const tensorflow::FunctionDef *function : {thenBranch, elseBranch})
    if (StringRef op = trappingOp(*function, functions); !op.empty())
      return nodeError(node, "tfc runs both branches of an If and selects; "
                             "branch '" +
                                 function->signature().name() + "' holds " +
                                 op +
                                 " on integers, which could trap on the "
                                 "branch not taken; not supported");
  FailureOr<SmallVector<Value>> thenValues =
      inlineFunction(node, *thenBranch, inputs);
  if (failed(thenValues))
    return failure();
  FailureOr<SmallVector<Value>> elseValues =
      inlineFunction(node, *elseBranch, inputs);
  if (failed(elseValues))
    return failure();
  if (thenValues->size() != elseValues->size())
    return nodeError(node, "the branches return different numbers of values");
  SmallVector<Value> results;
  for (auto [thenValue, elseValue] : llvm::zip(*thenValues, *elseValues)) {
    if (thenValue.getType() != elseValue.getType())
      return nodeError(
          node, "the branches return " + tensorTypeString(thenValue.getType()) +
                    " and " + tensorTypeString(elseValue.getType()) +
                    "; tfc needs one static type");
    results.push_back(SelectOp::create(builder, nodeLoc(node), condition,
                                       thenValue, elseValue));
  }
  return results;
}

OwningOpRef<ModuleOp> GraphImporter::run() {
  // The function library is only used by call and control-flow ops, which
  // are rejected by name when a fetch needs them.
  if (failed(indexNodes()) || failed(resolveFeeds()) ||
      failed(resolveFetches()) || failed(resolveVariables()) ||
      failed(collectNeededNodes()) || failed(checkOpsSupported()) ||
      failed(sortNodes()))
    return nullptr;
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc());
  if (failed(buildFunction(*module)) || failed(verify(*module)) ||
      failed(checkTensorSizes(*module, options.maxTensorBytes)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp>
mlir::tfc::importGraphDef(MLIRContext *context,
                          const tensorflow::GraphDef &graph,
                          const ImportOptions &options) {
  context->loadDialect<TFCDialect, func::FuncDialect>();
  return GraphImporter(context, graph, options).run();
}

std::vector<std::string> mlir::tfc::listImportedOps() {
  // Besides the op importers: the graph's inputs and outputs, config
  // variables, library function calls, If and Assert, which the importer
  // itself handles.
  std::vector<std::string> ops = {"Placeholder",
                                  "PlaceholderWithDefault",
                                  "_Arg",
                                  "_Retval",
                                  "VarHandleOp",
                                  "ReadVariableOp",
                                  "AssignVariableOp",
                                  "AssignAddVariableOp",
                                  "AssignSubVariableOp",
                                  "PartitionedCall",
                                  "StatefulPartitionedCall",
                                  "If",
                                  "StatelessIf",
                                  "Assert"};
  for (const auto &entry : getOpImporters())
    ops.push_back(entry.getKey().str());
  llvm::sort(ops);
  return ops;
}
