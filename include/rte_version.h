/* SPDX-License-Identifier: BSD-3-Clause
 * Version: dplite reports its own version, and the DPDK release whose API it
 * follows through the RTE_VER_* macros. */
#ifndef _RTE_VERSION_H_
#define _RTE_VERSION_H_
#include <rte_config.h>
#include <rte_compat.h>
#define RTE_VERSION_NUM(a, b, c, d) ((a) << 24 | (b) << 16 | (c) << 8 | (d))
#define RTE_VERSION RTE_VERSION_NUM(RTE_VER_YEAR, RTE_VER_MONTH, RTE_VER_MINOR, RTE_VER_RELEASE)
#define DPLITE_VERSION "0.1.0"
static inline const char *rte_version(void)
{
	return "dplite " DPLITE_VERSION " (DPDK 22.11 API)";
}
#endif
