/* SPDX-License-Identifier: BSD-3-Clause
 * rte_power_intrinsics.h on x86 WAITPKG (UMONITOR/UMWAIT/TPAUSE, encoded as
 * bytes so no special compiler flag is needed). Without WAITPKG every call
 * is -ENOTSUP, as DPDK 22.11 (which has no AMD MONITORX path either).
 * Wake-up: rte_power_monitor records the watched address per lcore;
 * rte_power_monitor_wakeup writes the value back to that address, which
 * ends the target's UMWAIT. */
#include <errno.h>
#include <stdbool.h>
#include <rte_common.h>
#include <rte_cpuflags.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_power_intrinsics.h>

static int waitpkg = -1;   /* -1 unknown, 0/1 */
static struct {
	volatile void *addr;
	uint8_t size;
	rte_spinlock_t lock;
} __rte_cache_aligned watched[RTE_MAX_LCORE];

static bool have_waitpkg(void)
{
	int w = __atomic_load_n(&waitpkg, __ATOMIC_RELAXED);
	if (w < 0) {
		w = rte_cpu_get_flag_enabled(RTE_CPUFLAG_WAITPKG) == 1;
		__atomic_store_n(&waitpkg, w, __ATOMIC_RELAXED);
	}
	return w == 1;
}

static uint64_t read_sized(volatile void *p, uint8_t size)
{
	switch (size) {
	case 1: return *(volatile uint8_t *)p;
	case 2: return *(volatile uint16_t *)p;
	case 4: return *(volatile uint32_t *)p;
	default: return *(volatile uint64_t *)p;
	}
}

static bool size_ok(uint8_t s) { return s == 1 || s == 2 || s == 4 || s == 8; }

#if defined(__x86_64__)
static void umonitor(volatile void *addr)
{
	/* umonitor %rdi */
	__asm__ volatile(".byte 0xf3, 0x48, 0x0f, 0xae, 0xf7" : : "D"(addr) : "memory");
}
static void umwait(uint64_t deadline)
{
	/* umwait %edi, state C0.2 (0) */
	__asm__ volatile(".byte 0xf2, 0x0f, 0xae, 0xf7" : : "D"(0), "a"((uint32_t)deadline),
			 "d"((uint32_t)(deadline >> 32)) : "memory", "cc");
}
static void tpause(uint64_t deadline)
{
	/* tpause %edi */
	__asm__ volatile(".byte 0x66, 0x0f, 0xae, 0xf7" : : "D"(0), "a"((uint32_t)deadline),
			 "d"((uint32_t)(deadline >> 32)) : "memory", "cc");
}
#else
static void umonitor(volatile void *addr) { RTE_SET_USED(addr); }
static void umwait(uint64_t deadline) { RTE_SET_USED(deadline); }
static void tpause(uint64_t deadline) { RTE_SET_USED(deadline); }
#endif

int rte_power_monitor(const struct rte_power_monitor_cond *pmc, const uint64_t tsc_timestamp)
{
	if (pmc == NULL || !size_ok(pmc->size)) {
		RTE_LOG(ERR, EAL, "rte_power_monitor: NULL condition or bad size\n");
		return -EINVAL;
	}
	if (!have_waitpkg())
		return -ENOTSUP;
	unsigned int id = rte_lcore_id();
	if (id >= RTE_MAX_LCORE)
		return -EINVAL;
	if (pmc->addr == NULL)
		return 0;   /* nothing to watch */
	rte_spinlock_lock(&watched[id].lock);
	watched[id].addr = pmc->addr;
	watched[id].size = pmc->size;
	rte_spinlock_unlock(&watched[id].lock);
	umonitor(pmc->addr);
	uint64_t v = read_sized(pmc->addr, pmc->size);
	if (pmc->fn == NULL || pmc->fn(v, pmc->opaque) == 0)
		umwait(tsc_timestamp);
	rte_spinlock_lock(&watched[id].lock);
	watched[id].addr = NULL;
	rte_spinlock_unlock(&watched[id].lock);
	return 0;
}

int rte_power_monitor_wakeup(const unsigned int lcore_id)
{
	if (!have_waitpkg())
		return -ENOTSUP;
	if (lcore_id >= RTE_MAX_LCORE)
		return -EINVAL;
	rte_spinlock_lock(&watched[lcore_id].lock);
	volatile void *a = watched[lcore_id].addr;
	if (a != NULL) {
		/* writing the same value is enough to end the monitor */
		switch (watched[lcore_id].size) {
		case 1: __atomic_fetch_add((volatile uint8_t *)a, 0, __ATOMIC_RELAXED); break;
		case 2: __atomic_fetch_add((volatile uint16_t *)a, 0, __ATOMIC_RELAXED); break;
		case 4: __atomic_fetch_add((volatile uint32_t *)a, 0, __ATOMIC_RELAXED); break;
		default: __atomic_fetch_add((volatile uint64_t *)a, 0, __ATOMIC_RELAXED); break;
		}
	}
	rte_spinlock_unlock(&watched[lcore_id].lock);
	return 0;
}

int rte_power_pause(const uint64_t tsc_timestamp)
{
	if (!have_waitpkg())
		return -ENOTSUP;
	tpause(tsc_timestamp);
	return 0;
}

int rte_power_monitor_multi(const struct rte_power_monitor_cond pmc[], const uint32_t num,
			    const uint64_t tsc_timestamp)
{
	RTE_SET_USED(tsc_timestamp);
	if (pmc == NULL || num == 0) {
		RTE_LOG(ERR, EAL, "rte_power_monitor_multi: no conditions\n");
		return -EINVAL;
	}
	return -ENOTSUP;   /* needs RTM as well; DPDK reports it the same way without */
}
