/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers for the telemetry tests: talk to this process's own telemetry
 * socket with the client code of dplite-info (app/dplite-info/telclient.c)
 * and check replies with its strict JSON reader (json.c). */
#ifndef DPLITE_TEL_TEST_H
#define DPLITE_TEL_TEST_H
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <rte_common.h>
#include <rte_eal.h>
#include "test.h"
#include "json.h"
#include "telclient.h"

#define TT_BUF (64 * 1024)

static inline void tt_path(char *buf, size_t len, int instance)
{
	if (instance > 0)
		snprintf(buf, len, "%s/dpdk_telemetry.v2:%d", rte_eal_get_runtime_dir(), instance);
	else
		snprintf(buf, len, "%s/dpdk_telemetry.v2", rte_eal_get_runtime_dir());
}

/* Connect to our own socket; exits on failure. */
static inline int tt_connect(void)
{
	char path[512], banner[1024];
	tt_path(path, sizeof(path), 0);
	int fd = tc_connect(path, banner, sizeof(banner), 10000);
	if (fd < 0) {
		fprintf(stderr, "FATAL: cannot connect to %s: %s\n", path, strerror(-fd));
		exit(1);
	}
	return fd;
}

/* Query and parse; returns the parsed reply (caller frees) or NULL, and
 * checks that it is {"<key>": data}. *data points inside it. */
static inline struct jv *tt_query(int fd, const char *req, const char *key, const struct jv **data)
{
	static char out[TT_BUF];
	ssize_t n = tc_query(fd, req, strlen(req), out, sizeof(out));
	*data = NULL;
	if (n < 0) {
		fprintf(stderr, "query %s: %s\n", req, strerror((int)-n));
		return NULL;
	}
	struct jv *v = jv_parse(out, (size_t)n);
	if (v == NULL) {
		fprintf(stderr, "query %s: invalid JSON: %.200s\n", req, out);
		return NULL;
	}
	if (v->t != JV_OBJ || v->n != 1 || (key && strcmp(v->keys[0], key) != 0)) {
		fprintf(stderr, "query %s: unexpected reply %.200s\n", req, out);
		jv_free(v);
		return NULL;
	}
	*data = &v->v[0];
	return v;
}
#endif
