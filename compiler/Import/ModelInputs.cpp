//===- ModelInputs.cpp - reading GraphDefs and feed/fetch configs ---------===//

#include "compiler/Import/ModelInputs.h"

#include "compiler/proto/tf2xla.pb.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/text_format.h>

#include <limits>

using namespace mlir;
using namespace mlir::tfc;

std::string TensorRef::str() const {
  return index == 0 ? node : node + ":" + std::to_string(index);
}

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

namespace {
/// Collects text-format parse errors; keeps the first for the error line.
class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
public:
  void AddError(int line, int column, const std::string &message) override {
    if (first.empty())
      first = "line " + std::to_string(line + 1) + ":" +
              std::to_string(column + 1) + ": " + message;
  }
  std::string first;
};
} // namespace

/// How deep messages may nest. Real graphs nest a handful of levels; a
/// hostile file nesting thousands (AttrValue.func.attr...) would otherwise
/// overflow the stack of protobuf's recursive parsers. 100 is protobuf's own
/// default for binary input.
static constexpr int kRecursionLimit = 100;

namespace {
/// While alive, keeps libprotobuf's log lines (such as its invalid UTF-8
/// complaint) off stderr, where they would break the one-line rule; the
/// first one is kept to explain the failure.
class CapturedProtobufLog {
public:
  CapturedProtobufLog() {
    captured().clear();
    previous = google::protobuf::SetLogHandler(&record);
  }
  ~CapturedProtobufLog() { google::protobuf::SetLogHandler(previous); }
  /// The first message logged, on one line.
  std::string first() const {
    std::string message = captured();
    for (char &c : message)
      if (c == '\n' || c == '\r')
        c = ' ';
    return llvm::StringRef(message).trim().str();
  }

private:
  static std::string &captured() {
    static std::string message;
    return message;
  }
  static void record(google::protobuf::LogLevel, const char *, int,
                     const std::string &message) {
    if (captured().empty())
      captured() = message;
  }
  google::protobuf::LogHandler *previous;
};
} // namespace

/// Text protos are printable; a binary GraphDef always holds control bytes
/// (field tags such as 0x12 and small lengths).
static bool looksLikeText(llvm::StringRef bytes) {
  for (unsigned char c : bytes)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
      return false;
  return true;
}

/// Parses a text proto; `allowUnknownFields` skips fields the schema lacks.
template <typename Message>
static llvm::Error parseText(llvm::StringRef bytes, llvm::StringRef name,
                             llvm::StringRef what, Message &message,
                             bool allowUnknownFields) {
  google::protobuf::TextFormat::Parser parser;
  FirstErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  parser.AllowUnknownField(allowUnknownFields);
  parser.AllowUnknownExtension(allowUnknownFields);
  parser.SetRecursionLimit(kRecursionLimit);
  CapturedProtobufLog log;
  if (!parser.ParseFromString(std::string(bytes), &message))
    return makeError(name + ": not a valid text " + what + " (" +
                     (errors.first.empty() ? log.first() : errors.first) + ")");
  return llvm::Error::success();
}

llvm::Expected<tensorflow::GraphDef>
mlir::tfc::parseGraphDef(llvm::StringRef bytes, llvm::StringRef name) {
  tensorflow::GraphDef graph;
  if (bytes.trim().empty())
    return makeError(name + ": the file is empty; expected a GraphDef");
  if (looksLikeText(bytes)) {
    // Graphs written by newer TensorFlow versions carry fields tfc does not
    // model; they are irrelevant to inference, so skip them.
    if (llvm::Error err = parseText(bytes, name, "GraphDef", graph,
                                    /*allowUnknownFields=*/true))
      return std::move(err);
    return graph;
  }
  google::protobuf::io::CodedInputStream stream(
      reinterpret_cast<const uint8_t *>(bytes.data()),
      static_cast<int>(bytes.size()));
  stream.SetRecursionLimit(kRecursionLimit);
  CapturedProtobufLog log;
  if (!graph.ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage()) {
    if (llvm::StringRef(log.first()).contains("UTF-8"))
      return makeError(name + ": not a valid binary GraphDef: a string field "
                              "(such as a node name) holds invalid UTF-8");
    return makeError(name + ": not a valid binary GraphDef (truncated or "
                            "corrupt protobuf)");
  }
  return graph;
}

static llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readFile(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError(path + ": cannot read: " + buffer.getError().message());
  if ((*buffer)->getBufferSize() >
      static_cast<size_t>(std::numeric_limits<int>::max()))
    return makeError(path + ": larger than 2 GiB, which protobuf cannot read");
  return std::move(*buffer);
}

llvm::Expected<tensorflow::GraphDef>
mlir::tfc::readGraphDef(llvm::StringRef path) {
  auto buffer = readFile(path);
  if (!buffer)
    return buffer.takeError();
  return parseGraphDef((*buffer)->getBuffer(), path);
}

std::optional<std::vector<int64_t>>
mlir::tfc::shapeFromProto(const tensorflow::TensorShapeProto &shape) {
  if (shape.unknown_rank())
    return std::nullopt;
  std::vector<int64_t> dims;
  for (const auto &dim : shape.dim())
    dims.push_back(dim.size() < 0 ? -1 : dim.size());
  return dims;
}

llvm::Expected<FeedFetchConfig> mlir::tfc::readConfig(llvm::StringRef path) {
  auto buffer = readFile(path);
  if (!buffer)
    return buffer.takeError();
  return parseConfig((*buffer)->getBuffer(), path);
}

llvm::Expected<FeedFetchConfig> mlir::tfc::parseConfig(llvm::StringRef bytes,
                                                       llvm::StringRef path) {
  tensorflow::tf2xla::Config proto;
  if (!looksLikeText(bytes)) {
    // A serialized config, as tfcompile also reads.
    google::protobuf::io::CodedInputStream stream(
        reinterpret_cast<const uint8_t *>(bytes.data()),
        static_cast<int>(bytes.size()));
    stream.SetRecursionLimit(kRecursionLimit);
    CapturedProtobufLog log;
    if (!proto.ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage())
      return makeError(path + ": not a valid binary tf2xla.Config (truncated "
                              "or corrupt protobuf)");
  } else if (llvm::Error err =
                 // Unlike a graph, a text config is written by hand: a field
                 // tf2xla.Config lacks is a typo or a misunderstanding,
                 // never something safe to ignore.
             parseText(bytes, path, "tf2xla.Config", proto,
                       /*allowUnknownFields=*/false)) {
    return std::move(err);
  }
  FeedFetchConfig config;
  for (const auto &feed : proto.feed()) {
    if (feed.id().node_name().empty())
      return makeError(path + ": a feed has no id { node_name }");
    FeedSpec spec;
    spec.id = {feed.id().node_name(), feed.id().output_index()};
    // tfcompile's feeds always carry a shape; an absent one means scalar
    // there, but here it means "take it from the graph".
    if (feed.has_shape()) {
      for (const auto &dim : feed.shape().dim())
        if (dim.size() < -1)
          return makeError(path + ": feed '" + feed.id().node_name() +
                           "' has a size of " + llvm::Twine(dim.size()) +
                           " in its shape; a size is -1 (unknown) or at "
                           "least 0");
      spec.shape = shapeFromProto(feed.shape());
    }
    spec.type = feed.type();
    spec.name = feed.name();
    config.feeds.push_back(std::move(spec));
  }
  for (const auto &fetch : proto.fetch()) {
    if (fetch.id().node_name().empty())
      return makeError(path + ": a fetch has no id { node_name }");
    config.fetches.push_back(
        {{fetch.id().node_name(), fetch.id().output_index()}, fetch.name()});
  }
  for (const auto &variable : proto.variable()) {
    if (variable.node_name().empty())
      return makeError(path + ": a variable has no node_name");
    VariableSpec spec;
    spec.node = variable.node_name();
    spec.name = variable.name();
    for (const auto &dim : variable.shape().dim()) {
      if (dim.size() < 0)
        return makeError(path + ": variable '" + spec.node +
                         "' has an unknown size in its shape; a variable's "
                         "shape must be fully known");
      spec.shape.push_back(dim.size());
    }
    if (variable.type() == tensorflow::DT_INVALID)
      return makeError(path + ": variable '" + spec.node +
                       "' has no type; give it, e.g. type: DT_FLOAT");
    spec.type = variable.type();
    spec.readonly = variable.readonly();
    config.variables.push_back(std::move(spec));
  }
  return config;
}

/// Splits on commas outside brackets.
static llvm::SmallVector<llvm::StringRef> splitTopLevel(llvm::StringRef text) {
  llvm::SmallVector<llvm::StringRef> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[')
      ++depth;
    else if (text[i] == ']')
      --depth;
    else if (text[i] == ',' && depth == 0) {
      parts.push_back(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start).trim());
  return parts;
}

static llvm::Expected<TensorRef> parseTensorRef(llvm::StringRef text,
                                                llvm::StringRef flag) {
  auto [node, index] = text.rsplit(':');
  TensorRef ref{node.str(), 0};
  if (!index.empty() && index.data() != node.data()) {
    if (index.getAsInteger(10, ref.index) || ref.index < 0)
      return makeError(flag + ": '" + text + "' has a bad output index");
  } else {
    ref.node = text.str();
  }
  if (ref.node.empty())
    return makeError(flag + ": empty node name in '" + text + "'");
  return ref;
}

llvm::Expected<std::vector<FeedSpec>>
mlir::tfc::parseFeedList(llvm::StringRef text) {
  std::vector<FeedSpec> feeds;
  for (llvm::StringRef item : splitTopLevel(text)) {
    if (item.empty())
      return makeError("--feeds: empty entry in '" + text + "'");
    FeedSpec feed;
    llvm::StringRef id = item;
    size_t bracket = item.find('[');
    if (bracket != llvm::StringRef::npos) {
      if (!item.ends_with("]"))
        return makeError("--feeds: '" + item + "': the shape must end in ']'");
      id = item.take_front(bracket);
      llvm::StringRef dims = item.slice(bracket + 1, item.size() - 1).trim();
      std::vector<int64_t> shape;
      if (!dims.empty()) {
        llvm::SmallVector<llvm::StringRef> sizes;
        dims.split(sizes, ',');
        for (llvm::StringRef size : sizes) {
          size = size.trim();
          int64_t value;
          if (size == "?" || size == "-1")
            value = -1;
          else if (size.getAsInteger(10, value) || value < 0)
            return makeError("--feeds: '" + item + "': bad size '" + size +
                             "'");
          shape.push_back(value);
        }
      }
      feed.shape = std::move(shape);
    }
    auto ref = parseTensorRef(id.trim(), "--feeds");
    if (!ref)
      return ref.takeError();
    feed.id = std::move(*ref);
    feeds.push_back(std::move(feed));
  }
  return feeds;
}

llvm::Expected<std::vector<FetchSpec>>
mlir::tfc::parseFetchList(llvm::StringRef text) {
  std::vector<FetchSpec> fetches;
  for (llvm::StringRef item : splitTopLevel(text)) {
    if (item.empty())
      return makeError("--fetches: empty entry in '" + text + "'");
    auto ref = parseTensorRef(item, "--fetches");
    if (!ref)
      return ref.takeError();
    fetches.push_back({std::move(*ref), ""});
  }
  return fetches;
}

llvm::Expected<FeedFetchConfig>
mlir::tfc::readFeedFetchConfig(llvm::StringRef config, llvm::StringRef feeds,
                               llvm::StringRef fetches) {
  FeedFetchConfig result;
  if (!config.empty()) {
    auto parsed = readConfig(config);
    if (!parsed)
      return parsed.takeError();
    result = std::move(*parsed);
  }
  if (!feeds.empty()) {
    auto list = parseFeedList(feeds);
    if (!list)
      return list.takeError();
    result.feeds = std::move(*list);
  }
  if (!fetches.empty()) {
    auto list = parseFetchList(fetches);
    if (!list)
      return list.takeError();
    result.fetches = std::move(*list);
  }
  return result;
}

std::optional<ParsedInput> mlir::tfc::parseNodeInput(llvm::StringRef input) {
  ParsedInput parsed;
  if (input.consume_front("^")) {
    parsed.isControl = true;
    parsed.ref.node = input.str();
    return input.empty() ? std::nullopt : std::optional(parsed);
  }
  auto [node, index] = input.rsplit(':');
  if (index.data() == node.data() || index.empty()) {
    parsed.ref.node = input.str();
  } else {
    // Function-body inputs look like `node:output_name:index`; graph inputs
    // are `node:index`. Only the latter appears in a GraphDef's nodes.
    if (index.getAsInteger(10, parsed.ref.index) || parsed.ref.index < 0)
      return std::nullopt;
    parsed.ref.node = node.str();
  }
  if (parsed.ref.node.empty())
    return std::nullopt;
  return parsed;
}
