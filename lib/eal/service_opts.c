/* SPDX-License-Identifier: BSD-3-Clause
 * -s SERVICE_COREMASK / -S SERVICE_CORELIST: which lcores become service
 * lcores at init. Only records them (process-local); service.c applies them.
 * Calls only rte_log and eal_cpu_detected (lower files). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <rte_config.h>
#include <rte_log.h>
#include "eal_private.h"
#include "eal_service.h"

static bool service_lcore[RTE_MAX_LCORE];

void eal_service_opt_reset(void)
{
	memset(service_lcore, 0, sizeof(service_lcore));
}

bool eal_service_opt_lcore(unsigned int lcore)
{
	return lcore < RTE_MAX_LCORE && service_lcore[lcore];
}

static int mark(char opt, unsigned long id)
{
	if (id >= RTE_MAX_LCORE || !eal_cpu_detected((unsigned int)id)) {
		EAL_LOG(ERR, "option -%c: lcore %lu unavailable\n", opt, id);
		return -1;
	}
	service_lcore[id] = true;
	return 0;
}

static int parse_mask(const char *arg)
{
	const char *p = arg;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	size_t len = strlen(p);
	bool any = false;
	if (len == 0)
		return -1;
	for (size_t k = 0; k < len; k++) {
		char c = p[len - 1 - k];
		int v;
		if (c >= '0' && c <= '9') v = c - '0';
		else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
		else return -1;
		for (int b = 0; b < 4; b++)
			if (v & (1 << b)) {
				if (mark('s', k * 4 + (size_t)b) < 0)
					return -2;
				any = true;
			}
	}
	return any ? 0 : -1;
}

static int parse_list(const char *arg)
{
	const char *p = arg;
	for (;;) {
		char *end;
		if (*p < '0' || *p > '9')
			return -1;
		unsigned long a = strtoul(p, &end, 10), b = a;
		p = end;
		if (*p == '-') {
			p++;
			if (*p < '0' || *p > '9')
				return -1;
			b = strtoul(p, &end, 10);
			p = end;
		}
		if (a > b)
			return -1;
		for (unsigned long i = a; i <= b; i++)
			if (mark('S', i) < 0)
				return -2;
		if (*p == '\0')
			return 0;
		if (*p != ',')
			return -1;
		p++;
	}
}

int eal_service_opt_parse(char opt, const char *arg)
{
	eal_service_opt_reset();
	int rc = opt == 's' ? parse_mask(arg) : parse_list(arg);
	if (rc == -1)
		EAL_LOG(ERR, "option -%c: invalid service %s '%s'\n", opt,
			opt == 's' ? "coremask" : "corelist", arg);
	if (rc < 0)
		eal_service_opt_reset();
	return rc < 0 ? -1 : 0;
}
