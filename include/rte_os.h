/* SPDX-License-Identifier: BSD-3-Clause
 * OS glue for Linux: the queue macros DPDK headers build their lists with,
 * and the cpu-set type with its set operations. */
#ifndef _RTE_OS_H_
#define _RTE_OS_H_

#include <sched.h>
#include <sys/queue.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_TAILQ_HEAD(name, type) TAILQ_HEAD(name, type)
#define RTE_TAILQ_ENTRY(type) TAILQ_ENTRY(type)
#define RTE_TAILQ_FOREACH(var, head, field) TAILQ_FOREACH(var, head, field)
#define RTE_TAILQ_FIRST(head) TAILQ_FIRST(head)
#define RTE_TAILQ_NEXT(elem, field) TAILQ_NEXT(elem, field)
#define RTE_STAILQ_HEAD(name, type) STAILQ_HEAD(name, type)
#define RTE_STAILQ_ENTRY(type) STAILQ_ENTRY(type)

#ifdef CPU_SETSIZE
typedef cpu_set_t rte_cpuset_t;
#define RTE_HAS_CPUSET 1
#define RTE_CPU_AND(dst, src1, src2) CPU_AND(dst, src1, src2)
#define RTE_CPU_OR(dst, src1, src2) CPU_OR(dst, src1, src2)
#define RTE_CPU_FILL(set) do { \
	unsigned int __rte_i; \
	CPU_ZERO(set); \
	for (__rte_i = 0; __rte_i < CPU_SETSIZE; __rte_i++) \
		CPU_SET(__rte_i, set); \
} while (0)
#define RTE_CPU_NOT(dst, src) do { \
	cpu_set_t __rte_all; \
	RTE_CPU_FILL(&__rte_all); \
	CPU_XOR(dst, &__rte_all, src); \
} while (0)
#endif

#ifdef __cplusplus
}
#endif
#endif
