//===- Passes.td - tfc transformation passes ---------------*- tablegen -*-===//

#ifndef TFC_TRANSFORMS_PASSES_TD
#define TFC_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def PruneControlInputs : Pass<"tfc-prune-control-inputs", "func::FuncOp"> {
  let summary = "Drop control edges and the NoOps that only carried them";
  let description = [{
    The importer keeps each node's control inputs as a `tfc.control_inputs`
    attribute. Every supported op is free of side effects, so control edges
    cannot change a result; this pass removes the attributes and erases
    `tfc.no_op`s, which exist only to be the source or target of such edges.
  }];
}

def ShapeInference : Pass<"tfc-shape-inference", "func::FuncOp"> {
  let summary = "Fold constant subgraphs and refine tensor types";
  let description = [{
    Walks the function in order. An op whose operands are all constants is
    folded to a `tfc.const` when its folder can (this is how the
    Shape/StridedSlice/Pack chains of Keras graphs become constants); every
    other op has its result types inferred again from its (possibly refined)
    operands and keeps the more precise type. At the end the function's
    result types follow its returned values. Lowering needs static shapes,
    so this pass runs whether or not optimizations are enabled.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def DecomposeConv2DTranspose : Pass<"tfc-decompose-conv2d-transpose",
                                    "func::FuncOp"> {
  let summary = "Rewrite transposed convolutions as stride-1 convolutions";
  let description = [{
    A `tfc.conv2d_transpose` (TensorFlow's Conv2DBackpropInput, Keras'
    Conv2DTranspose) of static shapes becomes the `tfc.conv2d` its lowering
    computes: out_backprop spread `stride` apart with zeros (a reshape, a
    zero `tfc.pad` and a reshape back), cut where rows saw only the forward
    convolution's padding (`tfc.slice`), and convolved with stride 1, the same
    dilations and EXPLICIT padding with the filter flipped in height and
    width and its in and out channels swapped (folded into a new constant
    when the filter is one). The passes after it then fold batch norm into
    it, fuse its bias and activation, and call the runtime's convolution
    kernels, as for any `tfc.conv2d`.
  }];
}

def FoldPadIntoWindow : Pass<"tfc-fold-pad-into-window", "func::FuncOp"> {
  let summary = "Fold a zero Pad of the spatial axes into the convolution after it";
  let description = [{
    Keras pads explicitly before a strided convolution (ZeroPadding2D, then
    a VALID Conv2D or DepthwiseConv2dNative). When a `tfc.conv2d` or
    `tfc.depthwise_conv2d` with VALID or EXPLICIT padding reads a `tfc.pad`
    whose paddings are constants that pad only height and width, with zeros
    (Pad, or PadV2 with a constant 0), the convolution reads the unpadded
    input with EXPLICIT padding instead: the same result, without filling
    and copying the padded tensor. The Pad stays for any other user.
  }];
}

def FoldSpaceToBatchConv : Pass<"tfc-fold-space-to-batch-conv", "func::FuncOp"> {
  let summary = "Fold SpaceToBatchND, convolution, BatchToSpaceND into a dilated convolution";
  let description = [{
    TensorFlow 1's tf.nn.convolution and Keras' dilated Conv1D/Conv2D write
    a convolution with dilation d as BatchToSpaceND(Conv(SpaceToBatchND(x,
    d, pads), VALID, stride 1), d, crops), with an ExpandDims before and a
    Squeeze after the convolution for Conv1D. When the block shape, pads
    and crops are constants, the blocked axes map onto height and width,
    pads - crops is not negative and each intermediate has one user, the
    chain becomes one `tfc.conv2d` (or `tfc.depthwise_conv2d`) on x with
    dilations d and EXPLICIT padding pads - crops: the same sums, without
    the blocked copies.
  }];
}

def FoldBatchNorm : Pass<"tfc-fold-batch-norm", "func::FuncOp"> {
  let summary = "Fold inference batch norm into convolution and matmul weights";
  let description = [{
    In inference, batch norm is y = x * k + b per channel, with
    k = scale / sqrt(variance + epsilon) and b = offset - mean * k. When x is
    a `tfc.conv2d`, `tfc.depthwise_conv2d` or `tfc.matmul` (optionally
    followed by a `tfc.bias_add`) whose weights are constants and whose
    result has no other user, k multiplies into the weights along the output
    channel axis and b becomes (or joins) the bias, leaving
    `tfc.bias_add(contraction, b)`, as TensorFlow's fold_batch_norms graph
    transform and the TFLite converter do.

    Folded forms: `tfc.batch_norm` with constant scale, offset, mean and
    variance; and the unfused arithmetic of tf.nn.batch_normalization
    (Google's MobileNet releases, older Keras exports), once constant
    folding has reduced it to `Mul(x, s)` followed by `Add(., t)` or
    `Sub(., t)`, where s and t are constants that vary only along the
    channel axis (shape [N] or [1, ..., 1, N], or a splat).

    Only f32 and f64 are folded. New weights are computed in double from
    the original constants and rounded once to the element type.
  }];
}

def FuseContractions : Pass<"tfc-fuse-contractions", "func::FuncOp"> {
  let summary = "Fuse contractions with their bias, residual Add and activation";
  let description = [{
    Replaces `tfc.conv2d`, `tfc.depthwise_conv2d` or `tfc.matmul` (float,
    static shapes) followed by
      1. optionally a bias along the channel axis: an NHWC `tfc.bias_add`
         with a 1-D bias, or a `tfc.add` of a constant 1-D vector with one
         element per channel;
      2. optionally a `tfc.add` of another tensor of the result's type (a
         residual);
      3. optionally `tfc.relu`, `relu6`, `elu`, `leaky_relu`, `sigmoid` or
         `tanh`
    (one of them at least; without a bias, the fused op's bias is a zero
    constant) by one `tfc.fused_conv2d`, `tfc.fused_depthwise_conv2d` or
    `tfc.fused_matmul`, as grappler's remapper does. The chain is followed
    only while each value has no other user, so a value the graph still
    needs elsewhere (or fetches) is never fused away: a contraction with a
    second user is left alone, and a bias with a second user ends the chain
    there. NCHW BiasAdd, biases of another shape and broadcasting Adds are
    not fused. Runs after `tfc-fold-batch-norm`, whose `tfc.bias_add` of a
    constant it fuses.
  }];
}

def PlanMemory : Pass<"tfc-plan-memory", "func::FuncOp"> {
  let summary = "Place every intermediate buffer in one caller-supplied arena";
  let description = [{
    Runs after bufferization. Each `memref.alloc` in the function becomes a
    `memref.view` into a new trailing argument, the arena, at an offset fixed
    at compile time; the arena's size is recorded on the function as
    `tfc.arena_size`. The generated code therefore never allocates: the
    caller hands in the arena.

    A buffer is live from its allocation to the last top-level op that uses
    it or a view of it. Placement is greedy by size (largest first, lowest
    aligned offset free of every placed buffer alive at the same time), as in
    TensorFlow Lite's planner. The function also records the lower bound (the
    most bytes live at any point) and the naive sum of all buffers, as
    `tfc.arena_lower_bound` and `tfc.arena_naive`.
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"64",
           "Byte alignment of every buffer in the arena">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def LowerStridedCopies : Pass<"tfc-lower-strided-copies", "func::FuncOp"> {
  let summary = "Turn memref.copy between non-contiguous buffers into loops";
  let description = [{
    The LLVM lowering turns a `memref.copy` between contiguous buffers into a
    `memcpy`, but a copy involving a strided view (a padded interior, a
    slice) into a call to `memrefCopy` from MLIR's C runner library, which a
    self-contained static library cannot depend on. This pass rewrites those
    copies as loops: over the rows, each copied by a `memref.copy` between
    contiguous one-dimensional views (a `memcpy`), when both sides have a
    static shape and rows of stride 1 (Concat's slices of the channels);
    otherwise as a `linalg.copy`, which later becomes loops over elements.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

def FuseElementwise : Pass<"tfc-fuse-elementwise", "func::FuncOp"> {
  let summary = "Fuse chains of linalg.generic ops, computing each value once";
  let description = [{
    Runs on linalg on tensors. A `linalg.generic` with one user is fused
    into that user (upstream's elementwise fusion) when the user reads it
    through a permutation of its loops, so the fused loop nest computes each
    element of the producer exactly once. A producer read by a contraction
    (a matmul reads each row of its left operand once per output column) or
    through a broadcast stays its own loop nest: fusing it would recompute
    it, and would apply a producer that updates its `outs` in place (a fused
    contraction's epilogue) several times over. Fusion also stops when the
    combined payload would exceed `max-payload-ops` operations, which keeps
    compile time linear in the length of a chain. Reshapes between
    elementwise ops are folded by expanding loops, and linalg ops on
    constants are folded, as upstream's linalg-fuse-elementwise-ops does.
  }];
  let options = [
    Option<"maxPayloadOps", "max-payload-ops", "int64_t", /*default=*/"64",
           "Largest payload (operations) a fused op may have">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def SplitFunction : Pass<"tfc-split-function", "ModuleOp"> {
  let summary = "Cut large compute functions into calls of bounded size";
  let description = [{
    Runs last on buffers, after the memory plan. A public function larger
    than `piece-size` operations (nested ones included) has its top-level
    ops that write memory grouped, in order, into pieces of about that size;
    each piece moves into a private `noinline` function taking the original
    function's arguments, and is replaced by a call. The views, constants
    and global addresses a piece reads are recomputed inside it. LLVM's code
    generator is superlinear in the size of one function, so this keeps
    compile time linear in the size of the graph; the calls cost nothing
    measurable at run time.
  }];
  let options = [
    Option<"pieceSize", "piece-size", "int64_t", /*default=*/"300",
           "Operations per outlined piece (a piece holds at least one op)">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def UntieEmptyTensors : Pass<"tfc-untie-empty-tensors", "func::FuncOp"> {
  let summary = "Give each use of a tensor.empty its own tensor.empty";
  let description = [{
    Runs just before one-shot bufferization. CSE merges equal
    `tensor.empty` ops, which makes the destinations of all same-shaped ops
    one value; bufferization's conflict analysis then treats them all as
    aliases and its cost grows superlinearly with the graph. Each use gets
    its own `tensor.empty`, placed just before its user when both are in one
    block. Contents are undefined either way, so nothing else
    changes.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def TieLoopVariables : Pass<"tfc-tie-loop-variables", "func::FuncOp"> {
  let summary = "Make each While loop variable live in one buffer";
  let description = [{
    Runs just before one-shot bufferization, which needs every value an
    `scf.while` yields to bufferize to the buffer of its loop variable (the
    memory plan gives every buffer one place for the whole run, so a loop
    cannot hand a new buffer to its next iteration). At the end of the body
    each new value is copied into its variable (`linalg.copy` with the
    variable as destination); a value that is a view of another variable is
    first copied aside, so that swapping two variables reads no overwritten
    data. A loop whose initial value is a function argument starts from a
    copy of it: the caller's inputs are never written. The condition must
    forward the loop variables unchanged, as the importer builds it.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def InPlaceElementwise : Pass<"tfc-inplace-elementwise", "func::FuncOp"> {
  let summary = "Let elementwise ops overwrite an input read for the last time";
  let description = [{
    Runs on linalg on tensors, before bufferization. An elementwise
    `linalg.generic` (all loops parallel, identity maps) that writes into a
    fresh `tensor.empty` instead takes as destination one of its inputs of
    the same type, when that input is read by nothing after this op; one-shot
    bufferization then computes the op in the input's buffer. Inputs that are
    function arguments (the caller's buffers) or constants (read-only
    globals) are never overwritten, nor is an input still read later.

    At most `max-chain` ops in a row share one buffer this way; the next one
    writes a fresh tensor. One-shot bufferization's conflict analysis grows
    faster than quadratically with the number of values that share a buffer
    (667 unfusable Sigmoids sharing one took 16 s), and bounding the chain
    costs at most one more buffer, which the memory plan packs.
  }];
  let options = [
    Option<"maxChain", "max-chain", "int64_t", /*default=*/"16",
           "Most consecutive in-place ops that share one buffer">,
  ];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def DistinctResults : Pass<"tfc-distinct-results", "func::FuncOp"> {
  let summary = "Give each returned buffer its own allocation";
  let description = [{
    Runs after bufferization, before `buffer-results-to-out-params`, which
    needs every result to be a distinct value: two fetches of one tensor
    (`--fetches=y,y`, or `y` and an Identity of `y`) return the same buffer
    twice. Each repeat is replaced by a fresh `memref.alloc` filled with a
    `memref.copy`, which then becomes the result's out-parameter.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def UseKernels : Pass<"tfc-use-kernels", "func::FuncOp"> {
  let summary = "Call the runtime's tuned kernels for float32 contractions";
  let description = [{
    Replaces float32 `tfc.conv2d`, `tfc.fused_conv2d`, `tfc.matmul` and
    `tfc.fused_matmul` whose weights are constants, and float32
    `tfc.depthwise_conv2d` and `tfc.fused_depthwise_conv2d`, with
    `tfc.kernel_call`s of the runtime's micro-kernels for `isa` (avx512,
    avx2, neon or generic; runtime/src/kernels). A MatMul is the 1x1
    convolution of its [M, K] operand, and a transposed first operand is
    left to linalg. Weights are packed here, at compile time, into the
    panels of the ISA's micro-kernel width (runtime/src/kernels/kernels.h).
    Bias, residual and Relu, Relu6 or LeakyRelu are applied by the kernel;
    Elu, Sigmoid and Tanh follow it as their own op. With `winograd`, an
    undilated 3x3 (5x5) convolution with stride 1, 16 input channels or
    more and at least 64 output tiles of 4x4 pixels (16 of 2x2) calls the
    Winograd kernel, its weights transformed here; so does a 1x3, 3x1, 1x7
    or 7x1 one with at least 16 tiles of 4 pixels along the filter.
  }];
  let options = [
    Option<"isa", "isa", "std::string", /*default=*/"\"generic\"",
           "Kernel set: avx512, avx2, neon or generic">,
    Option<"winograd", "winograd", "bool", /*default=*/"true",
           "3x3, 5x5, 1x3, 3x1, 1x7 and 7x1 stride-1 convolutions with "
           "enough output tiles by Winograd's F(4x4, 3x3), F(2x2, 5x5), "
           "F(4, 3) and F(4, 7) (not with the generic kernels)">,
  ];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def FusePointwiseDepthwise
    : Pass<"tfc-fuse-pointwise-depthwise", "func::FuncOp"> {
  let summary = "Call one kernel for a convolution and the depthwise "
                "convolution of its result";
  let description = [{
    Runs after `tfc-use-kernels`. A `tfc.kernel_call` of the runtime's
    direct convolution (any window, no residual) whose result only a
    depthwise convolution's call reads (multiplier 1, no residual,
    constant filter and biases) becomes one call of
    `tfc_pointwise_depthwise_f32_<isa>` (runtime/src/kernels/kernels.h)
    when the convolution's result takes `min-bytes` or more: the kernel
    computes its rows a few output rows at a time into a small window and
    reads them again while they are in cache, instead of writing the whole
    tensor out and reading it back (MobileNet's expand and depthwise
    layers, and its first layer, a 3x3 convolution of stride 2, with the
    depthwise layer after it). The same sums in the same order: results do
    not change. The call's result holds the output, then the windows'
    scratch; an `extract_slice` and an `expand_shape` give the output.
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", /*default=*/"1048576",
           "Fuse only where the convolution's result takes this many bytes "
           "or more">,
  ];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def ConcatInPlace : Pass<"tfc-concat-in-place", "func::FuncOp"> {
  let summary = "Let convolution kernels write their slices of a Concat";
  let description = [{
    Runs on tensors, after `tfc-use-kernels`. An operand of a
    `tensor.concat` of NHWC tensors along the channels that a
    `tfc.kernel_call` of a convolution (direct or Winograd) computes into a
    `tensor.empty`, and that nothing else reads, is computed into its slice
    of the Concat's result instead: the result starts as a `tensor.empty`
    before the first such call, each call's init becomes an `extract_slice`
    of it and its result is put back with an `insert_slice` right after
    the call; the other operands are inserted where the Concat was. One-shot
    bufferization then gives each call a strided view of the result's
    buffer, which the kernel writes in place (tfc.kernel_call's bufferize
    sets TFC_CONV_OUT_STRIDE), and the copies into the result are gone
    (Inception-v3: 44 of its 52 copies, about 10 MB a run). Concats of at
    most 16 operands: longer chains of insert_slices make bufferization's
    analysis superlinear.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def LowerKernelCalls : Pass<"tfc-lower-kernel-calls", "ModuleOp"> {
  let summary = "Turn tfc.kernel_call on memrefs into calls of the runtime";
  let description = [{
    Every function with a body gets a last argument, the thread pool
    (`!llvm.ptr`, NULL for one thread), which calls between them pass on.
    Each memref `tfc.kernel_call` becomes a `func.call` of
    `tfc_<kernel>(params, init, input, weights, bias, residual, pool)`
    with bare pointers: the params are a constant `memref.global`, and an
    absent bias or residual is a null pointer. Runs before the lowering to
    the LLVM dialect; the generated `<prefix>_run_with_pool` passes the
    caller's pool.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

#endif // TFC_TRANSFORMS_PASSES_TD
