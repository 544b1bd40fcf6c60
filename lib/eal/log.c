/* SPDX-License-Identifier: BSD-3-Clause
 * Logging: a table of log types (static ones first, then names registered at
 * run time), a global level, and one output stream.
 *
 * Invariants: a message is printed when its level <= the global level AND
 * <= its type's level. Registration and level changes take log_lock; the
 * print path reads levels without the lock (a racing level change may let
 * one message through or hold one back, never crash). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fnmatch.h>
#include <regex.h>
#include <pthread.h>
#include <rte_log.h>
#include <rte_errno.h>
#include <rte_debug.h>
#include "eal_private.h"

struct log_type {
	char *name;          /* NULL for unused static slots */
	uint32_t level;
};

#define LOG_TYPES_MAX 512
static struct log_type log_types[LOG_TYPES_MAX];
static unsigned int log_types_n = RTE_LOGTYPE_FIRST_EXT_ID;
static uint32_t log_global_level = RTE_LOG_DEBUG;
static FILE *log_stream;            /* NULL: stderr */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static __thread struct { int level, type; } log_cur = { -1, -1 };

/* Levels given with --log-level before a type is registered are remembered
 * as patterns and applied when the name appears. */
struct log_pattern {
	char *pattern;
	bool is_regex;
	uint32_t level;
};
static struct log_pattern log_patterns[64];
static unsigned int log_patterns_n;

static const char *const static_names[RTE_LOGTYPE_FIRST_EXT_ID] = {
	[RTE_LOGTYPE_EAL] = "lib.eal", [RTE_LOGTYPE_MALLOC] = "lib.malloc",
	[RTE_LOGTYPE_RING] = "lib.ring", [RTE_LOGTYPE_MEMPOOL] = "lib.mempool",
	[RTE_LOGTYPE_TIMER] = "lib.timer", [RTE_LOGTYPE_PMD] = "pmd",
	[RTE_LOGTYPE_HASH] = "lib.hash", [RTE_LOGTYPE_LPM] = "lib.lpm",
	[RTE_LOGTYPE_KNI] = "lib.kni", [RTE_LOGTYPE_ACL] = "lib.acl",
	[RTE_LOGTYPE_POWER] = "lib.power", [RTE_LOGTYPE_METER] = "lib.meter",
	[RTE_LOGTYPE_SCHED] = "lib.sched", [RTE_LOGTYPE_PORT] = "lib.port",
	[RTE_LOGTYPE_TABLE] = "lib.table", [RTE_LOGTYPE_PIPELINE] = "lib.pipeline",
	[RTE_LOGTYPE_MBUF] = "lib.mbuf", [RTE_LOGTYPE_CRYPTODEV] = "lib.cryptodev",
	[RTE_LOGTYPE_EFD] = "lib.efd", [RTE_LOGTYPE_EVENTDEV] = "lib.eventdev",
	[RTE_LOGTYPE_GSO] = "lib.gso",
	[RTE_LOGTYPE_USER1] = "user1", [RTE_LOGTYPE_USER2] = "user2",
	[RTE_LOGTYPE_USER3] = "user3", [RTE_LOGTYPE_USER4] = "user4",
	[RTE_LOGTYPE_USER5] = "user5", [RTE_LOGTYPE_USER6] = "user6",
	[RTE_LOGTYPE_USER7] = "user7", [RTE_LOGTYPE_USER8] = "user8",
};

RTE_INIT_PRIO(log_static_init, LOG)
{
	for (unsigned int i = 0; i < RTE_LOGTYPE_FIRST_EXT_ID; i++) {
		log_types[i].name = (char *)static_names[i];
		log_types[i].level = RTE_LOG_INFO;
	}
}

int rte_openlog_stream(FILE *f)
{
	log_stream = f;
	return 0;
}

FILE *rte_log_get_stream(void)
{
	return log_stream ? log_stream : stderr;
}

void rte_log_set_global_level(uint32_t level)
{
	log_global_level = level;
}

uint32_t rte_log_get_global_level(void)
{
	return log_global_level;
}

int rte_log_get_level(uint32_t type)
{
	if (type >= log_types_n)
		return -1;
	return (int)log_types[type].level;
}

bool rte_log_can_log(uint32_t type, uint32_t level)
{
	if (level > log_global_level)
		return false;
	if (type >= log_types_n)
		return false;
	return level <= log_types[type].level;
}

int rte_log_set_level(uint32_t type, uint32_t level)
{
	if (type >= log_types_n || level > RTE_LOG_MAX)
		return -1;
	log_types[type].level = level;
	return 0;
}

static bool pattern_matches(const struct log_pattern *p, const char *name)
{
	if (!p->is_regex)
		return fnmatch(p->pattern, name, 0) == 0;
	regex_t re;
	if (regcomp(&re, p->pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	bool m = regexec(&re, name, 0, NULL, 0) == 0;
	regfree(&re);
	return m;
}

static int set_level_matching(const char *pattern, bool is_regex, uint32_t level)
{
	if (pattern == NULL || level > RTE_LOG_MAX)
		return -1;
	struct log_pattern p = { (char *)pattern, is_regex, level };
	if (is_regex) {
		regex_t re;
		if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
			return -1;
		regfree(&re);
	}
	pthread_mutex_lock(&log_lock);
	for (unsigned int i = 0; i < log_types_n; i++)
		if (log_types[i].name && pattern_matches(&p, log_types[i].name))
			log_types[i].level = level;
	if (log_patterns_n < RTE_DIM(log_patterns)) {
		char *copy = strdup(pattern);
		if (copy) {
			log_patterns[log_patterns_n].pattern = copy;
			log_patterns[log_patterns_n].is_regex = is_regex;
			log_patterns[log_patterns_n].level = level;
			log_patterns_n++;
		}
	}
	pthread_mutex_unlock(&log_lock);
	return 0;
}

int rte_log_set_level_pattern(const char *pattern, uint32_t level)
{
	return set_level_matching(pattern, false, level);
}

int rte_log_set_level_regexp(const char *regex, uint32_t level)
{
	return set_level_matching(regex, true, level);
}

int rte_log_cur_msg_loglevel(void) { return log_cur.level; }
int rte_log_cur_msg_logtype(void) { return log_cur.type; }

static int log_lookup_locked(const char *name)
{
	for (unsigned int i = 0; i < log_types_n; i++)
		if (log_types[i].name && strcmp(log_types[i].name, name) == 0)
			return (int)i;
	return -1;
}

int rte_log_register_type_and_pick_level(const char *name, uint32_t level_def)
{
	int id;

	if (name == NULL)
		return -EINVAL;
	pthread_mutex_lock(&log_lock);
	id = log_lookup_locked(name);
	if (id < 0) {
		if (log_types_n >= LOG_TYPES_MAX) {
			pthread_mutex_unlock(&log_lock);
			return -ENOSPC;
		}
		char *copy = strdup(name);
		if (copy == NULL) {
			pthread_mutex_unlock(&log_lock);
			return -ENOMEM;
		}
		id = (int)log_types_n;
		log_types[id].name = copy;
		log_types[id].level = level_def;
		/* later patterns win, as they would have had the type existed */
		for (unsigned int i = 0; i < log_patterns_n; i++)
			if (pattern_matches(&log_patterns[i], copy))
				log_types[id].level = log_patterns[i].level;
		__atomic_store_n(&log_types_n, log_types_n + 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&log_lock);
	return id;
}

int rte_log_register(const char *name)
{
	return rte_log_register_type_and_pick_level(name, RTE_LOG_INFO);
}

static const char *level_name(uint32_t l)
{
	static const char *const names[] = { "disabled", "emergency", "alert", "critical",
					     "error", "warning", "notice", "info", "debug" };
	return l < RTE_DIM(names) ? names[l] : "unknown";
}

void rte_log_dump(FILE *f)
{
	fprintf(f, "global log level is %s\n", level_name(log_global_level));
	for (unsigned int i = 0; i < log_types_n; i++)
		if (log_types[i].name)
			fprintf(f, "id %u: %s, level is %s\n", i, log_types[i].name,
				level_name(log_types[i].level));
}

void rte_log_list_types(FILE *out, const char *prefix)
{
	if (out == NULL)
		return;
	for (unsigned int i = 0; i < log_types_n; i++)
		if (log_types[i].name)
			fprintf(out, "%s%s\n", prefix ? prefix : "", log_types[i].name);
}

int rte_vlog(uint32_t level, uint32_t type, const char *format, va_list ap)
{
	if (!rte_log_can_log(type, level))
		return 0;
	FILE *f = rte_log_get_stream();
	log_cur.level = (int)level;
	log_cur.type = (int)type;
	int ret = vfprintf(f, format, ap);
	fflush(f);
	return ret;
}

int rte_log(uint32_t level, uint32_t type, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int ret = rte_vlog(level, type, format, ap);
	va_end(ap);
	return ret;
}

/* "--log-level" forms: "<n>", "<pattern>:<n|name>", "<regex>,<n|name>". */
static int parse_level_value(const char *s)
{
	static const char *const names[] = { NULL, "emergency", "alert", "critical",
					     "error", "warning", "notice", "info", "debug" };
	char *end;
	long v = strtol(s, &end, 10);
	if (*s && *end == '\0')
		return (v >= 0 && v <= (long)RTE_LOG_MAX) ? (int)v : -1;
	for (unsigned int i = 1; i < RTE_DIM(names); i++)
		if (strcasecmp(s, names[i]) == 0 || strncasecmp(s, names[i], 3) == 0)
			return (int)i;
	return -1;
}

int eal_parse_log_level(const char *arg)
{
	char *copy = strdup(arg), *sep;
	int level, ret = 0;

	if (copy == NULL)
		return -ENOMEM;
	if ((sep = strchr(copy, ':')) != NULL || (sep = strchr(copy, ',')) != NULL) {
		bool is_regex = *sep == ',';
		*sep = '\0';
		level = parse_level_value(sep + 1);
		if (level < 0 || copy[0] == '\0' ||
		    set_level_matching(copy, is_regex, (uint32_t)level) < 0)
			ret = -EINVAL;
	} else {
		level = parse_level_value(copy);
		if (level < 0)
			ret = -EINVAL;
		else
			rte_log_set_global_level((uint32_t)level);
	}
	free(copy);
	return ret;
}
