/* SPDX-License-Identifier: BSD-3-Clause
 * Nanosecond <-> timespec conversion and a cycle-counter-to-ns converter. */
#ifndef _RTE_TIME_H_
#define _RTE_TIME_H_

#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NSEC_PER_SEC 1000000000L

struct rte_timecounter {
	uint64_t cycle_last;      /* counter at the last update */
	uint64_t nsec;            /* ns so far */
	uint64_t nsec_mask;       /* fraction bits of a cycles-to-ns value */
	uint64_t nsec_frac;       /* carried fraction */
	uint64_t cc_mask;
	uint32_t cc_shift;
};

static inline uint64_t rte_cyclecounter_cycles_to_ns(struct rte_timecounter *tc, uint64_t cycles)
{
	uint64_t ns = cycles + tc->nsec_frac;
	tc->nsec_frac = ns & tc->nsec_mask;
	return ns >> tc->cc_shift;
}

static inline uint64_t rte_timecounter_update(struct rte_timecounter *tc, uint64_t cycle_now)
{
	/* a counter read before the last one moves time backwards */
	if (tc->cycle_last <= cycle_now) {
		uint64_t delta = (cycle_now - tc->cycle_last) & tc->cc_mask;
		tc->nsec += rte_cyclecounter_cycles_to_ns(tc, delta);
	} else {
		uint64_t delta = (tc->cycle_last - cycle_now) & tc->cc_mask;
		tc->nsec -= delta >> tc->cc_shift;
	}
	tc->cycle_last = cycle_now;
	return tc->nsec;
}

static inline uint64_t rte_timespec_to_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

static inline struct timespec rte_ns_to_timespec(uint64_t nsec)
{
	struct timespec ts = { 0, 0 };
	if (nsec == 0)
		return ts;
	ts.tv_sec = (time_t)(nsec / NSEC_PER_SEC);
	ts.tv_nsec = (long)(nsec % NSEC_PER_SEC);
	return ts;
}

#ifdef __cplusplus
}
#endif
#endif
