/* SPDX-License-Identifier: BSD-3-Clause
 * rte_errno storage and rte_strerror(). */
#include <string.h>
#include <stdio.h>
#include <rte_errno.h>
#include <rte_per_lcore.h>

RTE_DEFINE_PER_LCORE(int, _rte_errno);

const char *rte_strerror(int errnum)
{
	static __thread char buf[128];

	if (errnum < 0)
		errnum = -errnum;
	switch (errnum) {
	case E_RTE_SECONDARY:
		return "Invalid call in secondary process";
	case E_RTE_NO_CONFIG:
		return "Missing rte_config structure";
	default:
		if (errnum > RTE_MIN_ERRNO && errnum < RTE_MAX_ERRNO)
			snprintf(buf, sizeof(buf), "Unknown dplite error %d", errnum);
		else
			return strerror_r(errnum, buf, sizeof(buf));
		return buf;
	}
}
