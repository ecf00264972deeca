//===- UseKernels.cpp - contractions to the runtime's micro-kernels -------===//
//
// The tfc-use-kernels pass. Each float32 convolution or MatMul with
// constant weights becomes a tfc.kernel_call of the runtime's blocked
// convolution for the target ISA, with its weights repacked into the
// micro-kernel's panels (the layout runtime/src/kernels/kernels.h gives);
// each depthwise convolution becomes a call of the depthwise kernel, which
// reads TensorFlow's filter as is, and so does each AvgPool that pads (a
// filter of ones, then a division by each window's count); each MaxPool
// becomes a call of the max_pool kernel (no weights). The parameter arrays
// written here are the ABI of those kernels: the enums there and the builders
// here change together.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/KernelConstants.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCContractions.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cstring>

namespace mlir::tfc {
#define GEN_PASS_DEF_USEKERNELS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// The runtime's activation codes (TFC_ACT_* in kernels.h); the others are
/// applied after the call.
std::optional<int64_t> kernelActivation(Activation activation) {
  switch (activation) {
  case Activation::None:
    return 0;
  case Activation::Relu:
    return 1;
  case Activation::Relu6:
    return 2;
  case Activation::LeakyRelu:
    return 3;
  default:
    return std::nullopt;
  }
}

int64_t floatBits(double value) {
  float single = static_cast<float>(value);
  uint32_t bits;
  std::memcpy(&bits, &single, sizeof bits);
  return bits;
}

/// What every contraction shares: the epilogue, read off a fused op or
/// empty for a plain one.
struct Epilogue {
  Value bias;
  Value residual;
  Activation activation = Activation::None;
  double alpha = 0.2;
};

template <typename FusedOp> Epilogue epilogueOf(FusedOp op) {
  return {op.getBias(), op.getResidual(), op.getActivation(),
          op.getAlpha().convertToDouble()};
}

bool isF32(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && type.hasStaticShape() && type.getElementType().isF32();
}

/// [padBefore height, padBefore width] of a window over NHWC `input`.
FailureOr<std::pair<int64_t, int64_t>> padsBefore(RankedTensorType input,
                                                  ArrayRef<int64_t> kernel,
                                                  const WindowAttrs &window) {
  FailureOr<std::array<WindowAxis, 2>> windows =
      computeSpatialWindows(input.getShape(), kernel, window);
  if (failed(windows))
    return failure();
  return std::make_pair((*windows)[0].padBefore, (*windows)[1].padBefore);
}

/// The params of a windowed kernel up to the activation (TFC_CONV_* and
/// TFC_DW_* in kernels.h): NHWC input shape, output height and width,
/// `channels` (COUT, or the depthwise multiplier), the filter's height and
/// width, strides, dilations and the padding before.
SmallVector<int64_t> windowParams(ArrayRef<int64_t> in, ArrayRef<int64_t> out,
                                  int64_t channels, ArrayRef<int64_t> f,
                                  const WindowAttrs &window,
                                  std::pair<int64_t, int64_t> pads) {
  return {in[0],
          in[1],
          in[2],
          in[3],
          out[1],
          out[2],
          channels,
          f[0],
          f[1],
          window.strides[0],
          window.strides[1],
          window.dilations[0],
          window.dilations[1],
          pads.first,
          pads.second};
}

class KernelBuilder {
public:
  KernelBuilder(StringRef isa, int64_t panelWidth, bool winograd)
      : isa(isa), panelWidth(panelWidth), winograd(winograd) {}

  /// Conv2D (NHWC input, HWIO constant filter).
  LogicalResult convolution(Operation *op, Value input, Value filter,
                            const WindowAttrs &window,
                            const Epilogue &epilogue) {
    auto inputType = cast<RankedTensorType>(input.getType());
    auto filterType = cast<RankedTensorType>(filter.getType());
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    ArrayRef<int64_t> in = inputType.getShape(), f = filterType.getShape();
    ArrayRef<int64_t> out = resultType.getShape();
    FailureOr<std::pair<int64_t, int64_t>> pads =
        padsBefore(inputType, f.take_front(2), window);
    if (failed(pads))
      return failure();
    SmallVector<int64_t> params =
        windowParams(in, out, out[3], f, window, *pads);
    WinogradForm form = winogradForm(in, f, out, window);
    if (form != WinogradForm::None)
      return winogradConvolution(op, input, filter, form, std::move(params),
                                 epilogue);
    return contraction(op, input, filter, f[0] * f[1] * f[2], f[3],
                       /*transposed=*/false, std::move(params), epilogue);
  }

  /// MatMul [M, K] x [K, N] (or [N, K] transposed), a constant.
  LogicalResult matmul(Operation *op, Value a, Value b, bool transposeB,
                       const Epilogue &epilogue) {
    ArrayRef<int64_t> aShape = cast<RankedTensorType>(a.getType()).getShape();
    int64_t m = aShape[0], k = aShape[1];
    int64_t n =
        cast<RankedTensorType>(op->getResult(0).getType()).getDimSize(1);
    return contraction(op, a, b, k, n, transposeB,
                       {1, 1, m, k, 1, m, n, 1, 1, 1, 1, 1, 1, 0, 0}, epilogue);
  }

  /// DepthwiseConv2dNative (NHWC input, HWCM filter, any value).
  LogicalResult depthwise(Operation *op, Value input, Value filter,
                          const WindowAttrs &window, const Epilogue &epilogue) {
    auto inputType = cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> in = inputType.getShape();
    ArrayRef<int64_t> f = cast<RankedTensorType>(filter.getType()).getShape();
    ArrayRef<int64_t> out =
        cast<RankedTensorType>(op->getResult(0).getType()).getShape();
    FailureOr<std::pair<int64_t, int64_t>> pads =
        padsBefore(inputType, f.take_front(2), window);
    if (failed(pads))
      return failure();
    return call(op, "depthwise_conv2d", input, filter,
                windowParams(in, out, f[3], f, window, *pads), epilogue);
  }

  /// AvgPool with padding: the depthwise kernel over a filter of ones sums
  /// each window (taps in the padding add nothing), without the
  /// zero-padded copy of the input that linalg's pooling reads; a RealDiv
  /// then divides each sum by the number of input elements its window
  /// covers, as TensorFlow does. The sums add the same values in the same
  /// order as linalg's. Not without padding (no copy to save: a global
  /// pool would only add a filter as large as its input), nor with the
  /// generic kernels (microcontrollers: the filter's flash for the copy's
  /// RAM is a trade their users make, not us). With Inception-v3's nine
  /// 3x3 AvgPools this way, the model ran 1.5% faster.
  LogicalResult avgPool(AvgPoolOp op) {
    if (isa == "generic")
      return failure();
    FailureOr<PoolWindow> pool = poolWindow(op);
    if (failed(pool) || llvm::all_of(pool->axes, [](const WindowAxis &axis) {
          return axis.padBefore == 0 && axis.padAfter == 0;
        }))
      return failure();
    ArrayRef<int64_t> in = op.getInput().getType().getShape();
    ArrayRef<int64_t> out = op.getType().getShape();
    ArrayRef<int64_t> ksize = op.getKsize();
    std::vector<float> counts;
    for (int64_t covered :
         avgPoolCounts(in, ksize, op.getStrides(), pool->axes))
      counts.push_back(static_cast<float>(covered));

    OpBuilder b(op);
    Location loc = op.getLoc();
    Type f32 = b.getF32Type();
    Value ones = ConstOp::create(
        b, loc,
        DenseElementsAttr::get(
            RankedTensorType::get({ksize[0], ksize[1], in[3], 1}, f32), 1.0f));
    Value countTensor =
        ConstOp::create(b, loc,
                        DenseElementsAttr::get(
                            RankedTensorType::get({1, out[1], out[2], 1}, f32),
                            ArrayRef<float>(counts)));
    Value sums = emitCall(op, "depthwise_conv2d", op.getInput(), ones,
                          std::move(pool->params), Epilogue());
    Value average = RealDivOp::create(b, loc, sums, countTensor);
    op.getResult().replaceAllUsesWith(average);
    op.erase();
    return success();
  }

  /// MaxPool: the runtime's max_pool kernel reads each window's taps
  /// inside the input, where linalg's pooling first copies the input into
  /// one padded with the lowest float and fills the output with it, then
  /// keeps one chain of maxima per vector (Inception-v3's four 3x3/2
  /// pools, one Zen 5 core: 0.60 -> 0.21 ms). Same results: the kernel
  /// starts from that lowest float and propagates NaN as arith.maximumf.
  /// Not with the generic kernels, which have none.
  LogicalResult maxPool(MaxPoolOp op) {
    if (isa == "generic")
      return failure();
    FailureOr<PoolWindow> pool = poolWindow(op);
    if (failed(pool))
      return failure();
    return call(op, "max_pool", op.getInput(), Value(), std::move(pool->params),
                Epilogue());
  }

private:
  /// A pool's window along height and width, and the depthwise kernel's
  /// params for it (multiplier 1, undilated) without the epilogue's.
  struct PoolWindow {
    std::array<WindowAxis, 2> axes;
    SmallVector<int64_t> params;
  };
  template <typename PoolOp> FailureOr<PoolWindow> poolWindow(PoolOp op) const {
    ArrayRef<int64_t> in = op.getInput().getType().getShape();
    ArrayRef<int64_t> ksize = op.getKsize();
    static constexpr int64_t kUndilated[] = {1, 1};
    WindowAttrs window{op.getStrides(), kUndilated, op.getPadding(), {}};
    FailureOr<std::array<WindowAxis, 2>> axes =
        computeSpatialWindows(in, ksize, window);
    if (failed(axes))
      return failure();
    return PoolWindow{
        *axes, windowParams(in, op.getType().getShape(), 1, ksize, window,
                            {(*axes)[0].padBefore, (*axes)[1].padBefore})};
  }

  /// The Winograd form a convolution runs in (runtime/src/kernels/
  /// winograd.h), if any: undilated, stride 1, on an ISA with vectors, with
  /// 16 input channels or more, and enough output tiles to pay for the
  /// larger weights, which are read once per micro-kernel row tile of
  /// output tiles. SmallSquare is F(2x2, 3x3), for 3x3 layers with too few
  /// tiles of 4x4.
  enum class WinogradForm { None, Square, SmallSquare, Line };
  WinogradForm winogradForm(ArrayRef<int64_t> in, ArrayRef<int64_t> f,
                            ArrayRef<int64_t> out,
                            const WindowAttrs &window) const {
    if (!winograd || isa == "generic" || window.strides[0] != 1 ||
        window.strides[1] != 1 || window.dilations[0] != 1 ||
        window.dilations[1] != 1 || f[2] < kWinogradMinChannels || f[3] < 1)
      return WinogradForm::None;
    // 3x3 in F(4x4, 3x3) (36 weights per filter instead of 9), else in
    // F(2x2, 3x3) (16 instead of 9); 5x5 in F(2x2, 5x5) (36 instead of 25).
    auto squareTiles = [&](int64_t tile) {
      return in[0] * ((out[1] + tile - 1) / tile) *
             ((out[2] + tile - 1) / tile);
    };
    if (f[0] == f[1] && f[0] == 3) {
      if (squareTiles(kWinogradInputTile + 1 - 3) >= kWinogradMinTiles3x3)
        return WinogradForm::Square;
      return squareTiles(2) >= kWinogradMinTilesSmall3x3
                 ? WinogradForm::SmallSquare
                 : WinogradForm::None;
    }
    if (f[0] == f[1] && f[0] == 5)
      return squareTiles(kWinogradInputTile + 1 - 5) >= kWinogradMinTiles5x5
                 ? WinogradForm::Square
                 : WinogradForm::None;
    // 1x3 or 3x1 in F(4, 3) (6 weights per filter instead of 3), 1x7 or 7x1
    // in F(4, 7) (10 instead of 7), in tiles of 4 pixels along the filter.
    int64_t taps = std::max(f[0], f[1]);
    if (std::min(f[0], f[1]) != 1 || (taps != 3 && taps != 7))
      return WinogradForm::None;
    bool alongH = f[1] == 1;
    constexpr int64_t tile = kWinogradLineTile;
    int64_t tiles = in[0] * (alongH ? (out[1] + tile - 1) / tile * out[2]
                                    : out[1] * ((out[2] + tile - 1) / tile));
    return tiles >= kWinogradMinTilesLine ? WinogradForm::Line
                                          : WinogradForm::None;
  }

  /// The Winograd form of a convolution: each filter g[ci][co] becomes
  /// U = G g G^T (Square, 6x6; SmallSquare, 4x4) or U = G g (Line: the
  /// filter as a vector along its axis, 6 or 10 values), packed as
  /// [panel][xi][ci][panelWidth] (kernels.h gives G). The params end with
  /// the output tile's side.
  LogicalResult winogradConvolution(Operation *op, Value input, Value filter,
                                    WinogradForm form,
                                    SmallVector<int64_t> params,
                                    const Epilogue &epilogue) {
    std::optional<std::vector<float>> hwio = constantFloats(filter);
    if (!hwio)
      return failure();
    ArrayRef<int64_t> f =
        cast<RankedTensorType>(filter.getType()).getShape(); // HWIO
    bool line = form == WinogradForm::Line;
    int64_t r = std::max(f[0], f[1]), cin = f[2], cout = f[3];
    int64_t tile = line ? kWinogradLineTile
                   : form == WinogradForm::SmallSquare
                       ? 2
                       : kWinogradInputTile + 1 - r;
    int64_t a = tile + r - 1;
    int64_t xis = line ? a : a * a;
    // G: row j < a - 1 is p^k / prod over l != j of (p - p_l) at p =
    // points[j]; the last row, the point at infinity, picks the last tap.
    static const double points4[] = {0.0, 1.0, -1.0};
    static const double points6[] = {0.0, 1.0, -1.0, 2.0, -0.5};
    static const double points10[] = {0.0, 1.0,  -1.0, 2.0, -2.0,
                                      0.5, -0.5, 1.5,  -1.5};
    const double *points = a == 10 ? points10 : a == 4 ? points4 : points6;
    std::vector<double> g(a * r, 0.0);
    for (int64_t j = 0; j + 1 < a; ++j) {
      double scale = 1.0;
      for (int64_t l = 0; l + 1 < a; ++l)
        if (l != j)
          scale *= points[j] - points[l];
      double power = 1.0;
      for (int64_t k = 0; k < r; ++k, power *= points[j])
        g[j * r + k] = power / scale;
    }
    g[(a - 1) * r + r - 1] = 1.0;
    int64_t panels = (cout + panelWidth - 1) / panelWidth;
    std::vector<float> packed(panels * xis * cin * panelWidth, 0.0f);
    auto store = [&](int64_t ci, int64_t co, int64_t xi, double u) {
      packed[(((co / panelWidth) * xis + xi) * cin + ci) * panelWidth +
             co % panelWidth] = static_cast<float>(u);
    };
    std::vector<double> half(a * r);
    for (int64_t ci = 0; ci < cin; ++ci)
      for (int64_t co = 0; co < cout; ++co) {
        // Tap (kh, kw); a line filter's k-th tap is at index k either way.
        auto tap = [&](int64_t kh, int64_t kw) {
          return static_cast<double>(
              (*hwio)[((kh * f[1] + kw) * cin + ci) * cout + co]);
        };
        if (line) {
          for (int64_t xi = 0; xi < a; ++xi) {
            double u = 0.0;
            for (int64_t k = 0; k < r; ++k)
              u += g[xi * r + k] * tap(0, k);
            store(ci, co, xi, u);
          }
          continue;
        }
        for (int64_t row = 0; row < a; ++row)
          for (int64_t kw = 0; kw < r; ++kw) {
            double sum = 0.0;
            for (int64_t kh = 0; kh < r; ++kh)
              sum += g[row * r + kh] * tap(kh, kw);
            half[row * r + kw] = sum;
          }
        for (int64_t row = 0; row < a; ++row)
          for (int64_t col = 0; col < a; ++col) {
            double u = 0.0;
            for (int64_t kw = 0; kw < r; ++kw)
              u += half[row * r + kw] * g[col * r + kw];
            store(ci, co, row * a + col, u);
          }
      }
    return call(op, "conv2d_winograd", input, constant(op, packed),
                std::move(params), epilogue, {kDenseOutput, tile});
  }

  /// A flat float32 constant before `op`.
  static Value constant(Operation *op, ArrayRef<float> data) {
    OpBuilder b(op);
    return flatConstant(b, op->getLoc(), data);
  }

  /// A GEMM-shaped contraction with constant weights `weights`, read as a
  /// [k, n] matrix (or [n, k] when `transposed`), packed into panels.
  LogicalResult contraction(Operation *op, Value input, Value weights,
                            int64_t k, int64_t n, bool transposed,
                            SmallVector<int64_t> params,
                            const Epilogue &epilogue) {
    std::optional<std::vector<float>> floats = constantFloats(weights);
    if (!floats)
      return failure();
    int64_t panels = (n + panelWidth - 1) / panelWidth;
    std::vector<float> packed(panels * k * panelWidth, 0.0f);
    auto it = floats->begin();
    // One pass over the weights in their own order.
    for (int64_t row = 0; row < (transposed ? n : k); ++row)
      for (int64_t col = 0; col < (transposed ? k : n); ++col, ++it) {
        int64_t kk = transposed ? col : row, nn = transposed ? row : col;
        packed[((nn / panelWidth) * k + kk) * panelWidth + nn % panelWidth] =
            *it;
      }
    return call(op, "conv2d", input, constant(op, packed), std::move(params),
                epilogue, {kDenseOutput});
  }

  /// Replaces `op` with the call of `<kernel>_f32_<isa>`, then the
  /// activation the kernel does not apply itself.
  LogicalResult call(Operation *op, StringRef kernel, Value input,
                     Value weights, SmallVector<int64_t> params,
                     const Epilogue &epilogue,
                     ArrayRef<int64_t> trailingParams = {}) {
    Value result = emitCall(op, kernel, input, weights, std::move(params),
                            epilogue, trailingParams);
    op->getResult(0).replaceAllUsesWith(result);
    op->erase();
    return success();
  }

  /// The call of `<kernel>_f32_<isa>` before `op`, with `op`'s result type,
  /// then the activation the kernel does not apply itself: their result.
  /// The params are `params`, the epilogue's, then `trailingParams`.
  Value emitCall(Operation *op, StringRef kernel, Value input, Value weights,
                 SmallVector<int64_t> params, const Epilogue &epilogue,
                 ArrayRef<int64_t> trailingParams = {}) {
    std::optional<int64_t> activation = kernelActivation(epilogue.activation);
    params.push_back(activation.value_or(0));
    params.push_back(floatBits(epilogue.alpha));
    params.append(trailingParams.begin(), trailingParams.end());
    OpBuilder b(op);
    Location loc = op->getLoc();
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                         resultType.getElementType());
    Value result =
        KernelCallOp::create(b, loc, TypeRange{resultType}, input, weights,
                             epilogue.bias, epilogue.residual, init,
                             b.getStringAttr(kernel + "_f32_" + isa),
                             b.getDenseI64ArrayAttr(params))
            .getResult(0);
    if (!activation) {
      switch (epilogue.activation) {
      case Activation::Elu:
        result = EluOp::create(b, loc, resultType, result);
        break;
      case Activation::Sigmoid:
        result = SigmoidOp::create(b, loc, resultType, result);
        break;
      case Activation::Tanh:
        result = TanhOp::create(b, loc, resultType, result);
        break;
      default:
        llvm_unreachable("kernels apply every other activation");
      }
    }
    return result;
  }

  /// TFC_CONV_OUT_STRIDE of a convolution's params as made here: a dense
  /// output. Bufferization sets it where the output is a slice of the
  /// channels of a Concat's result (tfc.kernel_call's bufferize).
  static constexpr int64_t kDenseOutput = 0;
  /// The Winograd kernel's input tile side (output tile + filter - 1).
  static constexpr int64_t kWinogradInputTile = 6;
  /// Output tiles from which Winograd is used (see winogradPays): a 3x3
  /// filter's weights grow fourfold, a 5x5 one's by 1.44.
  static constexpr int64_t kWinogradMinTiles3x3 = 64;
  static constexpr int64_t kWinogradMinTiles5x5 = 16;
  /// F(2x2, 3x3) below 64 tiles of 4x4, from 16 tiles of 2x2 (one Zen 5
  /// core, one call, against the direct kernel with its weights warm and
  /// from memory: 8x8x448->384 0.50-0.56 / 0.63-0.65 ms against
  /// 0.86-0.93 / 0.91-1.01, 7x7x512->512 0.84 / 1.08 against 1.33 / 1.22,
  /// 14x14x256->256 0.58 / 0.78 against 1.05 / 1.10; with 9 tiles or fewer
  /// slower: 5x5x512->512 0.74 against 0.57).
  static constexpr int64_t kWinogradMinTilesSmall3x3 = 16;
  /// The 1-D forms' output tile (pixels along the filter), and the tiles
  /// from which they are used: a 1x3 filter's weights double, a 1x7 one's
  /// grow by 10/7; Inception's 8x8x384 1x3 layers (16 tiles) measured 10%
  /// faster this way.
  static constexpr int64_t kWinogradLineTile = 4;
  static constexpr int64_t kWinogradMinTilesLine = 16;
  /// Input channels from which Winograd is used: with fewer, the input
  /// transform's vectors are mostly empty and each GEMM too short (MNIST's
  /// 28x28x1 -> 32 5x5 layer took 0.11 ms instead of 0.034).
  static constexpr int64_t kWinogradMinChannels = 16;

  std::string isa;
  int64_t panelWidth;
  bool winograd;
};

struct UseKernelsPass : tfc::impl::UseKernelsBase<UseKernelsPass> {
  using UseKernelsBase::UseKernelsBase;

  void runOnOperation() override {
    // The micro-kernel's NR for each ISA (runtime/src/kernels/<isa>.c).
    int64_t panelWidth = llvm::StringSwitch<int64_t>(isa)
                             .Case("avx512", 32)
                             .Case("avx2", 16)
                             .Case("neon", 8)
                             .Case("generic", 8)
                             .Default(0);
    if (!panelWidth) {
      getOperation().emitError("tfc-use-kernels: unknown isa '" + isa + "'");
      return signalPassFailure();
    }
    KernelBuilder builder(isa, panelWidth, winograd);
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (llvm::isa<Conv2DOp, FusedConv2DOp, DepthwiseConv2DOp,
                    FusedDepthwiseConv2DOp, MatMulOp, FusedMatMulOp, AvgPoolOp,
                    MaxPoolOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      // Unsupported forms stay as they are, for linalg.
      if (!llvm::all_of(op->getOperands(), isF32) || !isF32(op->getResult(0)))
        continue;
      (void)llvm::TypeSwitch<Operation *, LogicalResult>(op)
          .Case([&](Conv2DOp conv) {
            return builder.convolution(conv, conv.getInput(), conv.getFilter(),
                                       WindowAttrs::of(conv), Epilogue());
          })
          .Case([&](FusedConv2DOp conv) {
            return builder.convolution(conv, conv.getInput(), conv.getFilter(),
                                       WindowAttrs::of(conv), epilogueOf(conv));
          })
          .Case([&](DepthwiseConv2DOp conv) {
            return builder.depthwise(conv, conv.getInput(), conv.getFilter(),
                                     WindowAttrs::of(conv), Epilogue());
          })
          .Case([&](FusedDepthwiseConv2DOp conv) {
            return builder.depthwise(conv, conv.getInput(), conv.getFilter(),
                                     WindowAttrs::of(conv), epilogueOf(conv));
          })
          .Case([&](MatMulOp matmul) {
            if (matmul.getTransposeA())
              return failure();
            return builder.matmul(matmul, matmul.getA(), matmul.getB(),
                                  matmul.getTransposeB(), Epilogue());
          })
          .Case([&](FusedMatMulOp matmul) {
            if (matmul.getTransposeA())
              return failure();
            return builder.matmul(matmul, matmul.getA(), matmul.getB(),
                                  matmul.getTransposeB(), epilogueOf(matmul));
          })
          .Case([&](AvgPoolOp pool) { return builder.avgPool(pool); })
          .Case([&](MaxPoolOp pool) { return builder.maxPool(pool); })
          .Default([](Operation *) { return failure(); });
    }
  }
};

} // namespace
