/*===- thread_pool.c - the thread pool generated code splits work over ----===*
 *
 * A pool of N-1 worker threads plus the calling thread. tfc_parallel_for
 * hands each thread one contiguous chunk of [0, count): the split depends
 * only on count and N. Workers spin briefly for the next job (a model runs
 * dozens of short parallel loops back to back) and then sleep on a
 * condition variable, so an idle pool costs no CPU.
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

typedef struct {
  tfc_thread_pool *pool;
  int index;
  tfc_pthread_t thread;
} tfc_worker;

struct tfc_thread_pool {
  int num_threads;
  tfc_worker *workers;
  tfc_pthread_object mutex;
  tfc_pthread_object wake;
  /* The job: published by bumping `generation` (release). */
  tfc_task_fn *body;
  void *context;
  size_t count;
  atomic_uint generation;
  atomic_int pending;
  atomic_int stop;
};

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__ARM_ARCH_7A__)
  __asm__ __volatile__("yield");
#endif
}

/* Chunk `index` of `parts` over [0, count). */
static void run_chunk(tfc_thread_pool *pool, int index) {
  size_t parts = (size_t)pool->num_threads;
  size_t begin = pool->count * (size_t)index / parts;
  size_t end = pool->count * ((size_t)index + 1) / parts;
  if (begin < end)
    pool->body(pool->context, begin, end);
}

static void *worker_main(void *argument) {
  tfc_worker *worker = (tfc_worker *)argument;
  tfc_thread_pool *pool = worker->pool;
  unsigned seen = 0;
  for (;;) {
    unsigned now =
        atomic_load_explicit(&pool->generation, memory_order_acquire);
    /* Spin, then yield (the caller may share this core: the scheduler
     * likes to wake a thread where its waker runs), then sleep. */
    for (int spin = 0; now == seen && spin < 22000; ++spin) {
      if (spin < 2000)
        cpu_relax();
      else
        sched_yield();
      now = atomic_load_explicit(&pool->generation, memory_order_acquire);
    }
    if (now == seen) {
      pthread_mutex_lock(&pool->mutex);
      while ((now = atomic_load_explicit(&pool->generation,
                                         memory_order_acquire)) == seen &&
             !atomic_load(&pool->stop))
        pthread_cond_wait(&pool->wake, &pool->mutex);
      pthread_mutex_unlock(&pool->mutex);
    }
    if (atomic_load(&pool->stop))
      return NULL;
    seen = now;
    run_chunk(pool, worker->index);
    atomic_fetch_sub_explicit(&pool->pending, 1, memory_order_acq_rel);
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
  pool->body = NULL;
  pool->context = NULL;
  pool->count = 0;
  atomic_init(&pool->generation, 0);
  atomic_init(&pool->pending, 0);
  atomic_init(&pool->stop, 0);
  if (num_threads == 1)
    return pool;
  pool->workers =
      (tfc_worker *)malloc(sizeof(tfc_worker) * (size_t)(num_threads - 1));
  if (!pool->workers || pthread_mutex_init(&pool->mutex, NULL) != 0) {
    free(pool->workers);
    free(pool);
    return NULL;
  }
  if (pthread_cond_init(&pool->wake, NULL) != 0) {
    pthread_mutex_destroy(&pool->mutex);
    free(pool->workers);
    free(pool);
    return NULL;
  }
  for (int i = 1; i < num_threads; ++i) {
    tfc_worker *worker = &pool->workers[i - 1];
    worker->pool = pool;
    worker->index = i;
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
    free(pool->workers);
  }
  free(pool);
}

int tfc_thread_pool_size(const tfc_thread_pool *pool) {
  return pool ? pool->num_threads : 1;
}

void tfc_parallel_for(tfc_thread_pool *pool, size_t count, tfc_task_fn *body,
                      void *context) {
  if (!pool || pool->num_threads == 1 || count < 2) {
    if (count > 0)
      body(context, 0, count);
    return;
  }
  pool->body = body;
  pool->context = context;
  pool->count = count;
  atomic_store_explicit(&pool->pending, pool->num_threads - 1,
                        memory_order_relaxed);
  pthread_mutex_lock(&pool->mutex);
  atomic_fetch_add_explicit(&pool->generation, 1, memory_order_release);
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->mutex);
  run_chunk(pool, 0);
  /* The workers' chunks are as long as ours, so they finish about when we
   * do; yield the core if one of them was descheduled instead. */
  for (unsigned spin = 0;
       atomic_load_explicit(&pool->pending, memory_order_acquire) != 0;
       ++spin) {
    if (spin < 4096)
      cpu_relax();
    else
      sched_yield();
  }
}

#endif /* TFC_RUNTIME_BARE_METAL */
