// Runs Inputs/repeated-fetches.pbtxt compiled with
// --fetches=y,y_id,y,x,x,c,c: every result buffer gets its value, also
// where one value is fetched several times.
#include "rep.h"

#include <stdio.h>

int main(void) {
  float x[4] = {1, -2, 3, -4}, r[5][4] = {{0}}, c[2][2] = {{0}};
  const void *args[] = {x};
  void *results[] = {r[0], r[1], r[2], r[3], r[4], c[0], c[1]};
  void *arena = tfc_aligned_alloc(REP_ARENA_ALIGNMENT, REP_ARENA_SIZE + 1);
  int status = rep_run(args, results, arena);
  printf("status %d results %d\n", status, REP_NUM_RESULTS);
  for (int i = 0; i < 5; ++i)
    printf("%g %g %g %g\n", r[i][0], r[i][1], r[i][2], r[i][3]);
  printf("%g %g %g %g\n", c[0][0], c[0][1], c[1][0], c[1][1]);
  tfc_aligned_free(arena);
  return status;
}
