/*===- startup.c - vector table and reset handler for Cortex-M -------------===*
 *
 * The core loads the initial stack pointer and the reset handler from the
 * vector table at address 0 (the linker scripts put .vectors there). The
 * reset handler switches the FPU on in hard-float builds (the Cortex-M4F,
 * M7 and M55 reset with it off, and the first floating-point or MVE
 * instruction would fault), copies .data from flash, zeroes .bss, runs
 * main() and exits with its status through semihosting. Faults print their
 * name and exit with status 3, so a test sees a crash instead of a hang.
 *
 *===----------------------------------------------------------------------===*/

#include "bsp.h"

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_top[], __free_ram_end[];
extern char __free_ram_begin[];

int main(void);

#define REG(address) (*(volatile uint32_t *)(address))
#define SCB_CPACR REG(0xE000ED88u)
#define SYST_CSR REG(0xE000E010u)
#define SYST_RVR REG(0xE000E014u)
#define SYST_CVR REG(0xE000E018u)

void tfc_bsp_reset(void) __attribute__((noreturn));
void tfc_bsp_reset(void) {
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  /* Full access to coprocessors 10 and 11: the FPU (and MVE). */
  SCB_CPACR |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
  for (uint32_t *from = __data_load, *to = __data_start; to < __data_end;)
    *to++ = *from++;
  for (uint32_t *p = __bss_start; p < __bss_end;)
    *p++ = 0;
  tfc_bsp_exit(main());
}

static void fault(const char *name) {
  tfc_bsp_puts("tfc-bsp: ");
  tfc_bsp_puts(name);
  tfc_bsp_puts("\n");
  tfc_bsp_exit(3);
}

static void nmi(void) { fault("NMI"); }
static void hard_fault(void) { fault("HardFault"); }
static void mem_manage(void) { fault("MemManage fault"); }
static void bus_fault(void) { fault("BusFault"); }
static void usage_fault(void) { fault("UsageFault"); }
static void unexpected(void) { fault("unexpected exception"); }

static volatile uint32_t systick_wraps;
static void systick(void) { ++systick_wraps; }

void *tfc_bsp_free_ram_begin(void) { return __free_ram_begin; }
void *tfc_bsp_free_ram_end(void) { return __free_ram_end; }

#define SYSTICK_MAX 0xFFFFFFu

static uint32_t systick_start;

void tfc_bsp_cycles_start(void) {
  SYST_CSR = 0;
  SYST_RVR = SYSTICK_MAX;
  SYST_CVR = 0;
  systick_wraps = 0;
  SYST_CSR = 7; /* enable, interrupt on wrap, core clock */
  /* The counter reads 0 until its first reload. */
  while ((systick_start = SYST_CVR) == 0)
    ;
}

uint64_t tfc_bsp_cycles(void) {
  uint32_t wraps, value;
  do {
    wraps = systick_wraps;
    value = SYST_CVR;
  } while (wraps != systick_wraps);
  return (uint64_t)wraps * (SYSTICK_MAX + 1) + systick_start - value;
}

typedef void (*vector)(void);

__attribute__((section(".vectors"), used)) const vector tfc_bsp_vectors[16] = {
    (vector)(uintptr_t)__stack_top,
    tfc_bsp_reset,
    nmi,
    hard_fault,
    mem_manage,
    bus_fault,
    usage_fault,
    unexpected, /* SecureFault on v8-M */
    0,
    0,
    0,
    unexpected, /* SVCall */
    unexpected, /* DebugMonitor */
    0,
    unexpected, /* PendSV */
    systick,
};
