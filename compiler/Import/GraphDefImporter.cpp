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
#include "compiler/Import/GraphImporter.h"

#include "compiler/Import/NodeContext.h"
#include "compiler/Support/Diagnostics.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <map>
#include <set>

using namespace mlir;
using namespace mlir::tfc;
using namespace mlir::tfc::importer;

namespace {

/// Ops with their own error because users meet them for a known reason.
StringRef explainUnsupportedOp(StringRef op) {
  static const llvm::StringSet<> variables = {
      "VariableV2", "Variable",          "Assign",
      "AssignAdd",  "AssignSub",         "ApplyGradientDescent",
      "ApplyAdam",  "ResourceApplyAdam", "ResourceApplyGradientDescent"};
  if (variables.contains(op))
    return "the graph is not frozen: variables are not supported; freeze it "
           "so variables become constants (convert_variables_to_constants_v2 "
           "or freeze_graph)";
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

} // namespace

std::string importer::shapeString(std::optional<ArrayRef<int64_t>> shape) {
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

std::string importer::tensorTypeString(Type type) {
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
        op == "While" || op == "StatelessWhile" || op == "Assert" ||
        isLoopOp(op))
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
      // A while loop's NextIteration feeds its Merge from the previous
      // iteration: that edge does not order the import.
      if (!parsed || isFed(parsed->ref) || !needed.contains(parsed->ref.node) ||
          nodesByName.lookup(parsed->ref.node)->op() == "NextIteration")
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
  return nodeError(*first, "the graph has a cycle through this node; a "
                           "graph's only cycles may be while loops' "
                           "NextIteration-to-Merge edges");
}

LogicalResult GraphImporter::importNode(const tensorflow::NodeDef &node) {
  if (isVariableNode(node))
    return importVariableNode(node);
  // TensorFlow 1's cond: which side of which Switch each value is on.
  if (failed(trackCondSides(node)))
    return failure();
  if (node.op() == "Switch" || node.op() == "Merge")
    return importCondNode(node);
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
  if (node.op() == "While" || node.op() == "StatelessWhile")
    return importWhile(node, operands);
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
  if (failed(importUnits(units)))
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

OwningOpRef<ModuleOp> GraphImporter::run() {
  // The function library is only used by call and control-flow ops, which
  // are rejected by name when a fetch needs them.
  if (failed(indexNodes()) || failed(resolveFeeds()) ||
      failed(resolveFetches()) || failed(resolveVariables()) ||
      failed(collectNeededNodes()) || failed(checkOpsSupported()) ||
      failed(sortNodes()) || failed(findFrames()))
    return nullptr;
  FailureOr<std::vector<Unit>> topUnits = orderUnits(sorted, nullptr);
  if (failed(topUnits))
    return nullptr;
  units = std::move(*topUnits);
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
  context->loadDialect<TFCDialect, func::FuncDialect, scf::SCFDialect,
                       tensor::TensorDialect>();
  return GraphImporter(context, graph, options).run();
}

std::vector<std::string> mlir::tfc::listImportedOps() {
  // Besides the op importers: the graph's inputs and outputs, config
  // variables, library function calls, If, While, TensorFlow 1's loops and
  // Assert, which the importer itself handles.
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
                                  "While",
                                  "StatelessWhile",
                                  "Enter",
                                  "Merge",
                                  "Switch",
                                  "LoopCond",
                                  "NextIteration",
                                  "Exit",
                                  "Assert"};
  for (const auto &entry : getOpImporters())
    ops.push_back(entry.getKey().str());
  llvm::sort(ops);
  return ops;
}
