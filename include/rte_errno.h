/* SPDX-License-Identifier: BSD-3-Clause
 * rte_errno: a per-thread error code set by API calls that return NULL or -1. */
#ifndef _RTE_ERRNO_H_
#define _RTE_ERRNO_H_
#include <rte_config.h>
#include <rte_per_lcore.h>
#ifdef __cplusplus
extern "C" {
#endif

RTE_DECLARE_PER_LCORE(int, _rte_errno);
#define rte_errno RTE_PER_LCORE(_rte_errno)

/* Text for an errno value, including the dplite/DPDK-specific ones below.
 * Thread-safe: the returned string is static or thread-local. */
const char *rte_strerror(int errnum);

/* glibc has no __ELASTERROR, so DPDK's values are 1001 and 1002. */
#ifndef __ELASTERROR
#define __ELASTERROR 1000
#endif
enum {
	RTE_MIN_ERRNO = __ELASTERROR,
	E_RTE_SECONDARY,   /* operation not allowed in a secondary process */
	E_RTE_NO_CONFIG,   /* missing rte_config */
	RTE_MAX_ERRNO
};

#ifdef __cplusplus
}
#endif
#endif
