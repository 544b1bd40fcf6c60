/* SPDX-License-Identifier: BSD-3-Clause
 * Trace control. Trace points can be enabled by name or pattern; no trace
 * data is recorded in dplite (rte_trace_save writes nothing and returns 0). */
#ifndef _RTE_TRACE_H_
#define _RTE_TRACE_H_

#include <stdbool.h>
#include <stdio.h>
#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rte_trace_mode {
	RTE_TRACE_MODE_OVERWRITE,
	RTE_TRACE_MODE_DISCARD,
};

/* true if any trace point is enabled. */
__rte_experimental bool rte_trace_is_enabled(void);
__rte_experimental void rte_trace_mode_set(enum rte_trace_mode mode);
__rte_experimental enum rte_trace_mode rte_trace_mode_get(void);
/* Number of trace points matched (>= 0), or -EINVAL. */
__rte_experimental int rte_trace_pattern(const char *pattern, bool enable);
__rte_experimental int rte_trace_regexp(const char *regex, bool enable);
__rte_experimental int rte_trace_save(void);
__rte_experimental int rte_trace_metadata_dump(FILE *f);
__rte_experimental void rte_trace_dump(FILE *f);

#ifdef __cplusplus
}
#endif
#endif
