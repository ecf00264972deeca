//===- label_image.cpp - Classify an image with a tfc-compiled model ------===//
//
// TensorFlow's label_image example (as "TensorFlow for Poets" used it), rebuilt
// on a model compiled ahead of time by tfc-compile: no TensorFlow at run time.
// It reads a PNG or JPEG, converts it to RGB, resizes it to the model's input
// with TensorFlow 1's bilinear resize, normalizes it, runs the model and
// prints the best scores as `label (index): score`, best first.
//
// The pre-processing reproduces what TensorFlow's own label_image graph does
// (decode_png / decode_jpeg with channels=3, resize_bilinear with
// align_corners=False and no half-pixel centers, (x - mean) / std), so that
// the same image gives the same scores as TensorFlow running the GraphDef.
// JPEGs are decoded with the accurate integer DCT (TensorFlow's
// dct_method='INTEGER_ACCURATE'); TensorFlow's default, INTEGER_FAST, differs
// from it by a level or so in a few pixels.
//
// The model is any image classifier compiled with --cpp_class: one float
// input [1, H, W, 3] (NHWC, RGB) and a float output [1, N] of scores, such as
// a TF-for-Poets retrained MobileNet or Inception (`input` / `Mul` to
// `final_result`). Build it with
//
//   c++ -std=c++17 -O2 -I<dir of model.h> -DTFC_MODEL_HEADER='"model.h"'
//       -DTFC_MODEL_CLASS=tfc_example::Classifier label_image.cpp libmodel.a
//       -lpng -ljpeg -lm -lpthread
//
// or with the CMakeLists.txt beside this file (see README.md).
//
//===----------------------------------------------------------------------===//

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include <jpeglib.h>
#include <png.h>

// After jpeglib.h, which it needs: libjpeg's message codes (JWRN_JPEG_EOF).
#include <jerror.h>

#ifndef TFC_MODEL_HEADER
#error "define TFC_MODEL_HEADER, e.g. -DTFC_MODEL_HEADER='\"model.h\"'"
#endif
#ifndef TFC_MODEL_CLASS
#error "define TFC_MODEL_CLASS, the --cpp_class given to tfc-compile"
#endif

#include TFC_MODEL_HEADER

namespace {

using Model = TFC_MODEL_CLASS;

static_assert(Model::kNumArgs == 1,
              "label_image needs a model with one input, the image");
static_assert(Model::kNumResults >= 1,
              "label_image needs a model with a result, the scores");

const char *program = "label_image";

// Prints one line `label_image: message` on stderr.
void error(const std::string &message) {
  std::fprintf(stderr, "%s: %s\n", program, message.c_str());
}

void warning(const std::string &message) {
  std::fprintf(stderr, "%s: warning: %s\n", program, message.c_str());
}

//===----------------------------------------------------------------------===//
// Flags
//===----------------------------------------------------------------------===//

struct Options {
  std::string image;
  std::string labels;
  long inputHeight = 0; // 0: derived from the model's input size
  long inputWidth = 0;
  float inputMean = 127.5f;
  float inputStd = 127.5f;
  long top = 5;
};

const char *const kUsage =
    "usage: label_image --image=FILE [--labels=FILE] [--top=5]\n"
    "                   [--input_mean=127.5] [--input_std=127.5]\n"
    "                   [--input_height=H] [--input_width=W]\n"
    "\n"
    "Classifies a PNG or JPEG image with the compiled model and prints the\n"
    "best --top scores as `label (index): score`, best first. The image is\n"
    "converted to RGB, resized to the model's input (bilinear, as TensorFlow\n"
    "1's resize_bilinear) and normalized to (pixel - input_mean) / input_std;\n"
    "the defaults map [0, 255] to [-1, 1], as MobileNet and Inception expect\n"
    "(TF for Poets' scripts used 128 and 128). --labels has one label per\n"
    "line, in the order of the model's scores. The input size defaults to\n"
    "the square the model's input holds.\n";

bool parseLong(const std::string &text, long &value) {
  if (text.empty())
    return false;
  char *end = nullptr;
  errno = 0;
  value = std::strtol(text.c_str(), &end, 10);
  return errno == 0 && *end == '\0';
}

bool parseFloat(const std::string &text, float &value) {
  if (text.empty())
    return false;
  char *end = nullptr;
  errno = 0;
  value = std::strtof(text.c_str(), &end);
  return errno == 0 && *end == '\0' && std::isfinite(value);
}

// Parses `--name=value` or `--name value`, as TensorFlow's label_image does
// (the first form) and most tools do (the second). Returns false after
// printing why on a bad flag; sets `help` for --help.
bool parseFlags(int argc, char **argv, Options &options, bool &help) {
  help = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      help = true;
      return true;
    }
    if (arg.compare(0, 2, "--") != 0) {
      error("unexpected argument '" + arg + "'; see --help");
      return false;
    }
    std::string name = arg.substr(2), value;
    size_t equals = name.find('=');
    if (equals != std::string::npos) {
      value = name.substr(equals + 1);
      name.resize(equals);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      error("flag --" + name + " needs a value; see --help");
      return false;
    }

    bool ok = true;
    if (name == "image") {
      options.image = value;
    } else if (name == "labels") {
      options.labels = value;
    } else if (name == "input_height") {
      ok = parseLong(value, options.inputHeight) && options.inputHeight > 0;
    } else if (name == "input_width") {
      ok = parseLong(value, options.inputWidth) && options.inputWidth > 0;
    } else if (name == "input_mean") {
      ok = parseFloat(value, options.inputMean);
    } else if (name == "input_std") {
      ok = parseFloat(value, options.inputStd) && options.inputStd != 0.0f;
    } else if (name == "top") {
      ok = parseLong(value, options.top) && options.top > 0;
    } else {
      error("unknown flag --" + name + "; see --help");
      return false;
    }
    if (!ok) {
      error("bad value '" + value + "' for --" + name + "; see --help");
      return false;
    }
  }
  if (options.image.empty()) {
    error("no image given: pass --image=FILE (PNG or JPEG); see --help");
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Decoding
//===----------------------------------------------------------------------===//

// TensorFlow's limit on decoded images (decode_image_op.cc); it keeps a
// corrupt header from asking for gigabytes.
constexpr uint64_t kMaxPixels = uint64_t(1) << 29;

// An 8-bit RGB image, rows top to bottom, pixels interleaved.
struct Image {
  size_t width = 0;
  size_t height = 0;
  std::vector<uint8_t> rgb;
};

bool readFile(const std::string &path, std::vector<uint8_t> &bytes,
              std::string &why) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    why = std::strerror(errno);
    return false;
  }
  bytes.assign(std::istreambuf_iterator<char>(file),
               std::istreambuf_iterator<char>());
  if (file.bad()) {
    why = "read error";
    return false;
  }
  return true;
}

// libpng reports errors through a callback that must not return: it records
// the message and jumps back to decodePng's setjmp.
struct PngReader {
  const uint8_t *data = nullptr;
  size_t left = 0;
  char message[256] = "";
};

void pngError(png_structp png, png_const_charp message) {
  auto *reader = static_cast<PngReader *>(png_get_error_ptr(png));
  std::snprintf(reader->message, sizeof(reader->message), "%s", message);
  png_longjmp(png, 1);
}

// Warnings (an odd sRGB profile, say) do not affect the pixels; like
// TensorFlow's decoder we go on, but quietly.
void pngWarning(png_structp, png_const_charp) {}

void pngRead(png_structp png, png_bytep out, png_size_t length) {
  auto *reader = static_cast<PngReader *>(png_get_io_ptr(png));
  if (length > reader->left)
    png_error(png, "file is truncated");
  std::memcpy(out, reader->data, length);
  reader->data += length;
  reader->left -= length;
}

// Decodes a PNG into 8-bit RGB with the transformations TensorFlow's
// decode_png(channels=3) applies: palette expanded, gray (any depth)
// replicated, alpha and tRNS dropped (not composited), 16 bits cut to the
// high byte, interlacing undone. No gamma or color-profile correction.
// Only trivially destructible locals live in this frame, so the longjmp from
// libpng skips no destructor.
bool decodePng(const std::vector<uint8_t> &bytes, Image &image,
               std::string &why) {
  PngReader reader;
  reader.data = bytes.data();
  reader.left = bytes.size();
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader,
                                           pngError, pngWarning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_read_struct(png ? &png : nullptr, nullptr, nullptr);
    why = "out of memory";
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    why = std::string("invalid PNG: ") + reader.message;
    return false;
  }
  png_set_read_fn(png, &reader, pngRead);
  png_read_info(png, info);

  png_uint_32 width = 0, height = 0;
  int bitDepth = 0, colorType = 0;
  png_get_IHDR(png, info, &width, &height, &bitDepth, &colorType, nullptr,
               nullptr, nullptr);
  if (uint64_t(width) * height >= kMaxPixels)
    png_error(png, "image too large");
  if ((colorType & PNG_COLOR_MASK_ALPHA) ||
      png_get_valid(png, info, PNG_INFO_tRNS))
    png_set_strip_alpha(png);
  if (bitDepth > 8)
    png_set_strip_16(png);
  png_set_packing(png);
  int passes = png_set_interlace_handling(png);
  if (colorType == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb(png);
  if (!(colorType & PNG_COLOR_MASK_COLOR)) {
    if (bitDepth < 8)
      png_set_expand_gray_1_2_4_to_8(png);
    png_set_gray_to_rgb(png);
  }
  png_read_update_info(png, info);
  size_t rowBytes = png_get_rowbytes(png, info);
  if (png_get_channels(png, info) != 3 || rowBytes != size_t(width) * 3)
    png_error(png, "unsupported pixel format");

  image.width = width;
  image.height = height;
  image.rgb.resize(rowBytes * height);
  for (int pass = 0; pass < passes; ++pass)
    for (png_uint_32 y = 0; y < height; ++y)
      png_read_row(png, image.rgb.data() + y * rowBytes, nullptr);
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return true;
}

// libjpeg's error handler must not return either: it formats the message and
// jumps back to decodeJpeg's setjmp. A truncated file is an error, as in
// TensorFlow (libjpeg would pad it with gray); other warnings (corrupt data
// that libjpeg works around) are printed once, as one line.
struct JpegErrors {
  jpeg_error_mgr manager;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = "";
  bool warned = false;
  bool truncated = false;
};

void jpegError(j_common_ptr info) {
  auto *errors = reinterpret_cast<JpegErrors *>(info->err);
  info->err->format_message(info, errors->message);
  std::longjmp(errors->jump, 1);
}

void jpegMessage(j_common_ptr info) {
  auto *errors = reinterpret_cast<JpegErrors *>(info->err);
  if (info->err->msg_code == JWRN_JPEG_EOF)
    errors->truncated = true;
  if (errors->truncated || errors->warned)
    return;
  errors->warned = true;
  char message[JMSG_LENGTH_MAX];
  info->err->format_message(info, message);
  std::fprintf(stderr, "%s: warning: JPEG: %s\n", program, message);
}

// Decodes a JPEG into 8-bit RGB as TensorFlow's decode_jpeg(channels=3,
// dct_method='INTEGER_ACCURATE') does: libjpeg's accurate integer IDCT and
// fancy upsampling, grayscale replicated by libjpeg, CMYK/YCCK converted with
// TensorFlow's formula (Adobe files store CMYK inverted).
bool decodeJpeg(const std::vector<uint8_t> &bytes, Image &image,
                std::string &why) {
  jpeg_decompress_struct info;
  JpegErrors errors;
  info.err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = jpegError;
  errors.manager.output_message = jpegMessage;
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&info);
    why = std::string("invalid JPEG: ") + errors.message;
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  bool cmyk =
      info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
  info.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  info.dct_method = JDCT_ISLOW;
  info.do_fancy_upsampling = TRUE;
  jpeg_start_decompress(&info);
  size_t width = info.output_width, height = info.output_height;
  int components = info.output_components;
  if (components != (cmyk ? 4 : 3) || uint64_t(width) * height >= kMaxPixels) {
    std::snprintf(errors.message, sizeof(errors.message), "%s",
                  components != (cmyk ? 4 : 3) ? "unsupported color space"
                                               : "image too large");
    std::longjmp(errors.jump, 1);
  }

  image.width = width;
  image.height = height;
  // CMYK rows are read into scratch space past the image, then converted.
  image.rgb.resize(width * height * 3 + (cmyk ? width * 4 : 0));
  uint8_t *scratch = image.rgb.data() + width * height * 3;
  while (info.output_scanline < height) {
    uint8_t *row = image.rgb.data() + size_t(info.output_scanline) * width * 3;
    JSAMPROW target = cmyk ? scratch : row;
    if (jpeg_read_scanlines(&info, &target, 1) != 1 || errors.truncated) {
      std::snprintf(errors.message, sizeof(errors.message),
                    "file is truncated");
      std::longjmp(errors.jump, 1);
    }
    if (!cmyk)
      continue;
    for (size_t x = 0; x < width; ++x) {
      int c = scratch[4 * x], m = scratch[4 * x + 1], y = scratch[4 * x + 2],
          k = scratch[4 * x + 3];
      if (!info.saw_Adobe_marker) {
        c = 255 - c;
        m = 255 - m;
        y = 255 - y;
        k = 255 - k;
      }
      row[3 * x] = static_cast<uint8_t>(k * c / 255);
      row[3 * x + 1] = static_cast<uint8_t>(k * m / 255);
      row[3 * x + 2] = static_cast<uint8_t>(k * y / 255);
    }
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  image.rgb.resize(width * height * 3);
  return true;
}

// Reads a PNG or a JPEG, told apart by their signatures, not by the name.
bool loadImage(const std::string &path, Image &image) {
  std::vector<uint8_t> bytes;
  std::string why;
  if (!readFile(path, bytes, why)) {
    error("cannot read image '" + path + "': " + why);
    return false;
  }
  static const uint8_t kPng[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  static const uint8_t kJpeg[3] = {0xff, 0xd8, 0xff};
  bool ok;
  if (bytes.size() >= 8 && std::memcmp(bytes.data(), kPng, 8) == 0) {
    ok = decodePng(bytes, image, why);
  } else if (bytes.size() >= 3 && std::memcmp(bytes.data(), kJpeg, 3) == 0) {
    ok = decodeJpeg(bytes, image, why);
  } else {
    ok = false;
    why = "not a PNG or JPEG file (convert other formats first)";
  }
  if (!ok)
    error("cannot decode image '" + path + "': " + why);
  return ok;
}

//===----------------------------------------------------------------------===//
// Pre-processing
//===----------------------------------------------------------------------===//

// One axis of TensorFlow's bilinear resize: for output index i, the source
// coordinate is i * (in / out) (align_corners=False, no half-pixel centers:
// the "legacy" scaler of TF 1's resize_bilinear), between rows/columns
// `lower` and `upper` (clamped to the image) with weight `lerp` on `upper`.
struct Tap {
  size_t lower, upper;
  float lerp;
};

std::vector<Tap> bilinearTaps(size_t in, size_t out) {
  const float scale = static_cast<float>(in) / static_cast<float>(out);
  std::vector<Tap> taps(out);
  for (size_t i = 0; i < out; ++i) {
    const float source = static_cast<float>(i) * scale;
    const float floor = std::floor(source);
    taps[i].lower = static_cast<size_t>(std::max(floor, 0.0f));
    taps[i].upper = std::min(static_cast<size_t>(std::ceil(source)), in - 1);
    taps[i].lerp = source - floor;
  }
  return taps;
}

// Resizes `image` to height x width with the arithmetic of TensorFlow's
// resize_bilinear kernel (in float, in the same order) and writes
// (value - mean) / std into `out`, NHWC.
void resizeAndNormalize(const Image &image, size_t height, size_t width,
                        float mean, float std, float *out) {
  std::vector<Tap> ys = bilinearTaps(image.height, height);
  std::vector<Tap> xs = bilinearTaps(image.width, width);
  const size_t stride = image.width * 3;
  for (size_t y = 0; y < height; ++y) {
    const uint8_t *top = image.rgb.data() + ys[y].lower * stride;
    const uint8_t *bottom = image.rgb.data() + ys[y].upper * stride;
    const float yLerp = ys[y].lerp;
    for (size_t x = 0; x < width; ++x) {
      const size_t left = xs[x].lower * 3, right = xs[x].upper * 3;
      const float xLerp = xs[x].lerp;
      for (size_t c = 0; c < 3; ++c) {
        const float topLeft = top[left + c], topRight = top[right + c];
        const float bottomLeft = bottom[left + c];
        const float bottomRight = bottom[right + c];
        const float upper = topLeft + (topRight - topLeft) * xLerp;
        const float lower = bottomLeft + (bottomRight - bottomLeft) * xLerp;
        const float value = upper + (lower - upper) * yLerp;
        *out++ = (value - mean) / std;
      }
    }
  }
}

// The input size: the flags, or the square (or the other side of the
// rectangle) that the model's input of `count` floats holds.
bool inputSize(const Options &options, size_t count, size_t &height,
               size_t &width) {
  size_t pixels = count / 3;
  if (count % 3 != 0) {
    error("the model's input has " + std::to_string(count) +
          " floats, not a multiple of 3: it is not an RGB image");
    return false;
  }
  height = static_cast<size_t>(options.inputHeight);
  width = static_cast<size_t>(options.inputWidth);
  if (height == 0 && width == 0) {
    size_t side = static_cast<size_t>(std::llround(std::sqrt(double(pixels))));
    if (side * side != pixels) {
      error("the model's input holds " + std::to_string(pixels) +
            " pixels, not a square: pass --input_height and --input_width");
      return false;
    }
    height = width = side;
  } else if (width == 0) {
    width = pixels / height;
  } else if (height == 0) {
    height = pixels / width;
  }
  if (height * width != pixels) {
    error("--input_height=" + std::to_string(height) + " x --input_width=" +
          std::to_string(width) + " x 3 is not the model's input size of " +
          std::to_string(count) + " floats (compile it with batch 1)");
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Labels and results
//===----------------------------------------------------------------------===//

bool readLabels(const std::string &path, std::vector<std::string> &labels) {
  std::ifstream file(path);
  if (!file) {
    error("cannot read labels '" + path + "': " + std::strerror(errno));
    return false;
  }
  std::string line;
  while (std::getline(file, line)) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    labels.push_back(line);
  }
  return true;
}

// Prints the `top` best scores, best first (ties: lower index first; NaN
// last), as TensorFlow's label_image does: `label (index): score`.
void printTop(const float *scores, size_t count,
              const std::vector<std::string> &labels, size_t top) {
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), size_t(0));
  auto key = [&](size_t i) {
    return std::isnan(scores[i]) ? -INFINITY : scores[i];
  };
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return key(a) != key(b) ? key(a) > key(b) : a < b;
  });
  top = std::min(top, count);
  for (size_t rank = 0; rank < top; ++rank) {
    size_t index = order[rank];
    const char *label =
        index < labels.size() ? labels[index].c_str() : "(no label)";
    std::printf("%s (%zu): %g\n", label, index, double(scores[index]));
  }
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  bool help = false;
  if (!parseFlags(argc, argv, options, help))
    return 1;
  if (help) {
    std::fputs(kUsage, stdout);
    return 0;
  }

  auto model = std::make_unique<Model>();
  size_t height = 0, width = 0;
  if (!inputSize(options, model->arg0_count(), height, width))
    return 1;
  const size_t numScores = model->result0_count();

  std::vector<std::string> labels;
  if (!options.labels.empty()) {
    if (!readLabels(options.labels, labels))
      return 1;
    if (labels.size() != numScores)
      warning("'" + options.labels + "' has " + std::to_string(labels.size()) +
              " labels, but the model gives " + std::to_string(numScores) +
              " scores");
  }

  Image image;
  if (!loadImage(options.image, image))
    return 1;
  resizeAndNormalize(image, height, width, options.inputMean, options.inputStd,
                     model->arg0_data());

  if (!model->Run()) {
    error(std::string("running the model failed: ") + model->error_msg());
    return 1;
  }
  printTop(model->result0_data(), numScores, labels,
           static_cast<size_t>(options.top));
  return 0;
}
