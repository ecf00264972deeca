/*===- donkey_pilot.c - Drive a Donkey Car with a tfc-compiled pilot ------===*
 *
 * The Donkey Car autopilot (KerasLinear: 120x160 RGB camera frame in,
 * steering angle and throttle out) compiled ahead of time by tfc-compile,
 * as it would run on the car's Raspberry Pi or Jetson: no TensorFlow, no
 * Python, no model file at run time. For each frame given on the command
 * line it prints
 *
 *   FRAME: steering S, throttle T
 *
 * A frame is 160 pixels wide and 120 high, 8-bit RGB, either a binary PPM
 * (P6, maxval up to 255, comments allowed; `pnmtopng`, ImageMagick and most
 * image tools read and write it) or raw bytes (57600 of them, row after row,
 * R G B per pixel, what a camera's RGB888 buffer holds). PNG is not read: a
 * cross-compiled program would need libpng built for the board. Pixels are
 * scaled to [0, 1] (value / maxval), as Donkey Car does before its model.
 *
 * The model is compiled with --model_name=pilot (pilot.h, pilot_run): one
 * float input [1, 120, 160, 3] and two float results of one value each, the
 * angle and then the throttle. CMakeLists.txt beside this file runs
 * tfc-compile for the toolchain's target; see README.md.
 *
 * Errors (a missing, truncated or malformed frame, the wrong size) are one
 * line on stderr and exit status 1.
 *
 *===----------------------------------------------------------------------===*/

#include "pilot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kWidth = 160, kHeight = 120, kChannels = 3 };
enum { kFrameBytes = kWidth * kHeight * kChannels };

_Static_assert(PILOT_NUM_ARGS == 1, "the pilot takes one input, the frame");
_Static_assert(PILOT_NUM_RESULTS == 2,
               "the pilot gives two results: steering and throttle");

/* Says "donkey_pilot: <what> '<path>': <why>" on stderr; returns 0, for
 * `return fail(...)` in read_frame. */
static int fail(const char *what, const char *path, const char *why) {
  fprintf(stderr, "donkey_pilot: %s '%s': %s\n", what, path, why);
  return 0;
}

static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

/* The next number of a PPM header from data[*at] on, after whitespace and
 * comments, and *at just past it; -1 when there is none. */
static long ppm_number(const unsigned char *data, size_t size, size_t *at) {
  size_t i = *at;
  while (i < size && (is_space(data[i]) || data[i] == '#')) {
    if (data[i] == '#')
      while (i < size && data[i] != '\n')
        ++i;
    else
      ++i;
  }
  long value = -1;
  for (int digits = 0; i < size && data[i] >= '0' && data[i] <= '9';
       ++i, ++digits) {
    if (digits == 9)
      return -1; /* far beyond any width, height or maxval */
    value = (value < 0 ? 0 : value * 10) + (data[i] - '0');
  }
  *at = i;
  return value;
}

/* Reads the frame at `path` into `pixels`, scaled to [0, 1]; on failure
 * says why and returns 0. */
static int read_frame(const char *path, float *pixels) {
  /* A frame and a P6 header with a few comments; a larger file is not one
   * frame. */
  enum { kMaxBytes = kFrameBytes + 4096 };
  static unsigned char data[kMaxBytes + 1];
  FILE *file = fopen(path, "rb");
  if (!file)
    return fail("cannot read frame", path, strerror(errno));
  size_t size = fread(data, 1, sizeof data, file);
  int read_error = ferror(file);
  fclose(file);
  if (read_error)
    return fail("cannot read frame", path, "read error");
  if (size > kMaxBytes)
    return fail("cannot use frame", path, "larger than one 160x120 frame");

  const unsigned char *samples = data;
  long maxval = 255;
  if (size >= 2 && data[0] == 'P' && data[1] == '6') {
    size_t at = 2;
    long width = ppm_number(data, size, &at);
    long height = ppm_number(data, size, &at);
    maxval = ppm_number(data, size, &at);
    /* One whitespace character ends the header. */
    if (width < 1 || height < 1 || maxval < 1 || at >= size ||
        !is_space(data[at]))
      return fail("cannot decode frame", path, "bad PPM header");
    if (width != kWidth || height != kHeight) {
      char why[128];
      snprintf(why, sizeof why,
               "%ldx%ld pixels; the pilot takes 160x120 (width x height)",
               width, height);
      return fail("cannot use frame", path, why);
    }
    if (maxval > 255)
      return fail("cannot use frame", path,
                  "16-bit PPM; the pilot takes 8-bit samples");
    samples = data + at + 1;
    size_t pixel_bytes = size - (at + 1);
    if (pixel_bytes < kFrameBytes)
      return fail("cannot decode frame", path, "PPM is truncated");
    if (pixel_bytes > kFrameBytes)
      return fail("cannot use frame", path,
                  "PPM has data after its 160x120 image");
  } else if (size != kFrameBytes) {
    return fail("cannot decode frame", path,
                "neither a binary PPM (P6) nor raw 160x120 RGB (57600 bytes)");
  }
  for (int i = 0; i < kFrameBytes; ++i)
    pixels[i] = (float)samples[i] / (float)maxval;
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
      strcmp(argv[1], "-h") == 0) {
    fprintf(argc < 2 ? stderr : stdout,
            "usage: donkey_pilot FRAME...\n"
            "  prints the steering angle and throttle of each 160x120 RGB "
            "frame\n  (binary PPM, P6, or raw RGB bytes)\n");
    return argc < 2 ? 1 : 0;
  }
  if (pilot_arg_sizes[0] != sizeof(float) * kFrameBytes ||
      pilot_result_sizes[0] != sizeof(float) ||
      pilot_result_sizes[1] != sizeof(float)) {
    fprintf(stderr, "donkey_pilot: the compiled model does not take one "
                    "[1, 120, 160, 3] float frame to two floats; compile the "
                    "Donkey Car pilot with batch 1\n");
    return 1;
  }

  static float frame[kFrameBytes];
  float steering = 0, throttle = 0;
  const void *args[PILOT_NUM_ARGS] = {frame};
  void *results[PILOT_NUM_RESULTS] = {&steering, &throttle};
  /* The scratch memory of every run, allocated once. */
  void *arena = tfc_aligned_alloc(PILOT_ARENA_ALIGNMENT, PILOT_ARENA_SIZE);
  if (!arena && PILOT_ARENA_SIZE > 0) {
    fprintf(stderr, "donkey_pilot: out of memory\n");
    return 1;
  }
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    if (!read_frame(argv[i], frame)) {
      status = 1;
      break;
    }
    int run = pilot_run(args, results, arena);
    if (run != 0) {
      fprintf(stderr, "donkey_pilot: pilot_run failed: %s\n",
              tfc_status_string(run));
      status = 1;
      break;
    }
    printf("%s: steering %.9g, throttle %.9g\n", argv[i], steering, throttle);
  }
  tfc_aligned_free(arena);
  return status;
}
