/* Links a library tfc-compile wrote for a bare-metal Cortex-M target (the
 * dense model, C prefix "dense") with static buffers and no malloc:
 * test/tfc-compile/cortex-m-link.test. */
#include "dense.h"

static float input[2][4], output[2][3];
static unsigned char arena[DENSE_ARENA_SIZE + 1]
    __attribute__((aligned(DENSE_ARENA_ALIGNMENT)));

int main(void) {
  const void *args[] = {input};
  void *results[] = {output};
  return dense_run(args, results, arena);
}
