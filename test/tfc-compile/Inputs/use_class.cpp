// Runs Inputs/dense.pbtxt through the C++ class tfc-compile generated as
// a::b::Dense (--cpp_class=a::b::Dense), using the named accessors.
#include "dense.h"

#include <cstdio>

int main() {
  a::b::Dense model;
  const float x[2][4] = {{1, 0, 0, 0}, {0, 0, 0, 1}};
  float *input = model.arg_input_data();
  for (int i = 0; i < 8; ++i)
    input[i] = x[i / 4][i % 4];
  if (!model.Run()) {
    std::printf("run failed: %s\n", model.error_msg().c_str());
    return 1;
  }
  const float *y = model.result_output_data();
  std::printf("args %d results %d bytes %zu\n", a::b::Dense::kNumArgs,
              a::b::Dense::kNumResults, model.result0_size());
  for (int i = 0; i < 6; ++i)
    std::printf("%g%s", y[i], i % 3 == 2 ? "\n" : " ");
  return 0;
}
