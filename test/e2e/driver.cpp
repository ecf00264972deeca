//===- driver.cpp - Run any tfc-compiled model through its C++ class ------===//
//
// The C++ twin of driver.c: the same command line and files, but through the
// tfcompile-style class tfc-compile generates (--cpp_class=ns::Name), which
// owns its argument, result and arena buffers. Build it with
//
//   c++ -std=c++17 -Wall -Werror -I<dir of model.h>
//       -DTFC_MODEL_HEADER='"model.h"' -DTFC_MODEL_CLASS=ns::Name
//       driver.cpp libmodel.a -lm -lpthread
//
// Usage: driver in0.bin ... inN.bin -- out0.bin ... outM.bin
//
// Files are raw bytes in the model's layout (little-endian, C order); each
// input's size must equal the argument's byte size. Exits 1 on any error,
// printing why (error_msg() for a failed Run()).
//
//===----------------------------------------------------------------------===//

#include <cstddef>
#include <cstdio>
#include <cstring>

#ifndef TFC_MODEL_HEADER
#error "define TFC_MODEL_HEADER, e.g. -DTFC_MODEL_HEADER='\"model.h\"'"
#endif
#ifndef TFC_MODEL_CLASS
#error "define TFC_MODEL_CLASS, the --cpp_class given to tfc-compile"
#endif

#include TFC_MODEL_HEADER

namespace {

using Model = TFC_MODEL_CLASS;

const char *program = "driver";

// Reads `path` into `buffer`, which holds exactly `size` bytes.
bool readInput(const char *path, void *buffer, size_t size, size_t index) {
  FILE *file = std::fopen(path, "rb");
  if (!file) {
    std::fprintf(stderr, "%s: cannot open input %zu '%s'\n", program, index,
                 path);
    return false;
  }
  long fileSize = -1;
  if (std::fseek(file, 0, SEEK_END) == 0)
    fileSize = std::ftell(file);
  if (fileSize < 0 || static_cast<size_t>(fileSize) != size) {
    std::fprintf(
        stderr,
        "%s: input %zu '%s' has %ld bytes, but argument %zu needs %zu\n",
        program, index, path, fileSize, index, size);
    std::fclose(file);
    return false;
  }
  std::rewind(file);
  bool ok = size == 0 || std::fread(buffer, 1, size, file) == size;
  std::fclose(file);
  if (!ok)
    std::fprintf(stderr, "%s: cannot read input %zu '%s'\n", program, index,
                 path);
  return ok;
}

bool writeOutput(const char *path, const void *buffer, size_t size) {
  FILE *file = std::fopen(path, "wb");
  bool ok = file && std::fwrite(buffer, 1, size, file) == size;
  if (file && std::fclose(file) != 0)
    ok = false;
  if (!ok)
    std::fprintf(stderr, "%s: cannot write output '%s'\n", program, path);
  return ok;
}

} // namespace

int main(int argc, char **argv) {
  program = argv[0];
  int separator = 1;
  while (separator < argc && std::strcmp(argv[separator], "--") != 0)
    ++separator;
  int numInputs = separator - 1;
  int numOutputs = separator < argc ? argc - separator - 1 : -1;
  if (numInputs != Model::kNumArgs || numOutputs != Model::kNumResults) {
    std::fprintf(stderr,
                 "usage: %s in0.bin ... -- out0.bin ...\n"
                 "the model takes %d input files and writes %d output files\n",
                 program, Model::kNumArgs, Model::kNumResults);
    return 1;
  }
  char **inputPaths = argv + 1;
  char **outputPaths = argv + separator + 1;

  Model model;
  for (size_t i = 0; i < static_cast<size_t>(Model::kNumArgs); ++i)
    if (!readInput(inputPaths[i], model.arg_data(i), Model::arg_size(i), i))
      return 1;
  if (!model.Run()) {
    std::fprintf(stderr, "%s: Run() failed: %s\n", program,
                 model.error_msg().c_str());
    return 1;
  }
  for (size_t i = 0; i < static_cast<size_t>(Model::kNumResults); ++i)
    if (!writeOutput(outputPaths[i], model.result_data(i),
                     Model::result_size(i)))
      return 1;
  return 0;
}
