/*===- main.c - read a handwritten digit on a Cortex-M7 --------------------===*
 *
 * examples/mcu: the mnist_digits model (models/tfc_models/mnist_digits.py),
 * compiled by tfc-compile for the Cortex-M7 of QEMU's mps2-an500 board,
 * reads the 28x28 digit in digit.h and prints it and its answer over
 * semihosting. Everything is static: the weights are const data in flash,
 * the arena and the buffers are arrays in RAM; nothing is allocated.
 *
 *===----------------------------------------------------------------------===*/

#include "bsp.h"
#include "digit.h"
#include "mnist.h"

static float probs[10];
static float logits[10];
static unsigned char arena[MNIST_ARENA_SIZE > 0 ? MNIST_ARENA_SIZE : 1]
    __attribute__((aligned(MNIST_ARENA_ALIGNMENT)));

int main(void) {
  /* The image, drawn with one character per pixel. */
  for (int y = 0; y < 28; ++y) {
    char row[29];
    for (int x = 0; x < 28; ++x) {
      float v = digit[y * 28 + x];
      row[x] = v > 0.66f ? '#' : v > 0.33f ? '+' : v > 0.05f ? '.' : ' ';
    }
    row[28] = '\0';
    tfc_bsp_puts(row);
    tfc_bsp_puts("\n");
  }

  const void *args[] = {digit};
  void *results[] = {logits, probs};
  tfc_bsp_cycles_start();
  int status = mnist_run(args, results, arena);
  uint64_t cycles = tfc_bsp_cycles();
  if (status != 0) {
    tfc_bsp_puts("mnist_run failed: ");
    tfc_bsp_puts(tfc_status_string(status));
    tfc_bsp_puts("\n");
    return 1;
  }
  int best = 0;
  for (int i = 1; i < 10; ++i)
    if (probs[i] > probs[best])
      best = i;
  tfc_bsp_puts("digit: ");
  tfc_bsp_put_int(best);
  tfc_bsp_puts(" (probability ");
  tfc_bsp_put_fixed(probs[best], 3);
  tfc_bsp_puts(")\ncore cycles: ");
  tfc_bsp_put_int((long)cycles);
  tfc_bsp_puts("\n");
  return 0;
}
