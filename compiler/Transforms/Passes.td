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

def PlanMemory : Pass<"tfc-plan-memory", "func::FuncOp"> {
  let summary = "Place every intermediate buffer in one caller-supplied arena";
  let description = [{
    Runs after bufferization. Each `memref.alloc` in the function becomes a
    `memref.view` into a new trailing argument, the arena, at an offset fixed
    at compile time; the arena's size is recorded on the function as
    `tfc.arena_size`. The generated code therefore never allocates: the
    caller hands in the arena.

    This first planner gives every buffer its own slot (offsets are a running
    sum, each aligned to `alignment` bytes); sharing slots between buffers
    whose lifetimes do not overlap is the planner's next step.
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

#endif // TFC_TRANSFORMS_PASSES_TD
