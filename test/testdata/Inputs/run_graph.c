/*===- run_graph.c - Run a compiled GraphDef on values from the command line
 *-===*
 *
 * The tests on real GraphDefs compile each graph with
 * `tfc-compile GRAPH -o DIR/libmodel.a` (C prefix `model`, header model.h),
 * build this file against it and run it:
 *
 *   cc -std=c11 -I DIR run_graph.c DIR/libmodel.a -lm -lpthread -o run
 *   run RESULT_TYPES [TYPE:V,V,...]...
 *
 * Each argument after the first fills one model argument, in order, with
 * values of TYPE (f32, f64, i32, i64, bool); their number must fill the
 * argument exactly, unless they are written INDEX=VALUE (sparse: the
 * elements not named are zero). RESULT_TYPES lists the results' element types,
 *comma separated. Each result is printed as `result<i>: v v v`, so that
 *FileCheck can compare it with the expected values; a type written TYPE/N
 *prints N values per line (a row of an image, say). Exits 1 on any error.
 *
 *===----------------------------------------------------------------------===*/

#include "model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONZERO(n) ((n) > 0 ? (n) : 1)

static size_t element_size(const char *type) {
  if (!strcmp(type, "f32") || !strcmp(type, "i32"))
    return 4;
  if (!strcmp(type, "f64") || !strcmp(type, "i64"))
    return 8;
  if (!strcmp(type, "bool"))
    return 1;
  return 0;
}

/* Parses "TYPE:v,v,..." into `buffer` of `size` bytes. */
static int fill(const char *text, void *buffer, size_t size, int index) {
  char type[8] = {0};
  const char *colon = strchr(text, ':');
  if (!colon || colon - text >= (long)sizeof(type)) {
    fprintf(stderr, "argument %d: expected TYPE:values, got '%s'\n", index,
            text);
    return 0;
  }
  memcpy(type, text, colon - text);
  size_t bytes = element_size(type);
  if (!bytes) {
    fprintf(stderr, "argument %d: unknown type '%s'\n", index, type);
    return 0;
  }
  size_t count = 0;
  int sparse = 0;
  const char *p = colon + 1;
  memset(buffer, 0, size);
  while (*p) {
    char *end;
    size_t position = count;
    const char *equals = strchr(p, '=');
    const char *comma = strchr(p, ',');
    if (equals && (!comma || equals < comma)) {
      sparse = 1;
      position = (size_t)strtoul(p, &end, 10);
      p = equals + 1;
    }
    if (position * bytes >= size) {
      fprintf(stderr, "argument %d: value %zu is past its %zu values\n", index,
              position, size / bytes);
      return 0;
    }
    char *slot = (char *)buffer + position * bytes;
    if (!strcmp(type, "f32")) {
      float v = strtof(p, &end);
      memcpy(slot, &v, sizeof(v));
    } else if (!strcmp(type, "f64")) {
      double v = strtod(p, &end);
      memcpy(slot, &v, sizeof(v));
    } else if (!strcmp(type, "i32")) {
      int32_t v = (int32_t)strtol(p, &end, 10);
      memcpy(slot, &v, sizeof(v));
    } else if (!strcmp(type, "i64")) {
      int64_t v = (int64_t)strtoll(p, &end, 10);
      memcpy(slot, &v, sizeof(v));
    } else {
      long v = strtol(p, &end, 10);
      *slot = v != 0;
    }
    if (end == p || (*end && *end != ',')) {
      fprintf(stderr, "argument %d: bad value in '%s'\n", index, text);
      return 0;
    }
    ++count;
    p = *end ? end + 1 : end;
  }
  if (!sparse && count * bytes != size) {
    fprintf(stderr, "argument %d: %zu values, but the model takes %zu\n", index,
            count, size / bytes);
    return 0;
  }
  return 1;
}

static void print_result(int index, const char *type, size_t per_line,
                         const void *data, size_t size) {
  size_t bytes = element_size(type);
  printf("result%d:", index);
  for (size_t i = 0; bytes && i < size / bytes; ++i) {
    const char *slot = (const char *)data + i * bytes;
    if (per_line && i && i % per_line == 0)
      printf("\n ");
    if (!strcmp(type, "f32")) {
      float v;
      memcpy(&v, slot, sizeof(v));
      printf(" %g", v);
    } else if (!strcmp(type, "f64")) {
      double v;
      memcpy(&v, slot, sizeof(v));
      printf(" %.9g", v);
    } else if (!strcmp(type, "i32")) {
      int32_t v;
      memcpy(&v, slot, sizeof(v));
      printf(" %ld", (long)v);
    } else if (!strcmp(type, "i64")) {
      int64_t v;
      memcpy(&v, slot, sizeof(v));
      printf(" %lld", (long long)v);
    } else {
      printf(" %s", *slot ? "true" : "false");
    }
  }
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc != MODEL_NUM_ARGS + 2) {
    fprintf(stderr,
            "usage: %s RESULT_TYPES ARG...: the model takes %d "
            "arguments and has %d results\n",
            argv[0], MODEL_NUM_ARGS, MODEL_NUM_RESULTS);
    return 1;
  }
  char *types[NONZERO(MODEL_NUM_RESULTS)] = {0};
  size_t per_line[NONZERO(MODEL_NUM_RESULTS)] = {0};
  char *list = argv[1];
  for (int i = 0; i < MODEL_NUM_RESULTS; ++i) {
    types[i] = strtok(i == 0 ? list : NULL, ",");
    char *slash = types[i] ? strchr(types[i], '/') : NULL;
    if (slash) {
      *slash = '\0';
      per_line[i] = (size_t)strtoul(slash + 1, NULL, 10);
    }
    if (!types[i] || !element_size(types[i])) {
      fprintf(stderr, "result %d: missing or unknown type in '%s'\n", i,
              argv[1]);
      return 1;
    }
  }

  void *args[NONZERO(MODEL_NUM_ARGS)] = {0};
  const void *const_args[NONZERO(MODEL_NUM_ARGS)] = {0};
  void *results[NONZERO(MODEL_NUM_RESULTS)] = {0};
  for (int i = 0; i < MODEL_NUM_ARGS; ++i) {
    args[i] = tfc_aligned_alloc(MODEL_ARENA_ALIGNMENT, model_arg_sizes[i] + 1);
    if (!args[i] || !fill(argv[i + 2], args[i], model_arg_sizes[i], i))
      return 1;
    const_args[i] = args[i];
  }
  for (int i = 0; i < MODEL_NUM_RESULTS; ++i)
    if (!(results[i] = tfc_aligned_alloc(MODEL_ARENA_ALIGNMENT,
                                         model_result_sizes[i] + 1)))
      return 1;
  void *arena = tfc_aligned_alloc(MODEL_ARENA_ALIGNMENT, MODEL_ARENA_SIZE + 1);
  if (!arena)
    return 1;

  int status = model_run(const_args, results, arena);
  if (status != 0) {
    fprintf(stderr, "model_run failed: %s\n", tfc_status_string(status));
    return 1;
  }
  for (int i = 0; i < MODEL_NUM_RESULTS; ++i)
    print_result(i, types[i], per_line[i], results[i], model_result_sizes[i]);

  tfc_aligned_free(arena);
  for (int i = 0; i < MODEL_NUM_RESULTS; ++i)
    tfc_aligned_free(results[i]);
  for (int i = 0; i < MODEL_NUM_ARGS; ++i)
    tfc_aligned_free(args[i]);
  return 0;
}
