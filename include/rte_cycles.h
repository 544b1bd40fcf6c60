/* SPDX-License-Identifier: BSD-3-Clause
 * Time stamp counter and delays. The TSC frequency is measured once at
 * rte_eal_init() (or lazily on first use) against CLOCK_MONOTONIC_RAW. */
#ifndef _RTE_CYCLES_H_
#define _RTE_CYCLES_H_
#include <stdint.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_debug.h>
#ifdef __cplusplus
extern "C" {
#endif

#define MS_PER_S 1000
#define US_PER_S 1000000
#define NS_PER_S 1000000000

static inline uint64_t rte_rdtsc(void)
{
#if defined(__x86_64__)
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
#else
	uint64_t v;
	__asm__ volatile("mrs %0, cntvct_el0" : "=r"(v));
	return v;
#endif
}
/* rdtsc after all earlier instructions completed. */
static inline uint64_t rte_rdtsc_precise(void)
{
#if defined(__x86_64__)
	__asm__ volatile("lfence" ::: "memory");   /* earlier instructions retire first */
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
	return rte_rdtsc();
}
static inline uint64_t rte_get_tsc_cycles(void) { return rte_rdtsc(); }

uint64_t rte_get_tsc_hz(void);
enum timer_source { EAL_TIMER_TSC = 0, EAL_TIMER_HPET };
static inline uint64_t rte_get_timer_cycles(void) { return rte_get_tsc_cycles(); }
static inline uint64_t rte_get_timer_hz(void) { return rte_get_tsc_hz(); }

/* Busy-wait (default) delay; rte_delay_us_sleep() sleeps instead. */
extern void (*rte_delay_us)(unsigned int us);
void rte_delay_us_block(unsigned int us);
void rte_delay_us_sleep(unsigned int us);
void rte_delay_us_callback_register(void (*userfunc)(unsigned int));
static inline void rte_delay_ms(unsigned int ms) { rte_delay_us(ms * 1000); }

#ifdef __cplusplus
}
#endif
#endif
