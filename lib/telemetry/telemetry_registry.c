/* SPDX-License-Identifier: BSD-3-Clause
 * The command registry and request handling: what a request means and what
 * its reply is, independent of any socket (the fuzz target drives it
 * directly). Depends on libc only.
 *
 * Registry: process-local array sorted by name, guarded by reg_lock;
 * callbacks are called without the lock, so one may register commands or
 * block without stopping other clients' lookups.
 * Requests, as DPDK 22.11 splits them (strtok on ','): leading commas are
 * skipped, the command runs to the next comma, the parameters are the rest
 * (NULL when empty). A request with a NUL byte or longer than
 * TEL_MAX_REQUEST is refused with null data, as is an unknown command. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_common.h>
#include <rte_version.h>
#include "telemetry_internal.h"

#define TEL_MAX_COMMANDS     1024

/* ---- registry ------------------------------------------------------------------- */
struct tel_cmd {
	char name[TEL_MAX_CMD_LEN];
	telemetry_cb fn;
	char help[RTE_TEL_MAX_STRING_LEN];
};
static struct tel_cmd *cmds;
static unsigned int ncmds, cmds_cap;
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;

int rte_telemetry_register_cmd(const char *cmd, telemetry_cb fn, const char *help)
{
	if (cmd == NULL || fn == NULL || help == NULL || cmd[0] != '/' ||
	    strnlen(cmd, TEL_MAX_CMD_LEN) >= TEL_MAX_CMD_LEN ||
	    strnlen(help, RTE_TEL_MAX_STRING_LEN) >= RTE_TEL_MAX_STRING_LEN)
		return -EINVAL;
	for (const char *p = cmd; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '/'))
			return -EINVAL;

	pthread_mutex_lock(&reg_lock);
	unsigned int i = 0;
	while (i < ncmds && strcmp(cmds[i].name, cmd) < 0)
		i++;
	if (i == ncmds || strcmp(cmds[i].name, cmd) != 0) {
		if (ncmds == cmds_cap) {
			unsigned int ncap = cmds_cap ? cmds_cap * 2 : 64;
			struct tel_cmd *n = ncap <= TEL_MAX_COMMANDS ?
					    realloc(cmds, ncap * sizeof(*n)) : NULL;
			if (n == NULL) {
				pthread_mutex_unlock(&reg_lock);
				return -ENOMEM;
			}
			cmds = n;
			cmds_cap = ncap;
		}
		memmove(&cmds[i + 1], &cmds[i], (ncmds - i) * sizeof(*cmds));
		ncmds++;
	}
	snprintf(cmds[i].name, sizeof(cmds[i].name), "%s", cmd);
	snprintf(cmds[i].help, sizeof(cmds[i].help), "%s", help);
	cmds[i].fn = fn;
	pthread_mutex_unlock(&reg_lock);
	return 0;
}

static telemetry_cb lookup(const char *cmd)
{
	telemetry_cb fn = NULL;
	pthread_mutex_lock(&reg_lock);
	for (unsigned int i = 0; i < ncmds; i++)
		if (strcmp(cmds[i].name, cmd) == 0) {
			fn = cmds[i].fn;
			break;
		}
	pthread_mutex_unlock(&reg_lock);
	return fn;
}

/* "/": every command, sorted. */
int tel_cmd_list(const char *cmd __rte_unused, const char *params __rte_unused,
		    struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	pthread_mutex_lock(&reg_lock);
	for (unsigned int i = 0; i < ncmds; i++)
		rte_tel_data_add_array_string(d, cmds[i].name);
	pthread_mutex_unlock(&reg_lock);
	return 0;
}

/* "/help[,cmd]": own help as a string, or {"<cmd>": help}. */
int tel_cmd_help(const char *cmd, const char *params, struct rte_tel_data *d)
{
	const char *want = params ? params : cmd;
	int ret = -ENOENT;
	pthread_mutex_lock(&reg_lock);
	for (unsigned int i = 0; i < ncmds; i++)
		if (strcmp(cmds[i].name, want) == 0) {
			if (params == NULL)
				ret = rte_tel_data_string(d, cmds[i].help);
			else {
				rte_tel_data_start_dict(d);
				ret = rte_tel_data_add_dict_string(d, cmds[i].name, cmds[i].help);
			}
			break;
		}
	pthread_mutex_unlock(&reg_lock);
	return ret < 0 ? ret : 0;
}

int tel_cmd_info(const char *cmd __rte_unused, const char *params __rte_unused,
		    struct rte_tel_data *d)
{
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "version", rte_version());
	rte_tel_data_add_dict_int(d, "pid", getpid());
	rte_tel_data_add_dict_int(d, "max_output_len", TEL_MAX_OUTPUT_LEN);
	return 0;
}

/* ---- requests --------------------------------------------------------------------- */
size_t tel_handle_request(const char *req, size_t n, char *out, size_t cap,
			  struct rte_tel_data *scratch)
{
	char cmd[TEL_MAX_CMD_LEN];
	char params[TEL_MAX_REQUEST];
	size_t i = 0, c0, clen;
	telemetry_cb fn = NULL;
	bool has_params = false;

	while (i < n && req[i] == ',')
		i++;
	c0 = i;
	while (i < n && req[i] != ',')
		i++;
	clen = i - c0;
	bool bad = n > TEL_MAX_REQUEST || memchr(req, '\0', n) != NULL;
	if (!bad && i < n && n - i - 1 > 0) {
		memcpy(params, req + i + 1, n - i - 1);
		params[n - i - 1] = '\0';
		has_params = true;
	}
	if (!bad && clen > 0 && clen < TEL_MAX_CMD_LEN) {
		memcpy(cmd, req + c0, clen);
		cmd[clen] = '\0';
		fn = lookup(cmd);
	}
	tel_data_reset(scratch);
	if (fn != NULL && fn(cmd, has_params ? params : NULL, scratch) < 0)
		tel_data_reset(scratch);
	size_t len = tel_json_reply(out, cap, req + c0, clen, fn ? scratch : NULL, NULL);
	tel_data_reset(scratch);   /* frees the containers the callback handed over */
	return len;
}

