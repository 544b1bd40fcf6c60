/* SPDX-License-Identifier: BSD-3-Clause
 * Per-lcore variables are plain thread-local storage: each EAL lcore is one
 * thread, and so is each registered non-EAL thread. */
#ifndef _RTE_PER_LCORE_H_
#define _RTE_PER_LCORE_H_
#include <rte_config.h>
#define RTE_DEFINE_PER_LCORE(type, name) \
	__thread __attribute__((tls_model("initial-exec"))) __typeof__(type) per_lcore_##name
#define RTE_DECLARE_PER_LCORE(type, name) \
	extern __thread __attribute__((tls_model("initial-exec"))) __typeof__(type) per_lcore_##name
#define RTE_PER_LCORE(name) (per_lcore_##name)
#endif
