//===- ImportControlFlow.cpp - calls, If and While at import --------------===//
//
// Library functions are inlined where they are called. An If becomes an
// scf.if holding both branches; a While, functional or built of TensorFlow 1's
// Enter/Merge/Switch/NextIteration/Exit nodes, becomes an scf.while whose
// regions hold the condition and the body.
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/GraphImporter.h"

#include "compiler/Support/Diagnostics.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/StringExtras.h"

#include <array>

using namespace mlir;
using namespace mlir::tfc;
using namespace mlir::tfc::importer;

const tensorflow::FunctionDef *
GraphImporter::functionAttr(const tensorflow::NodeDef &node,
                            StringRef attr) const {
  auto it = node.attr().find(attr.str());
  if (it == node.attr().end() || !it->second.has_func())
    return nullptr;
  return functions.lookup(it->second.func().name());
}

const tensorflow::FunctionDef *
GraphImporter::calledFunction(const tensorflow::NodeDef &node) const {
  if (node.op() == "PartitionedCall" || node.op() == "StatefulPartitionedCall")
    return functionAttr(node, "f");
  return functions.lookup(node.op());
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

FailureOr<SmallVector<Value>>
GraphImporter::importIf(const tensorflow::NodeDef &node, ValueRange operands) {
  const tensorflow::FunctionDef *thenBranch = functionAttr(node, "then_branch");
  const tensorflow::FunctionDef *elseBranch = functionAttr(node, "else_branch");
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
  FailureOr<Value> condition = truthOf(node, operands[0]);
  if (failed(condition))
    return failure();
  // The branches go into an scf.if without results, which is then made
  // again with the types they return.
  Location loc = nodeLoc(node);
  Value flag =
      tensor::ExtractOp::create(builder, loc, *condition, ValueRange{});
  auto draft = scf::IfOp::create(builder, loc, TypeRange{}, flag,
                                 /*withElseRegion=*/true);
  SmallVector<Value> branchValues[2];
  for (auto [k, function] :
       llvm::enumerate(std::array<const tensorflow::FunctionDef *, 2>{
           thenBranch, elseBranch})) {
    OpBuilder::InsertionGuard guard(builder);
    Block *block = k == 0 ? draft.thenBlock() : draft.elseBlock();
    builder.setInsertionPoint(block->getTerminator());
    FailureOr<SmallVector<Value>> values =
        inlineFunction(node, *function, inputs);
    if (failed(values))
      return failure();
    branchValues[k] = std::move(*values);
  }
  if (branchValues[0].size() != branchValues[1].size())
    return nodeError(node, "the branches return different numbers of values");
  // Each result has the shape both branches agree on (a size one branch
  // does not know stays unknown until shape inference).
  SmallVector<Type> types;
  for (auto [thenValue, elseValue] :
       llvm::zip(branchValues[0], branchValues[1])) {
    auto thenType = dyn_cast<RankedTensorType>(thenValue.getType());
    auto elseType = dyn_cast<RankedTensorType>(elseValue.getType());
    if (!thenType || !elseType ||
        !tensor::CastOp::areCastCompatible(thenType, elseType))
      return nodeError(
          node, "the branches return " + tensorTypeString(thenValue.getType()) +
                    " and " + tensorTypeString(elseValue.getType()) +
                    "; tfc needs one shape");
    SmallVector<int64_t> shape;
    for (auto [a, b] : llvm::zip(thenType.getShape(), elseType.getShape()))
      shape.push_back(a == b ? a : ShapedType::kDynamic);
    types.push_back(RankedTensorType::get(shape, thenType.getElementType()));
  }
  if (types.empty())
    return SmallVector<Value>();
  auto ifOp = scf::IfOp::create(builder, loc, types, flag,
                                /*withElseRegion=*/true);
  for (auto [k, from, to] : llvm::enumerate(
           std::array<Block *, 2>{draft.thenBlock(), draft.elseBlock()},
           std::array<Block *, 2>{ifOp.thenBlock(), ifOp.elseBlock()})) {
    from->getTerminator()->erase();
    to->getOperations().splice(to->end(), from->getOperations());
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(to);
    SmallVector<Value> yielded;
    for (auto [value, type] : llvm::zip(branchValues[k], types))
      yielded.push_back(*castToShape(value, type));
    scf::YieldOp::create(builder, loc, yielded);
  }
  draft.erase();
  return SmallVector<Value>(ifOp.getResults());
}

FailureOr<Value> GraphImporter::truthOf(const tensorflow::NodeDef &node,
                                        Value condition) {
  auto type = cast<RankedTensorType>(condition.getType());
  Type elementType = type.getElementType();
  if (elementType.isInteger(1))
    return condition;
  if (!isa<IntegerType, FloatType>(elementType))
    return nodeError(node, "the condition's type " +
                               elementTypeName(elementType) +
                               " is not supported");
  Location loc = nodeLoc(node);
  Attribute zero = isa<FloatType>(elementType)
                       ? Attribute(FloatAttr::get(elementType, 0.0))
                       : Attribute(IntegerAttr::get(elementType, 0));
  Value zeroValue =
      ConstOp::create(builder, loc, DenseElementsAttr::get(type, zero));
  return NotEqualOp::create(builder, loc, condition, zeroValue).getResult();
}

FailureOr<Value> GraphImporter::castToShape(Value value, Type type) {
  if (value.getType() == type)
    return value;
  if (!tensor::CastOp::areCastCompatible(value.getType(), type))
    return failure();
  return tensor::CastOp::create(builder, value.getLoc(), type, value)
      .getResult();
}

FailureOr<SmallVector<Value>>
GraphImporter::importWhile(const tensorflow::NodeDef &node,
                           ValueRange operands) {
  const tensorflow::FunctionDef *cond = functionAttr(node, "cond");
  const tensorflow::FunctionDef *body = functionAttr(node, "body");
  if (!cond || !body)
    return nodeError(node, "cond or body names no function of the graph's "
                           "library");
  SmallVector<Type> types;
  SmallVector<Location> locs;
  for (auto [i, operand] : llvm::enumerate(operands)) {
    if (!isa<RankedTensorType>(operand.getType()))
      return nodeError(node, "loop variable " + Twine(i) + " has type " +
                                 tensorTypeString(operand.getType()) +
                                 "; tfc needs loop variables of known rank");
    types.push_back(operand.getType());
    locs.push_back(nodeLoc(node));
  }
  Location loc = nodeLoc(node);
  OpBuilder::InsertionGuard guard(builder);
  auto loop = scf::WhileOp::create(builder, loc, types, operands);

  // before: the condition, forwarding the loop variables unchanged.
  Block *before = builder.createBlock(&loop.getBefore(), {}, types, locs);
  FailureOr<SmallVector<Value>> condValues =
      inlineFunction(node, *cond, before->getArguments());
  if (failed(condValues))
    return failure();
  if (condValues->size() != 1)
    return nodeError(node, "cond '" + cond->signature().name() + "' returns " +
                               Twine(condValues->size()) +
                               " values; expected 1");
  auto condType = dyn_cast<RankedTensorType>((*condValues)[0].getType());
  if (!condType || !condType.hasStaticShape())
    return nodeError(node, "the condition's shape must be known");
  Value truth;
  if (condType.getRank() == 0) {
    FailureOr<Value> scalar = truthOf(node, (*condValues)[0]);
    if (failed(scalar))
      return failure();
    truth = *scalar;
  } else {
    // TensorFlow: a non-scalar condition is true when it has elements.
    auto i1 = RankedTensorType::get({}, builder.getI1Type());
    truth = ConstOp::create(
        builder, loc,
        DenseElementsAttr::get(i1, condType.getNumElements() > 0));
  }
  Value flag = tensor::ExtractOp::create(builder, loc, truth, ValueRange{});
  scf::ConditionOp::create(builder, loc, flag, before->getArguments());

  // after: the body, whose results are the next iteration's variables.
  Block *after = builder.createBlock(&loop.getAfter(), {}, types, locs);
  FailureOr<SmallVector<Value>> next =
      inlineFunction(node, *body, after->getArguments());
  if (failed(next))
    return failure();
  if (next->size() != types.size())
    return nodeError(node, "body '" + body->signature().name() + "' returns " +
                               Twine(next->size()) + " values for " +
                               Twine(types.size()) + " loop variables");
  for (auto [i, value, type] : llvm::enumerate(*next, types)) {
    FailureOr<Value> same = castToShape(value, type);
    if (failed(same))
      return nodeError(node, "loop variable " + Twine(i) + " enters as " +
                                 tensorTypeString(type) +
                                 " but the body returns " +
                                 tensorTypeString(value.getType()) +
                                 "; tfc needs one shape per loop variable");
    value = *same;
  }
  scf::YieldOp::create(builder, loc, *next);
  return SmallVector<Value>(loop.getResults());
}

//===----------------------------------------------------------------------===//
// TensorFlow 1 while loops
//===----------------------------------------------------------------------===//
//
// A loop is a frame: Enter nodes bring values in (each loop variable through
// an Enter, a Merge joining it with the NextIteration of the previous
// iteration, and a Switch on the LoopCond; invariants through an Enter with
// is_constant), Exit nodes take the Switches' false outputs out. The nodes
// the LoopCond needs form the condition, those the NextIterations need the
// body; loops nest.

bool importer::isLoopOp(StringRef op) {
  return op == "Enter" || op == "Merge" || op == "Switch" || op == "LoopCond" ||
         op == "NextIteration" || op == "Exit";
}

/// The data inputs of `node`, parsed (malformed ones were refused when the
/// needed nodes were collected).
static SmallVector<ParsedInput> dataInputs(const tensorflow::NodeDef &node) {
  SmallVector<ParsedInput> inputs;
  for (const std::string &input : node.input())
    if (std::optional<ParsedInput> parsed = parseNodeInput(input))
      if (!parsed->isControl)
        inputs.push_back(*parsed);
  return inputs;
}

bool GraphImporter::isNestedIn(const Frame *outer, const Frame *inner) {
  for (; inner; inner = inner->parent)
    if (inner == outer)
      return true;
  return !outer;
}

LogicalResult GraphImporter::findFrames() {
  llvm::StringMap<Frame *> byName;
  for (auto [position, node] : llvm::enumerate(sorted))
    sortedPosition[node] = position;
  for (const tensorflow::NodeDef *node : sorted) {
    StringRef op = node->op();
    // The frame a node's output is in: an Exit's is its loop's parent.
    auto outputFrame = [&](const tensorflow::NodeDef *source) {
      const Frame *frame = frameOf.lookup(source);
      return source->op() == "Exit" && frame ? frame->parent : frame;
    };
    const Frame *frame = nullptr;
    if (op == "Enter") {
      SmallVector<ParsedInput> inputs = dataInputs(*node);
      auto name = node->attr().find("frame_name");
      if (inputs.size() != 1 || name == node->attr().end() ||
          name->second.s().empty())
        return nodeError(*node, "an Enter needs one data input and a "
                                "frame_name");
      const tensorflow::NodeDef *source =
          isFed(inputs[0].ref) ? nullptr
                               : nodesByName.lookup(inputs[0].ref.node);
      const Frame *parent = source ? outputFrame(source) : nullptr;
      Frame *&named = byName[name->second.s()];
      if (!named) {
        frames.push_back({name->second.s(), parent, {}, nullptr});
        named = &frames.back();
      } else if (named->parent != parent) {
        return nodeError(*node, "enters while loop '" + named->name +
                                    "' from another loop than its other "
                                    "Enter nodes do");
      }
      frame = named;
    } else {
      bool first = true;
      for (const std::string &input : node->input()) {
        std::optional<ParsedInput> parsed = parseNodeInput(input);
        if (!parsed || isFed(parsed->ref))
          continue;
        const tensorflow::NodeDef *source =
            nodesByName.lookup(parsed->ref.node);
        if (!source || !needed.contains(source->name()) ||
            source->op() == "NextIteration")
          continue;
        const Frame *inputFrame = outputFrame(source);
        // Values from outside a loop may be used in it (they are visible
        // inside its regions): a node is in the innermost of its inputs'
        // loops, which must nest.
        if (first || isNestedIn(frame, inputFrame)) {
          frame = inputFrame;
          first = false;
        } else if (!isNestedIn(inputFrame, frame)) {
          return nodeError(*node, "takes inputs from while loops '" +
                                      frame->name + "' and '" +
                                      inputFrame->name +
                                      "'; a loop's values leave it only "
                                      "through Exit nodes");
        }
      }
    }
    // Switch and Merge outside loops are TensorFlow 1's cond.
    if (isLoopOp(op) && !frame && op != "Switch" && op != "Merge")
      return nodeError(*node, "is outside any while loop (no Enter before "
                              "it)");
    frameOf[node] = frame;
    if (!frame)
      continue;
    Frame &member = *const_cast<Frame *>(frame);
    member.members.push_back(node);
    if (op == "LoopCond") {
      if (member.loopCond)
        return nodeError(*node, "while loop '" + member.name +
                                    "' has two LoopCond nodes");
      member.loopCond = node;
    }
  }
  for (const Frame &frame : frames)
    if (!frame.loopCond)
      return nodeError(*frame.members.front(),
                       "while loop '" + frame.name + "' has no LoopCond");
  return success();
}

FailureOr<std::vector<GraphImporter::Unit>>
GraphImporter::orderUnits(ArrayRef<const tensorflow::NodeDef *> nodes,
                          const Frame *level) {
  // The unit of a node: itself at this level, else the loop of this level
  // it is nested in.
  auto unitOf = [&](const tensorflow::NodeDef *node) -> Unit {
    const Frame *frame = frameOf.lookup(node);
    if (frame == level)
      return {node, nullptr};
    while (frame && frame->parent != level)
      frame = frame->parent;
    return {nullptr, frame};
  };
  auto keyOf = [](const Unit &unit) -> const void * {
    return unit.frame ? static_cast<const void *>(unit.frame) : unit.node;
  };
  std::vector<Unit> found;
  llvm::DenseMap<const void *, size_t> index;
  llvm::DenseSet<const tensorflow::NodeDef *> inSet(nodes.begin(), nodes.end());
  for (const tensorflow::NodeDef *node : nodes) {
    Unit unit = unitOf(node);
    if (index.try_emplace(keyOf(unit), found.size()).second)
      found.push_back(unit);
  }
  std::vector<unsigned> pending(found.size());
  std::vector<SmallVector<size_t>> consumers(found.size());
  std::set<std::pair<size_t, size_t>> edges;
  for (const tensorflow::NodeDef *node : nodes) {
    size_t to = index.lookup(keyOf(unitOf(node)));
    for (const std::string &input : node->input()) {
      std::optional<ParsedInput> parsed = parseNodeInput(input);
      if (!parsed || isFed(parsed->ref))
        continue;
      const tensorflow::NodeDef *source = nodesByName.lookup(parsed->ref.node);
      if (!source || !inSet.contains(source) || source->op() == "NextIteration")
        continue;
      size_t from = index.lookup(keyOf(unitOf(source)));
      if (from != to && edges.insert({from, to}).second) {
        ++pending[to];
        consumers[from].push_back(to);
      }
    }
  }
  std::set<size_t> ready;
  for (size_t i = 0; i < found.size(); ++i)
    if (!pending[i])
      ready.insert(i);
  std::vector<Unit> ordered;
  while (!ready.empty()) {
    size_t next = *ready.begin();
    ready.erase(ready.begin());
    ordered.push_back(found[next]);
    for (size_t consumer : consumers[next])
      if (--pending[consumer] == 0)
        ready.insert(consumer);
  }
  if (ordered.size() != found.size())
    return fileError("while loops and the nodes around them form a cycle");
  return ordered;
}

LogicalResult GraphImporter::importUnits(ArrayRef<Unit> toImport) {
  for (const Unit &unit : toImport)
    if (failed(unit.frame ? importFrame(*unit.frame) : importNode(*unit.node)))
      return failure();
  return success();
}

FailureOr<std::vector<const tensorflow::NodeDef *>>
GraphImporter::frameNodesFor(
    const Frame &frame, ArrayRef<ParsedInput> roots,
    llvm::function_ref<FailureOr<bool>(const tensorflow::NodeDef &)>
        isBoundary) {
  std::vector<const tensorflow::NodeDef *> result;
  llvm::DenseSet<const tensorflow::NodeDef *> seen;
  SmallVector<ParsedInput> worklist(roots.begin(), roots.end());
  while (!worklist.empty()) {
    ParsedInput ref = worklist.pop_back_val();
    if (isFed(ref.ref))
      continue;
    const tensorflow::NodeDef *node = nodesByName.lookup(ref.ref.node);
    // Values from outside the loop are already imported.
    if (!node || !frameOf.lookup(node) ||
        !isNestedIn(&frame, frameOf.lookup(node)) || !seen.insert(node).second)
      continue;
    if (frameOf.lookup(node) == &frame) {
      FailureOr<bool> boundary = isBoundary(*node);
      if (failed(boundary))
        return failure();
      if (*boundary)
        continue;
    }
    result.push_back(node);
    for (const std::string &input : node->input())
      if (std::optional<ParsedInput> parsed = parseNodeInput(input))
        worklist.push_back(*parsed);
  }
  llvm::sort(result,
             [&](const tensorflow::NodeDef *a, const tensorflow::NodeDef *b) {
               return sortedPosition.lookup(a) < sortedPosition.lookup(b);
             });
  return result;
}

LogicalResult GraphImporter::importFrame(const Frame &frame) {
  const tensorflow::NodeDef &loopCond = *frame.loopCond;
  auto loopError = [&](const tensorflow::NodeDef &node, const Twine &message) {
    return nodeError(node, "in while loop '" + frame.name + "': " + message);
  };
  // Who reads each output of the frame's nodes.
  std::map<std::pair<std::string, int64_t>,
           SmallVector<const tensorflow::NodeDef *>>
      readers;
  for (const tensorflow::NodeDef *node : frame.members)
    for (const ParsedInput &input : dataInputs(*node))
      readers[{input.ref.node, input.ref.index}].push_back(node);
  auto memberOp = [&](const std::string &name) -> const tensorflow::NodeDef * {
    const tensorflow::NodeDef *node = nodesByName.lookup(name);
    return node && frameOf.lookup(node) == &frame ? node : nullptr;
  };

  // Loop-invariant Enters stand for their input in both regions.
  for (const tensorflow::NodeDef *node : frame.members) {
    if (node->op() != "Enter")
      continue;
    auto constant = node->attr().find("is_constant");
    if (constant == node->attr().end() || !constant->second.b())
      continue;
    TensorRef source = dataInputs(*node)[0].ref;
    auto value = values.find({source.node, source.index});
    if (value == values.end())
      return loopError(*node, "input '" + source.str() + "' has no value");
    values[{node->name(), 0}] = value->second;
  }

  // The loop variables: Merge(Enter, NextIteration) -> Switch(LoopCond).
  struct Variable {
    const tensorflow::NodeDef *merge, *enter, *next, *switchNode, *exit;
    Value init;
  };
  SmallVector<Variable> variables;
  for (const tensorflow::NodeDef *node : frame.members) {
    StringRef op = node->op();
    if (op == "Enter") {
      auto constant = node->attr().find("is_constant");
      bool isConstant = constant != node->attr().end() && constant->second.b();
      const auto &users = readers[{node->name(), 0}];
      if (!isConstant && (users.size() != 1 || users.front()->op() != "Merge"))
        return loopError(*node, "an Enter that is not is_constant must feed "
                                "exactly one Merge");
      continue;
    }
    if (op != "Merge")
      continue;
    Variable variable{node, nullptr, nullptr, nullptr, nullptr, Value()};
    for (const ParsedInput &input : dataInputs(*node)) {
      const tensorflow::NodeDef *source = memberOp(input.ref.node);
      if (source && source->op() == "Enter")
        variable.enter = source;
      else if (source && source->op() == "NextIteration")
        variable.next = source;
    }
    if (dataInputs(*node).size() != 2 || !variable.enter || !variable.next)
      return loopError(*node, "a Merge must join one Enter and one "
                              "NextIteration of the loop");
    if (!readers[{node->name(), 1}].empty())
      return loopError(*node, "Merge's value_index output is not supported");
    // The condition reads the Merge too; one Switch carries it on.
    SmallVector<const tensorflow::NodeDef *> switches;
    for (const tensorflow::NodeDef *user : readers[{node->name(), 0}])
      if (user->op() == "Switch")
        switches.push_back(user);
    if (switches.size() != 1)
      return loopError(*node, "a loop variable's Merge must feed exactly one "
                              "Switch");
    variable.switchNode = switches.front();
    SmallVector<ParsedInput> switchInputs = dataInputs(*variable.switchNode);
    if (switchInputs.size() != 2 || switchInputs[1].ref.node != loopCond.name())
      return loopError(*variable.switchNode,
                       "a loop variable's Switch must take the LoopCond as "
                       "its predicate");
    for (const tensorflow::NodeDef *user :
         readers[{variable.switchNode->name(), 0}]) {
      if (user->op() != "Exit" || variable.exit)
        return loopError(*variable.switchNode,
                         "the Switch's false output may only feed one Exit");
      variable.exit = user;
    }
    TensorRef source = dataInputs(*variable.enter)[0].ref;
    auto value = values.find({source.node, source.index});
    if (value == values.end())
      return loopError(*variable.enter,
                       "input '" + source.str() + "' has no value");
    if (!isa<RankedTensorType>(value->second.getType()))
      return loopError(*variable.enter,
                       "loop variable has type " +
                           tensorTypeString(value->second.getType()) +
                           "; tfc needs loop variables of known rank");
    variable.init = value->second;
    variables.push_back(variable);
  }
  for (const tensorflow::NodeDef *node : frame.members)
    if (node->op() == "Switch" &&
        llvm::none_of(variables,
                      [&](const Variable &v) { return v.switchNode == node; }))
      return loopError(*node, "a Switch in a loop must switch a loop "
                              "variable's Merge");

  SmallVector<Value> inits;
  SmallVector<Type> types;
  SmallVector<Location> locs;
  for (const Variable &variable : variables) {
    inits.push_back(variable.init);
    types.push_back(variable.init.getType());
    locs.push_back(nodeLoc(*variable.merge));
  }
  Location loc = nodeLoc(loopCond);
  auto loop = scf::WhileOp::create(builder, loc, types, inits);
  // Values imported inside a region are not visible outside it.
  std::map<std::pair<std::string, int64_t>, Value> outside = values;
  OpBuilder::InsertionGuard guard(builder);

  // before: what the LoopCond needs, from the Merges' values.
  Block *before = builder.createBlock(&loop.getBefore(), {}, types, locs);
  for (auto [variable, arg] : llvm::zip(variables, before->getArguments()))
    values[{variable.merge->name(), 0}] = arg;
  SmallVector<ParsedInput> condRoots;
  for (const std::string &input : loopCond.input())
    if (std::optional<ParsedInput> parsed = parseNodeInput(input))
      condRoots.push_back(*parsed);
  // Imports the nodes `roots` need into the current block. A region's nodes
  // stop at its arguments (`argumentOp` and Enter); any other loop node
  // reached from it is a malformed loop.
  auto importRegion = [&](ArrayRef<ParsedInput> roots, StringRef argumentOp,
                          StringRef region) -> LogicalResult {
    auto boundary = [&](const tensorflow::NodeDef &node) -> FailureOr<bool> {
      StringRef op = node.op();
      if (op == argumentOp || op == "Enter")
        return true;
      if (isLoopOp(op)) {
        (void)loopError(node, "the " + region + " depends on the loop's " + op +
                                  " node");
        return failure();
      }
      return false;
    };
    FailureOr<std::vector<const tensorflow::NodeDef *>> nodes =
        frameNodesFor(frame, roots, boundary);
    if (failed(nodes))
      return failure();
    FailureOr<std::vector<Unit>> units = orderUnits(*nodes, &frame);
    if (failed(units))
      return failure();
    return importUnits(*units);
  };
  if (failed(importRegion(condRoots, "Merge", "condition")))
    return failure();
  SmallVector<ParsedInput> condInput = dataInputs(loopCond);
  auto condValue =
      condInput.size() == 1
          ? values.find({condInput[0].ref.node, condInput[0].ref.index})
          : values.end();
  if (condValue == values.end())
    return loopError(loopCond, "expected one data input with a value");
  auto condType = dyn_cast<RankedTensorType>(condValue->second.getType());
  if (!condType || condType.getRank() != 0 ||
      !condType.getElementType().isInteger(1))
    return loopError(loopCond,
                     "the condition is " +
                         tensorTypeString(condValue->second.getType()) +
                         "; a LoopCond takes a scalar bool");
  Value flag =
      tensor::ExtractOp::create(builder, loc, condValue->second, ValueRange{});
  scf::ConditionOp::create(builder, loc, flag, before->getArguments());
  values = outside;

  // after: what the NextIterations need, from the Switches' true outputs.
  Block *after = builder.createBlock(&loop.getAfter(), {}, types, locs);
  for (auto [variable, arg] : llvm::zip(variables, after->getArguments()))
    values[{variable.switchNode->name(), 1}] = arg;
  SmallVector<ParsedInput> bodyRoots;
  for (const Variable &variable : variables)
    for (const std::string &input : variable.next->input())
      if (std::optional<ParsedInput> parsed = parseNodeInput(input))
        bodyRoots.push_back(*parsed);
  if (failed(importRegion(bodyRoots, "Switch", "body")))
    return failure();
  SmallVector<Value> next;
  for (auto [variable, type] : llvm::zip(variables, types)) {
    SmallVector<ParsedInput> input = dataInputs(*variable.next);
    auto value = input.size() == 1
                     ? values.find({input[0].ref.node, input[0].ref.index})
                     : values.end();
    if (value == values.end())
      return loopError(*variable.next,
                       "expected one data input computed by the body");
    FailureOr<Value> same = castToShape(value->second, type);
    if (failed(same))
      return loopError(*variable.next,
                       "the loop variable enters as " + tensorTypeString(type) +
                           " but the body makes it " +
                           tensorTypeString(value->second.getType()) +
                           "; tfc needs one shape per loop variable");
    next.push_back(*same);
  }
  scf::YieldOp::create(builder, loc, next);
  values = std::move(outside);
  for (auto [variable, result] : llvm::zip(variables, loop.getResults()))
    if (variable.exit)
      values[{variable.exit->name(), 0}] = result;
  return success();
}

//===----------------------------------------------------------------------===//
// TensorFlow 1's cond
//===----------------------------------------------------------------------===//
//
// tf.cond before control flow v2: Switch(x, pred) sends x to output 1 when
// pred is true and to output 0 otherwise (the other output is "dead"); the
// nodes fed by one output run only on that side, and Merge forwards
// whichever input is alive. tfc computes both sides and turns each Merge
// into a select on the predicate, which is exact because the ops tfc
// supports have no side effects; integer division, which could trap on the
// side not taken, is refused there.

/// `value` under any tfc.identity: the predicate Switches are keyed by
/// (tf.cond switches on Identity(pred) and pred alike).
static Value underIdentities(Value value) {
  while (auto identity = value.getDefiningOp<IdentityOp>())
    value = identity.getInput();
  return value;
}

LogicalResult GraphImporter::trackCondSides(const tensorflow::NodeDef &node) {
  if (condSides.empty() && node.op() != "Switch")
    return success();
  CondSide side;
  auto join = [&](const CondSide &more) {
    for (const auto &pair : more)
      if (!llvm::is_contained(side, pair))
        side.push_back(pair);
  };
  bool isMerge = node.op() == "Merge";
  for (const std::string &input : node.input()) {
    std::optional<ParsedInput> parsed = parseNodeInput(input);
    // A Merge's data inputs are on its two sides; its own side is worked
    // out when it is imported.
    if (!parsed || (isMerge && !parsed->isControl))
      continue;
    auto it = condSides.find(
        {parsed->ref.node, parsed->isControl ? 0 : parsed->ref.index});
    if (it != condSides.end())
      join(it->second);
  }
  if (side.empty())
    return success();
  static const llvm::StringSet<> divisions = {
      "Div", "FloorDiv", "FloorMod", "TruncateDiv", "TruncateMod", "Mod"};
  if (divisions.contains(node.op())) {
    auto type = node.attr().find("T");
    if (type == node.attr().end() ||
        (type->second.type() != tensorflow::DT_FLOAT &&
         type->second.type() != tensorflow::DT_DOUBLE &&
         type->second.type() != tensorflow::DT_HALF))
      return nodeError(node, "tfc computes both sides of a TensorFlow 1 cond "
                             "and selects; integer " +
                                 node.op() +
                                 " could trap on the side not taken; not "
                                 "supported (tf.cond in a tf.function is)");
  }
  if (node.op() == "Switch")
    return success(); // importCondNode adds the predicate per output
  for (int64_t output = 0; output < 8; ++output)
    condSides[{node.name(), output}] = side;
  return success();
}

LogicalResult GraphImporter::importCondNode(const tensorflow::NodeDef &node) {
  SmallVector<std::pair<ParsedInput, Value>> inputs;
  for (const std::string &input : node.input()) {
    std::optional<ParsedInput> parsed = parseNodeInput(input);
    if (!parsed || parsed->isControl)
      continue;
    auto it = values.find({parsed->ref.node, parsed->ref.index});
    if (it == values.end())
      return nodeError(node, "input '" + input + "' has no value");
    inputs.push_back({*parsed, it->second});
  }
  auto sideOf = [&](const ParsedInput &input) {
    auto it = condSides.find({input.ref.node, input.ref.index});
    return it == condSides.end() ? CondSide() : it->second;
  };
  if (node.op() == "Switch") {
    if (inputs.size() != 2)
      return nodeError(node, "expected 2 data inputs (data, pred)");
    Value pred = underIdentities(inputs[1].second);
    auto predType = dyn_cast<RankedTensorType>(pred.getType());
    if (!predType || predType.getRank() != 0 ||
        !predType.getElementType().isInteger(1))
      return nodeError(node, "the predicate must be a scalar bool");
    CondSide side = sideOf(inputs[0].first);
    for (const auto &pair : sideOf(inputs[1].first))
      if (!llvm::is_contained(side, pair))
        side.push_back(pair);
    for (bool branch : {false, true}) {
      CondSide output = side;
      if (llvm::is_contained(output, std::make_pair(pred, !branch)))
        return nodeError(node, "switches a value that is only alive on the "
                               "other side of the same predicate");
      if (!llvm::is_contained(output, std::make_pair(pred, branch)))
        output.push_back({pred, branch});
      condSides[{node.name(), branch ? 1 : 0}] = output;
      values[{node.name(), branch ? 1 : 0}] = inputs[0].second;
    }
    return success();
  }
  // Merge: one input per side of one predicate, alike otherwise.
  if (inputs.size() != 2)
    return nodeError(node, "a Merge of " + Twine(inputs.size()) +
                               " inputs is not supported (tfc supports "
                               "TensorFlow 1's cond, whose Merges have 2)");
  CondSide sides[2] = {sideOf(inputs[0].first), sideOf(inputs[1].first)};
  std::optional<std::pair<Value, bool>> split;
  for (const auto &pair : sides[0])
    if (llvm::is_contained(sides[1], std::make_pair(pair.first, !pair.second)))
      split = pair;
  if (!split)
    return nodeError(node, "its inputs are not the two sides of one "
                           "TensorFlow 1 cond; not supported");
  CondSide rest;
  for (int k = 0; k < 2; ++k)
    for (const auto &pair : sides[k])
      if (pair.first != split->first && !llvm::is_contained(rest, pair))
        rest.push_back(pair);
  if (inputs[0].second.getType() != inputs[1].second.getType())
    return nodeError(node, "the two sides give " +
                               tensorTypeString(inputs[0].second.getType()) +
                               " and " +
                               tensorTypeString(inputs[1].second.getType()) +
                               "; tfc needs one type");
  // Input 0 is on side split->second of the predicate.
  unsigned whenTrue = split->second ? 0 : 1;
  Location loc = nodeLoc(node);
  values[{node.name(), 0}] =
      SelectOp::create(builder, loc, split->first, inputs[whenTrue].second,
                       inputs[1 - whenTrue].second);
  auto indexType = RankedTensorType::get({}, builder.getI32Type());
  Value trueIndex = ConstOp::create(
      builder, loc, DenseIntElementsAttr::get(indexType, {int32_t(whenTrue)}));
  Value falseIndex = ConstOp::create(
      builder, loc,
      DenseIntElementsAttr::get(indexType, {int32_t(1 - whenTrue)}));
  values[{node.name(), 1}] =
      SelectOp::create(builder, loc, split->first, trueIndex, falseIndex);
  if (!rest.empty())
    for (int64_t output = 0; output < 2; ++output)
      condSides[{node.name(), output}] = rest;
  return success();
}
