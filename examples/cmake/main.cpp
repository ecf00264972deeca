// Runs the MLP that tfc_add_model(mlp ...) compiled on the inputs
// models/generate.py saved beside it, and compares the probabilities with
// the ones TensorFlow computed from the same inputs.
//
//   mlp_demo MLP_DIR     (MLP_DIR/inputs/arg0.bin,
//   MLP_DIR/expected/result1.bin)

#include "mlp.h" // generated: the class example::Mlp

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

/// Reads exactly `bytes` bytes of `path` into `data`.
static bool readFile(const std::string &path, void *data, size_t bytes) {
  std::ifstream file(path, std::ios::binary);
  file.read(static_cast<char *>(data), static_cast<std::streamsize>(bytes));
  if (file.gcount() == static_cast<std::streamsize>(bytes) &&
      file.peek() == std::ifstream::traits_type::eof())
    return true;
  std::fprintf(stderr, "mlp_demo: %s: cannot read %zu bytes\n", path.c_str(),
               bytes);
  return false;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: mlp_demo MLP_DIR\n");
    return 2;
  }
  std::string dir = argv[1];
  example::Mlp model;
  if (!readFile(dir + "/inputs/arg0.bin", model.arg_x_data(),
                model.arg0_size()))
    return 1;
  if (!model.Run()) {
    std::fprintf(stderr, "mlp_demo: %s\n", model.error_msg().c_str());
    return 1;
  }
  std::vector<float> expected(model.result1_count());
  if (!readFile(dir + "/expected/result1.bin", expected.data(),
                expected.size() * sizeof(float)))
    return 1;

  const float *probs = model.result_probs_data();
  const size_t classes = 10;
  double maxError = 0;
  bool pass = true;
  for (size_t row = 0; row * classes < expected.size(); ++row) {
    size_t best = 0;
    for (size_t c = 0; c < classes; ++c) {
      size_t i = row * classes + c;
      // float32 against TensorFlow: a few ulps apart, within
      // test/e2e/tolerances.py's 1e-5 absolute plus 1e-5 relative.
      double error = std::fabs(probs[i] - expected[i]);
      pass = pass && error <= 1e-5 + 1e-5 * std::fabs(expected[i]);
      maxError = std::fmax(maxError, error);
      if (probs[i] > probs[row * classes + best])
        best = c;
    }
    std::printf("example %zu: class %zu (p = %.4f)\n", row, best,
                probs[row * classes + best]);
  }
  std::printf("max |tfc - TensorFlow| = %.3g: %s\n", maxError,
              pass ? "PASS" : "FAIL");
  return pass ? 0 : 1;
}
