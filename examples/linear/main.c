/* The demo program: links the library tfc-compile made from
 * models/linear/linear.pbtxt (y = 0.5 * x + 2, x of shape [4, 1]) and prints
 * y for four values of x, through the generated C API. */

#include "linear.h"

#include <stdio.h>

int main(void) {
  float x[4] = {-2.0f, 0.0f, 1.0f, 10.0f};
  float y[4] = {0};
  const void *args[LINEAR_NUM_ARGS] = {x};
  void *results[LINEAR_NUM_RESULTS] = {y};

  /* Scratch memory for intermediates, allocated once (may be 0 bytes). */
  void *arena = NULL;
  if (LINEAR_ARENA_SIZE > 0) {
    arena = tfc_aligned_alloc(LINEAR_ARENA_ALIGNMENT, LINEAR_ARENA_SIZE);
    if (!arena) {
      fprintf(stderr, "out of memory\n");
      return 1;
    }
  }
  int status = linear_run(args, results, arena);
  tfc_aligned_free(arena);
  if (status != 0) {
    fprintf(stderr, "linear_run failed: %s\n", tfc_status_string(status));
    return 1;
  }
  for (int i = 0; i < 4; ++i)
    printf("x = %6.2f  ->  y = 0.5 * x + 2 = %6.2f\n", x[i], y[i]);
  return 0;
}
