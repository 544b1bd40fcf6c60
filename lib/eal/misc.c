/* SPDX-License-Identifier: BSD-3-Clause
 * Panic, stack dumps, the TSC clock and delays. A bottom unit: calls only
 * log.c (rte_exit, which must run rte_eal_cleanup, lives in init.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <execinfo.h>
#include <rte_debug.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_log.h>
#include "eal_private.h"

void rte_dump_stack(void)
{
	void *frames[64];
	int n = backtrace(frames, (int)RTE_DIM(frames));
	char **syms = backtrace_symbols(frames, n);
	FILE *f = rte_log_get_stream();
	for (int i = 0; i < n; i++)
		fprintf(f, "%d: [%s]\n", n - i, syms ? syms[i] : "?");
	free(syms);
	fflush(f);
}

void __rte_panic(const char *funcname, const char *format, ...)
{
	va_list ap;
	FILE *f = rte_log_get_stream();
	fprintf(f, "PANIC in %s():\n", funcname);
	va_start(ap, format);
	vfprintf(f, format, ap);
	va_end(ap);
	rte_dump_stack();
	abort();
}

/* ---- TSC -----------------------------------------------------------------------
 * Calibrated lazily on the first rte_get_tsc_hz() call (10 ms), not in
 * rte_eal_init, so programs that never ask pay nothing at start-up. Two
 * threads racing here both measure; either result is fine. */
static uint64_t tsc_hz;

static uint64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Measure the TSC against CLOCK_MONOTONIC_RAW over ~10 ms and round to
 * the nearest 10 MHz, which is what invariant TSCs tick at. */
static uint64_t measure_tsc_hz(void)
{
	uint64_t t0 = mono_ns(), c0 = rte_rdtsc_precise();
	struct timespec req = { 0, 10 * 1000 * 1000 };
	nanosleep(&req, NULL);
	uint64_t t1 = mono_ns(), c1 = rte_rdtsc_precise();
	double hz = (double)(c1 - c0) * 1e9 / (double)(t1 - t0);
	uint64_t r = (uint64_t)(hz / 1e7 + 0.5) * 10000000ull;
	return r ? r : (uint64_t)hz;
}

int eal_timer_init(void)
{
	if (__atomic_load_n(&tsc_hz, __ATOMIC_RELAXED) == 0)
		__atomic_store_n(&tsc_hz, measure_tsc_hz(), __ATOMIC_RELAXED);
	return 0;
}

uint64_t rte_get_tsc_hz(void)
{
	uint64_t hz = __atomic_load_n(&tsc_hz, __ATOMIC_RELAXED);
	if (hz == 0) {
		eal_timer_init();
		hz = __atomic_load_n(&tsc_hz, __ATOMIC_RELAXED);
	}
	return hz;
}

void rte_delay_us_block(unsigned int us)
{
	uint64_t start = rte_get_timer_cycles();
	uint64_t ticks = (uint64_t)us * rte_get_timer_hz() / 1000000ull;
	while (rte_get_timer_cycles() - start < ticks)
		__builtin_ia32_pause();
}

void rte_delay_us_sleep(unsigned int us)
{
	struct timespec req = { us / 1000000, (long)(us % 1000000) * 1000 }, rem;
	while (nanosleep(&req, &rem) != 0 && errno == EINTR)
		req = rem;
}

void (*rte_delay_us)(unsigned int) = rte_delay_us_block;

void rte_delay_us_callback_register(void (*userfunc)(unsigned int))
{
	rte_delay_us = userfunc ? userfunc : rte_delay_us_block;
}
