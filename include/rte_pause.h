/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_PAUSE_H_
#define _RTE_PAUSE_H_
#include <stdint.h>
#include <sched.h>
#include <rte_common.h>
#include <rte_atomic.h>
#include <rte_compat.h>

/* Spin-wait hint: tells the core we are busy-waiting. */
static inline void rte_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield" ::: "memory");
#endif
}

/* dplite: the back-off for a wait on another thread's progress (a ring
 * tail, a lock). Pause for the first rounds; after that also give the CPU
 * away, so that a peer preempted on this CPU in the middle of its critical
 * step can finish it. Without this, more runnable threads than cores turn
 * every wait into a whole scheduler time slice (DPDK's behaviour). Start
 * *spins at 0 for each wait. */
#define __RTE_WAIT_SPINS_BEFORE_YIELD 256
static __rte_always_inline void __rte_wait_backoff(unsigned int *spins)
{
	if (++*spins < __RTE_WAIT_SPINS_BEFORE_YIELD)
		rte_pause();
	else
		sched_yield();
}

static __rte_always_inline void
rte_wait_until_equal_16(volatile uint16_t *addr, uint16_t expected, int memorder)
{
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}
static __rte_always_inline void
rte_wait_until_equal_32(volatile uint32_t *addr, uint32_t expected, int memorder)
{
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}
static __rte_always_inline void
rte_wait_until_equal_64(volatile uint64_t *addr, uint64_t expected, int memorder)
{
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}
#define RTE_WAIT_UNTIL_MASKED(addr, mask, cond, expected, memorder) do { \
	while (!((__atomic_load_n((addr), (memorder)) & (mask)) cond (expected))) \
		rte_pause(); \
} while (0)
#endif
