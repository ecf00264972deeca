// A stand-in for a tfc-compiled classifier, for testing label_image's
// pre-processing alone: it has the generated class's interface (the part
// label_image uses), and Run() writes the input tensor it was given, raw
// float32, to the file named by the environment variable
// TFC_DUMP_INPUT, then returns constant scores. Build label_image with
//
//   -DTFC_MODEL_HEADER='"label_image_dump_model.h"'
//   -DTFC_MODEL_CLASS=tfc_test::DumpInput -DDUMP_HEIGHT=224 -DDUMP_WIDTH=224

#ifndef TFC_TEST_LABEL_IMAGE_DUMP_MODEL_H
#define TFC_TEST_LABEL_IMAGE_DUMP_MODEL_H

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace tfc_test {

class DumpInput {
public:
  static constexpr int kNumArgs = 1;
  static constexpr int kNumResults = 1;

  float *arg0_data() { return input_.data(); }
  size_t arg0_count() const { return input_.size(); }
  float *result0_data() { return scores_; }
  size_t result0_count() const { return 3; }
  const char *error_msg() const { return error_; }

  bool Run() {
    const char *path = std::getenv("TFC_DUMP_INPUT");
    FILE *file = path ? std::fopen(path, "wb") : nullptr;
    bool ok = file && std::fwrite(input_.data(), sizeof(float), input_.size(),
                                  file) == input_.size();
    if (file && std::fclose(file) != 0)
      ok = false;
    error_ = ok ? "" : "cannot write the file named by TFC_DUMP_INPUT";
    return ok;
  }

private:
  std::vector<float> input_ =
      std::vector<float>(size_t(DUMP_HEIGHT) * DUMP_WIDTH * 3);
  float scores_[3] = {0.25f, 0.5f, 0.25f};
  const char *error_ = "";
};

} // namespace tfc_test

#endif // TFC_TEST_LABEL_IMAGE_DUMP_MODEL_H
