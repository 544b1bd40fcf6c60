/* SPDX-License-Identifier: BSD-3-Clause
 * Trace point registry (rte_trace_point.h, rte_trace.h). dplite records no
 * trace data; it keeps the names so lookups, enable/disable, patterns and
 * dumps behave. A handle's value is 0 until registered, then (index + 1) |
 * ENABLE_BIT when enabled. Registrations come from constructors (one
 * thread); later changes are guarded by trace_lock. */
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <regex.h>
#include <string.h>
#include <rte_common.h>
#include <rte_log.h>
#include <rte_trace.h>
#include <rte_trace_point.h>

#define TRACE_POINTS_MAX 1024
#define TRACE_NAME_MAX 64
#define TRACE_ENABLED (UINT64_C(1) << 63)

static struct { rte_trace_point_t *handle; char name[TRACE_NAME_MAX]; } points[TRACE_POINTS_MAX];
static unsigned int npoints;
static enum rte_trace_mode trace_mode = RTE_TRACE_MODE_OVERWRITE;
static pthread_mutex_t trace_lock = PTHREAD_MUTEX_INITIALIZER;

int __rte_trace_point_register(rte_trace_point_t *trace, const char *name, void (*register_fn)(void))
{
	RTE_SET_USED(register_fn);
	if (trace == NULL || name == NULL || name[0] == '\0' || strlen(name) >= TRACE_NAME_MAX) {
		RTE_LOG(ERR, EAL, "trace point: NULL handle or bad name\n");
		return -EINVAL;
	}
	pthread_mutex_lock(&trace_lock);
	int rc = 0;
	for (unsigned int i = 0; i < npoints; i++)
		if (strcmp(points[i].name, name) == 0)
			rc = -EEXIST;
	if (rc == 0 && npoints == TRACE_POINTS_MAX)
		rc = -ENOSPC;
	if (rc == 0) {
		points[npoints].handle = trace;
		strcpy(points[npoints].name, name);
		npoints++;
		*trace = npoints;
	}
	pthread_mutex_unlock(&trace_lock);
	if (rc < 0)
		RTE_LOG(ERR, EAL, "trace point %s: %s\n", name, strerror(-rc));
	return rc;
}

static bool registered(const rte_trace_point_t *tp)
{
	return tp != NULL && (*tp & ~TRACE_ENABLED) != 0;
}

int rte_trace_point_enable(rte_trace_point_t *tp)
{
	if (!registered(tp))
		return -EINVAL;
	__atomic_fetch_or(tp, TRACE_ENABLED, __ATOMIC_RELAXED);
	return 0;
}

int rte_trace_point_disable(rte_trace_point_t *tp)
{
	if (!registered(tp))
		return -EINVAL;
	__atomic_fetch_and(tp, ~TRACE_ENABLED, __ATOMIC_RELAXED);
	return 0;
}

bool rte_trace_point_is_enabled(rte_trace_point_t *tp)
{
	return registered(tp) && (__atomic_load_n(tp, __ATOMIC_RELAXED) & TRACE_ENABLED);
}

rte_trace_point_t *rte_trace_point_lookup(const char *name)
{
	if (name == NULL)
		return NULL;
	for (unsigned int i = 0; i < npoints; i++)
		if (strcmp(points[i].name, name) == 0)
			return points[i].handle;
	return NULL;
}

void __rte_trace_mem_per_thread_alloc(void) {}

void __rte_trace_point_emit_field(size_t sz, const char *field, const char *type)
{
	RTE_SET_USED(sz);
	RTE_SET_USED(field);
	RTE_SET_USED(type);
}

bool rte_trace_is_enabled(void)
{
	for (unsigned int i = 0; i < npoints; i++)
		if (rte_trace_point_is_enabled(points[i].handle))
			return true;
	return false;
}

void rte_trace_mode_set(enum rte_trace_mode mode) { trace_mode = mode; }
enum rte_trace_mode rte_trace_mode_get(void) { return trace_mode; }

int rte_trace_pattern(const char *pattern, bool enable)
{
	if (pattern == NULL)
		return -EINVAL;
	int n = 0;
	for (unsigned int i = 0; i < npoints; i++)
		if (fnmatch(pattern, points[i].name, 0) == 0) {
			(enable ? rte_trace_point_enable : rte_trace_point_disable)(points[i].handle);
			n++;
		}
	return n;
}

int rte_trace_regexp(const char *regex, bool enable)
{
	regex_t r;
	if (regex == NULL || regcomp(&r, regex, 0) != 0)
		return -EINVAL;
	int n = 0;
	for (unsigned int i = 0; i < npoints; i++)
		if (regexec(&r, points[i].name, 0, NULL, 0) == 0) {
			(enable ? rte_trace_point_enable : rte_trace_point_disable)(points[i].handle);
			n++;
		}
	regfree(&r);
	return n;
}

int rte_trace_save(void) { return 0; }

int rte_trace_metadata_dump(FILE *f)
{
	if (f == NULL)
		return -EINVAL;
	fprintf(f, "/* dplite records no trace data */\n");
	return 0;
}

void rte_trace_dump(FILE *f)
{
	if (f == NULL)
		return;
	fprintf(f, "\nGlobal info\n");
	fprintf(f, "status = %s\n", rte_trace_is_enabled() ? "enabled" : "disabled");
	fprintf(f, "mode = %s\n", trace_mode == RTE_TRACE_MODE_OVERWRITE ? "overwrite" : "discard");
	fprintf(f, "trace points = %u\n", npoints);
	for (unsigned int i = 0; i < npoints; i++)
		fprintf(f, "  %s: %s\n", points[i].name,
			rte_trace_point_is_enabled(points[i].handle) ? "enabled" : "disabled");
}
