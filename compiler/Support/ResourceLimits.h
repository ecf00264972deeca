//===- ResourceLimits.h - element counts and byte caps ----------*- C++ -*-===//
//
// A hostile GraphDef can declare a tensor of [2^32, 2^32, 4] elements in a
// few bytes. Element counts and byte sizes are therefore always computed with
// overflow checks, and every tensor (and all constants together) must fit a
// byte cap (`--max_tensor_bytes`), so that such a graph is refused with one
// line instead of wrapping around, or exhausting memory when a constant is
// materialized.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_SUPPORT_RESOURCELIMITS_H
#define TFC_COMPILER_SUPPORT_RESOURCELIMITS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mlir::tfc {

/// The default cap on the bytes of one tensor and of all constants: 1 GiB.
/// Generous for the models tfc targets (Inception-v3's weights are 95 MB),
/// and well below the 2 GiB where data in an object file needs the large
/// code model.
constexpr int64_t kDefaultMaxTensorBytes = int64_t(1) << 30;

/// The product of `dims`, or nullopt when it overflows int64 or a dim is
/// negative (dynamic).
std::optional<int64_t> checkedElementCount(llvm::ArrayRef<int64_t> dims);

/// The bytes of a static shape of `elementBytes`-byte elements, or nullopt
/// on overflow.
std::optional<int64_t> checkedByteSize(llvm::ArrayRef<int64_t> dims,
                                       int64_t elementBytes);

/// Bytes of one element of `type` as tfc stores it (i1 takes a byte).
int64_t storageBytes(Type elementType);

/// "[2,3]"; the shape as TensorFlow prints it.
std::string formatShape(llvm::ArrayRef<int64_t> dims);

/// Why a tensor of `dims` (`elementBytes` each) cannot be compiled under
/// `maxBytes`, or "" when it can. The message ends with what to do.
std::string checkTensorSize(llvm::ArrayRef<int64_t> dims, int64_t elementBytes,
                            int64_t maxBytes);

/// Checks every statically shaped tensor in `root` (op results and block
/// arguments) against `maxBytes`, reporting the first offender at its op.
LogicalResult checkTensorSizes(Operation *root, int64_t maxBytes);

} // namespace mlir::tfc

#endif // TFC_COMPILER_SUPPORT_RESOURCELIMITS_H
