//===- OutputFiles.cpp - writing the driver's outputs all or nothing ------===//
//
// The last step of a compilation: every output was built in memory, and is
// written here so that a failure (a full disk, a file size limit, a directory
// in the way) leaves no partial file and removes the ones already written.
//
//===----------------------------------------------------------------------===//

#include "compiler/Driver/Driver.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::tfc;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Writes `bytes` to the open `fd`; the error says why not.
static llvm::Error writeToFd(int fd, llvm::StringRef path,
                             llvm::StringRef bytes) {
  llvm::raw_fd_ostream stream(fd, /*shouldClose=*/true);
  stream << bytes;
  stream.close();
  if (!stream.has_error())
    return llvm::Error::success();
  std::string message = stream.error().message();
  // Cleared, or the stream would report it again as a fatal error.
  stream.clear_error();
  return makeError(path + ": cannot write: " + message);
}

/// Writes all outputs; on any failure removes what was already written.
/// A regular file (or a new one) is written to a temporary file beside it
/// and renamed over it, so nothing half-written is left behind. Anything
/// else (/dev/null, a pipe) is written in place: renaming over it would
/// replace a device node with a regular file when running as root.
llvm::Error mlir::tfc::writeOutputs(llvm::ArrayRef<OutputFile> outputs) {
  std::vector<std::string> written;
  auto rollback = [&] {
    for (const std::string &path : written)
      llvm::sys::fs::remove(path);
  };
  for (const OutputFile &output : outputs) {
    if (output.path == "-") {
      llvm::outs() << output.bytes;
      llvm::outs().flush();
      if (llvm::outs().has_error()) {
        std::string message = llvm::outs().error().message();
        llvm::outs().clear_error();
        rollback();
        return makeError("<stdout>: cannot write: " + message);
      }
      continue;
    }
    llvm::sys::fs::file_status status;
    if (!llvm::sys::fs::status(output.path, status) &&
        llvm::sys::fs::exists(status) &&
        !llvm::sys::fs::is_regular_file(status)) {
      if (llvm::sys::fs::is_directory(status)) {
        rollback();
        return makeError(output.path + ": cannot write: it is a directory");
      }
      int fd;
      if (std::error_code ec = llvm::sys::fs::openFileForWrite(
              output.path, fd, llvm::sys::fs::CD_OpenExisting)) {
        rollback();
        return makeError(output.path + ": cannot write: " + ec.message());
      }
      if (llvm::Error err = writeToFd(fd, output.path, output.bytes)) {
        rollback();
        return err;
      }
      continue;
    }
    llvm::SmallString<128> temp;
    int fd;
    if (std::error_code ec = llvm::sys::fs::createUniqueFile(
            output.path + ".tmp-%%%%%%", fd, temp)) {
      rollback();
      return makeError(output.path + ": cannot write: " + ec.message());
    }
    if (llvm::Error err = writeToFd(fd, output.path, output.bytes)) {
      llvm::sys::fs::remove(temp);
      rollback();
      return err;
    }
    if (std::error_code ec = llvm::sys::fs::rename(temp, output.path)) {
      llvm::sys::fs::remove(temp);
      rollback();
      return makeError(output.path + ": cannot write: " + ec.message());
    }
    written.push_back(output.path);
  }
  return llvm::Error::success();
}

/// Whether `a` and `b` name the same file: the same inode when both exist,
/// else the same absolute path after removing `.` and `..`.
bool mlir::tfc::isSameFile(llvm::StringRef a, llvm::StringRef b) {
  bool same = false;
  if (!llvm::sys::fs::equivalent(a, b, same))
    return same;
  auto normal = [](llvm::StringRef path) {
    llvm::SmallString<256> result;
    if (llvm::sys::fs::real_path(path, result))
      result = path;
    llvm::sys::fs::make_absolute(result);
    llvm::sys::path::remove_dots(result, /*remove_dot_dot=*/true);
    return std::string(result);
  };
  return normal(a) == normal(b);
}
