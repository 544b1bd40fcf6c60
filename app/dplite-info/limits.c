/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-info limits: attach to the running primary as a secondary and print
 * every maximum of the memory layers (rte_dplite_limits()) with its current
 * use in the prefix and how many requests were refused at it:
 *
 *   LIMIT                              MAX          USED  HITS  KIND     NOTE
 *   memzones                         32768            12     0  build    EAL_MZ_CAP; ...
 *
 * "-" for MAX means no limit, for HITS that refusals are not counted there.
 * --json: an array of {"name", "unit", "max", "used", "hits", "compile_time",
 * "note"} objects (max/hits null when absent). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <rte_dplite_explain.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include "info.h"

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++)
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	putchar('"');
}

int info_limits(const char *prefix, const char *prg, bool json)
{
	if (info_attach(prefix, prg) != 0)
		return 1;
	int n = rte_dplite_limits(NULL, 0);
	struct rte_dplite_limit *tab = n > 0 ? calloc((size_t)n, sizeof(*tab)) : NULL;
	if (tab == NULL || rte_dplite_limits(tab, (unsigned int)n) < 0) {
		fprintf(stderr, "dplite-info: limits: %s\n", rte_strerror(n < 0 ? -n : ENOMEM));
		free(tab);
		rte_eal_cleanup();
		return 1;
	}
	if (json) {
		printf("[");
		for (int i = 0; i < n; i++) {
			const struct rte_dplite_limit *l = &tab[i];
			printf("%s{\"name\": ", i ? ", " : "");
			json_str(l->name);
			printf(", \"unit\": ");
			json_str(l->unit);
			if (l->max == UINT64_MAX)
				printf(", \"max\": null");
			else
				printf(", \"max\": %" PRIu64, l->max);
			printf(", \"used\": %" PRIu64, l->used);
			if (l->hits == UINT64_MAX)
				printf(", \"hits\": null");
			else
				printf(", \"hits\": %" PRIu64, l->hits);
			printf(", \"compile_time\": %s, \"note\": ", l->compile_time ? "true" : "false");
			json_str(l->note);
			printf("}");
		}
		printf("]\n");
	} else {
		printf("%-34s %14s %14s %6s %-8s %-9s %s\n", "LIMIT", "MAX", "USED", "HITS", "UNIT",
		       "SET", "NOTE");
		for (int i = 0; i < n; i++) {
			const struct rte_dplite_limit *l = &tab[i];
			char mx[32], hits[32];
			if (l->max == UINT64_MAX)
				snprintf(mx, sizeof(mx), "-");
			else
				snprintf(mx, sizeof(mx), "%" PRIu64, l->max);
			if (l->hits == UINT64_MAX)
				snprintf(hits, sizeof(hits), "-");
			else
				snprintf(hits, sizeof(hits), "%" PRIu64, l->hits);
			printf("%-34s %14s %14" PRIu64 " %6s %-8s %-9s %s\n", l->name, mx, l->used, hits,
			       l->unit, l->compile_time ? "build" : "run-time", l->note);
		}
	}
	free(tab);
	rte_eal_cleanup();
	return 0;
}
