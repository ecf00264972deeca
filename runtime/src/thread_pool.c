/*===- thread_pool.c - the thread pool generated code splits work over ----===*
 *
 * A pool of N-1 worker threads plus the calling thread. tfc_parallel_for
 * splits [0, count) into one contiguous chunk per thread (the split
 * depends only on count and N); each thread takes the indices of its own
 * chunk one by one and then those left in the others'. A thread that is
 * late (a worker still waking from sleep, or sharing the caller's core)
 * thus never holds the others up: the caller does its work, and returns
 * once every index is done. Each index is computed whole by whichever
 * thread takes it, so results do not depend on timing. Workers spin
 * briefly for the next job (a model runs dozens of short parallel loops
 * back to back) and then sleep on a condition variable, so an idle pool
 * costs no CPU.
 *
 * The runtime is built freestanding without a sysroot, so the few POSIX
 * thread calls are declared here; mutexes and condition variables live in
 * opaque storage larger than any libc's (glibc and musl, 32- and 64-bit).
 *
 * Bare-metal targets (TFC_RUNTIME_BARE_METAL) have no threads: there the
 * file is only tfc_parallel_for running every loop on the caller, and
 * tfc_thread_pool_size, so the kernels' calls link and no pthread or malloc
 * symbol is referenced.
 *
 *===----------------------------------------------------------------------===*/

#include "kernels/kernels.h"

#include <stdint.h>

#ifdef TFC_RUNTIME_BARE_METAL

int tfc_thread_pool_size(const tfc_thread_pool *pool) {
  (void)pool;
  return 1;
}

void tfc_parallel_for(tfc_thread_pool *pool, size_t count, tfc_task_fn *body,
                      void *context) {
  (void)pool;
  if (count > 0)
    body(context, 0, count);
}

#else /* !TFC_RUNTIME_BARE_METAL */

#include <stdatomic.h>

void *malloc(size_t size);
void free(void *ptr);

typedef unsigned long tfc_pthread_t;
typedef union {
  char bytes[64];
  long double align;
  void *pointer;
} tfc_pthread_object;
int pthread_create(tfc_pthread_t *thread, const void *attributes,
                   void *(*start)(void *), void *argument);
int pthread_join(tfc_pthread_t thread, void **result);
int pthread_mutex_init(tfc_pthread_object *mutex, const void *attributes);
int pthread_mutex_destroy(tfc_pthread_object *mutex);
int pthread_mutex_lock(tfc_pthread_object *mutex);
int pthread_mutex_unlock(tfc_pthread_object *mutex);
int pthread_cond_init(tfc_pthread_object *cond, const void *attributes);
int pthread_cond_destroy(tfc_pthread_object *cond);
int pthread_cond_wait(tfc_pthread_object *cond, tfc_pthread_object *mutex);
int pthread_cond_broadcast(tfc_pthread_object *cond);
int sched_yield(void);
#ifdef __linux__
/* A CPU set as glibc and musl lay it out: 1024 bits. */
typedef struct {
  unsigned long bits[1024 / (8 * sizeof(unsigned long))];
} tfc_cpu_set;
int sched_getcpu(void);
int pthread_getaffinity_np(tfc_pthread_t thread, size_t size, tfc_cpu_set *set);
int pthread_setaffinity_np(tfc_pthread_t thread, size_t size,
                           const tfc_cpu_set *set);
/* The unsuffixed clock_gettime takes longs on every Linux libc (32-bit
 * musl keeps it for its old time_t); CLOCK_MONOTONIC is 1. */
typedef struct {
  long seconds;
  long nanoseconds;
} tfc_timespec;
int clock_gettime(int clock, tfc_timespec *time);
#endif

typedef struct {
  tfc_thread_pool *pool;
  int index;
  tfc_pthread_t thread;
  /* Under the pool's mutex: the worker waits for a job on the condition
   * variable; the caller kept it off its own CPU for the wake-up, and
   * `allowed` is what the worker may run on otherwise. */
  int asleep;
  int kept_off;
#ifdef __linux__
  tfc_cpu_set allowed;
#endif
} tfc_worker;

/* The next index to take in one thread's chunk, tagged with the job's
 * generation (high 32 bits), so that a thread still looking at an earlier
 * job can never take an index of the current one. On a cache line of its
 * own. */
typedef struct {
  _Atomic uint64_t next;
  char padding[64 - sizeof(uint64_t)];
} tfc_chunk;

struct tfc_thread_pool {
  int num_threads;
  tfc_worker *workers;
  tfc_chunk *chunks;  /* one per thread */
  void *chunk_memory; /* what chunks lies in */
  tfc_pthread_object mutex;
  tfc_pthread_object wake;
  /* The job: its chunks are published tagged with `generation`, which
   * then is bumped (release) to wake the workers. body, context and count
   * change only when the previous job is done. */
  tfc_task_fn *body;
  void *context;
  atomic_size_t count;
  atomic_uint generation;
  atomic_int stop;
  /* Indices of the current job computed, added once by each thread that
   * computed any when it has no more to take; 64 bytes away from the
   * other members (the pool is malloc'ed, not aligned to a cache line), so
   * that no line holds it and what take_index reads. */
  char padding_before[64];
  atomic_size_t done;
  char padding_after[64];
};

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__ARM_ARCH_7A__)
  __asm__ __volatile__("yield");
#endif
}

/* Takes the next index of chunk `chunk` of job `generation`; 0 when the
 * chunk is used up or the job is no longer current. A thread that read a
 * used-up chunk of a finished job may read the next job's count; the
 * exchange then fails, since that job retagged every chunk (with no index
 * to take) before it wrote its count. */
static int take_index(tfc_thread_pool *pool, int chunk, unsigned generation,
                      size_t *index) {
  _Atomic uint64_t *next = &pool->chunks[chunk].next;
  uint64_t value = atomic_load_explicit(next, memory_order_acquire);
  for (;;) {
    if ((unsigned)(value >> 32) != generation)
      return 0;
    size_t count = atomic_load_explicit(&pool->count, memory_order_acquire);
    size_t end = count * ((size_t)chunk + 1) / (size_t)pool->num_threads;
    if ((size_t)(uint32_t)value >= end)
      return 0;
    if (atomic_compare_exchange_weak_explicit(next, &value, value + 1,
                                              memory_order_acq_rel,
                                              memory_order_acquire)) {
      *index = (size_t)(uint32_t)value;
      return 1;
    }
  }
}

/* Thread `self`'s share of job `generation`: its own chunk, then what is
 * left of the others'. The job stays current while an index taken from it
 * is being computed, so body and context are still its own. */
static void run_job(tfc_thread_pool *pool, int self, unsigned generation) {
  size_t computed = 0;
  for (int i = 0; i < pool->num_threads; ++i) {
    int chunk = (self + i) % pool->num_threads;
    size_t index;
    while (take_index(pool, chunk, generation, &index)) {
      pool->body(pool->context, index, index + 1);
      ++computed;
    }
  }
  if (computed > 0)
    atomic_fetch_add_explicit(&pool->done, computed, memory_order_release);
}

/* Linux wakes a thread on the CPU of the thread that wakes it when that
 * looks better than the thread's own idle CPU, and on virtual machines,
 * whose idle virtual CPUs can look busy, it did so almost every time: a
 * worker woken after a pause then waited on the caller's CPU, behind the
 * caller, until the load balancer moved it milliseconds later
 * (MobileNetV2 on two threads of a 2-core one ran its first 3 runs after
 * a pause at one thread's speed). So before it wakes sleeping workers,
 * the caller allows them every CPU they may run on but its own, and each
 * allows itself all of them again once it is awake. Under the mutex. */
static void keep_sleepers_off_this_cpu(tfc_thread_pool *pool) {
#ifdef __linux__
  const int per_word = (int)(8 * sizeof(unsigned long));
  int cpu = -1;
  for (int i = 1; i < pool->num_threads; ++i) {
    tfc_worker *worker = &pool->workers[i - 1];
    if (!worker->asleep || worker->kept_off)
      continue;
    if (cpu < 0 && ((cpu = sched_getcpu()) < 0 || cpu >= 1024))
      return;
    if (pthread_getaffinity_np(worker->thread, sizeof worker->allowed,
                               &worker->allowed) != 0)
      continue;
    tfc_cpu_set elsewhere = worker->allowed;
    elsewhere.bits[cpu / per_word] &= ~(1ul << (cpu % per_word));
    int any = 0;
    for (size_t w = 0; w < sizeof elsewhere.bits / sizeof *elsewhere.bits; ++w)
      any |= elsewhere.bits[w] != 0;
    worker->kept_off =
        any && pthread_setaffinity_np(worker->thread, sizeof elsewhere,
                                      &elsewhere) == 0;
  }
#else
  (void)pool;
#endif
}

/* How long a worker looks for the next job before it sleeps: 2000 pauses,
 * then sched_yield (the caller may share this core: the scheduler likes to
 * wake a thread where its waker runs) up to 20000 times, a few ms on an
 * idle machine, and on Linux for at most 10 ms: while other threads keep
 * every CPU busy each yield hands them a time slice, and the count alone
 * kept an idle worker runnable for 0.24 s (busy threads of its own
 * process, Zen 3) to seconds (busy processes). */
enum { SPIN_PAUSES = 2000, SPIN_YIELDS = 20000, SPIN_MAX_NS = 10000000 };

static long long monotonic_ns(void) {
#ifdef __linux__
  tfc_timespec now;
  if (clock_gettime(1, &now) == 0)
    return now.seconds * 1000000000ll + now.nanoseconds;
#endif
  return 0; /* no clock: the count alone bounds the spin */
}

/* The pool's generation once it differs from `seen`, or `seen` when the
 * worker should go to sleep. */
static unsigned spin_for_next_job(tfc_thread_pool *pool, unsigned seen) {
  unsigned now = atomic_load_explicit(&pool->generation, memory_order_acquire);
  for (int spin = 0; now == seen && spin < SPIN_PAUSES; ++spin) {
    cpu_relax();
    now = atomic_load_explicit(&pool->generation, memory_order_acquire);
  }
  if (now != seen)
    return now; /* the usual case within a run: no clock read */
  long long start = monotonic_ns();
  for (int spin = 0; now == seen && spin < SPIN_YIELDS; ++spin) {
    sched_yield();
    now = atomic_load_explicit(&pool->generation, memory_order_acquire);
    if (monotonic_ns() - start > SPIN_MAX_NS)
      break;
  }
  return now;
}

static void *worker_main(void *argument) {
  tfc_worker *worker = (tfc_worker *)argument;
  tfc_thread_pool *pool = worker->pool;
  unsigned seen = 0;
  for (;;) {
    unsigned now = spin_for_next_job(pool, seen);
    if (now == seen) {
      pthread_mutex_lock(&pool->mutex);
      worker->asleep = 1;
      while ((now = atomic_load_explicit(&pool->generation,
                                         memory_order_acquire)) == seen &&
             !atomic_load(&pool->stop))
        pthread_cond_wait(&pool->wake, &pool->mutex);
      worker->asleep = 0;
#ifdef __linux__
      if (worker->kept_off)
        pthread_setaffinity_np(worker->thread, sizeof worker->allowed,
                               &worker->allowed);
#endif
      worker->kept_off = 0;
      pthread_mutex_unlock(&pool->mutex);
    }
    if (atomic_load(&pool->stop))
      return NULL;
    seen = now;
    run_job(pool, worker->index, now);
  }
}

tfc_thread_pool *tfc_thread_pool_create(int num_threads) {
  if (num_threads < 1)
    num_threads = 1;
  tfc_thread_pool *pool = (tfc_thread_pool *)malloc(sizeof *pool);
  if (!pool)
    return NULL;
  pool->num_threads = num_threads;
  pool->workers = NULL;
  pool->chunks = NULL;
  pool->chunk_memory = NULL;
  pool->body = NULL;
  pool->context = NULL;
  atomic_init(&pool->count, 0);
  atomic_init(&pool->generation, 0);
  atomic_init(&pool->done, 0);
  atomic_init(&pool->stop, 0);
  if (num_threads == 1)
    return pool;
  pool->workers =
      (tfc_worker *)malloc(sizeof(tfc_worker) * (size_t)(num_threads - 1));
  /* 64 bytes more, to put the chunks on cache lines of their own. */
  void *chunk_memory = malloc(sizeof(tfc_chunk) * (size_t)num_threads + 64);
  if (!pool->workers || !chunk_memory ||
      pthread_mutex_init(&pool->mutex, NULL) != 0) {
    free(chunk_memory);
    free(pool->workers);
    free(pool);
    return NULL;
  }
  if (pthread_cond_init(&pool->wake, NULL) != 0) {
    pthread_mutex_destroy(&pool->mutex);
    free(chunk_memory);
    free(pool->workers);
    free(pool);
    return NULL;
  }
  pool->chunk_memory = chunk_memory;
  pool->chunks = (tfc_chunk *)(((uintptr_t)chunk_memory + 63) & ~(uintptr_t)63);
  for (int i = 0; i < num_threads; ++i)
    atomic_init(&pool->chunks[i].next, 0);
  for (int i = 1; i < num_threads; ++i) {
    tfc_worker *worker = &pool->workers[i - 1];
    worker->pool = pool;
    worker->index = i;
    worker->asleep = 0;
    worker->kept_off = 0;
    if (pthread_create(&worker->thread, NULL, worker_main, worker) != 0) {
      /* Run with the threads made so far. */
      pool->num_threads = i;
      break;
    }
  }
  return pool;
}

void tfc_thread_pool_destroy(tfc_thread_pool *pool) {
  if (!pool)
    return;
  if (pool->workers) {
    pthread_mutex_lock(&pool->mutex);
    atomic_store(&pool->stop, 1);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->mutex);
    for (int i = 1; i < pool->num_threads; ++i)
      pthread_join(pool->workers[i - 1].thread, NULL);
    pthread_cond_destroy(&pool->wake);
    pthread_mutex_destroy(&pool->mutex);
    free(pool->chunk_memory);
    free(pool->workers);
  }
  free(pool);
}

int tfc_thread_pool_size(const tfc_thread_pool *pool) {
  return pool ? pool->num_threads : 1;
}

void tfc_parallel_for(tfc_thread_pool *pool, size_t count, tfc_task_fn *body,
                      void *context) {
  /* (An index is 32 bits in a chunk's tag.) */
  if (!pool || pool->num_threads == 1 || count < 2 || count >= 0xFFFFFFFFu) {
    if (count > 0)
      body(context, 0, count);
    return;
  }
  /* The previous job is done (every index computed), so nothing reads
   * body, context or count on its behalf any more. Its chunks are retagged
   * as used up by this job first (see take_index), then the count is
   * written, then the chunks get their first index. */
  unsigned generation =
      atomic_load_explicit(&pool->generation, memory_order_relaxed) + 1;
  for (int i = 0; i < pool->num_threads; ++i)
    atomic_store_explicit(&pool->chunks[i].next,
                          (uint64_t)generation << 32 | 0xFFFFFFFFu,
                          memory_order_relaxed);
  atomic_store_explicit(&pool->count, count, memory_order_release);
  pool->body = body;
  pool->context = context;
  atomic_store_explicit(&pool->done, 0, memory_order_relaxed);
  size_t parts = (size_t)pool->num_threads;
  for (int i = 0; i < pool->num_threads; ++i)
    atomic_store_explicit(&pool->chunks[i].next,
                          (uint64_t)generation << 32 |
                              (uint64_t)(count * (size_t)i / parts),
                          memory_order_release);
  pthread_mutex_lock(&pool->mutex);
  keep_sleepers_off_this_cpu(pool);
  atomic_store_explicit(&pool->generation, generation, memory_order_release);
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->mutex);
  run_job(pool, 0, generation);
  /* Every index is taken; wait for those still being computed (yielding
   * the core, in case their thread shares it). */
  for (unsigned spin = 0;
       atomic_load_explicit(&pool->done, memory_order_acquire) != count;
       ++spin) {
    if (spin < 4096)
      cpu_relax();
    else
      sched_yield();
  }
}

#endif /* TFC_RUNTIME_BARE_METAL */
