/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers for the dplite-fwd and example tests: run a program as a real
 * process with a deadline and capture its output, write and read pcap files
 * by hand (no libpcap needed), and a small JSON parser so the --json shape is
 * checked without python.
 */
#ifndef DPLITE_FWDTEST_H
#define DPLITE_FWDTEST_H
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "test.h"

/* ---- processes ---------------------------------------------------------- */
struct run {
	pid_t pid;
	int out_fd, err_fd;
	char out[1 << 20], err[1 << 16];
	size_t out_len, err_len;
	int status;          /* raw wait status, valid after run_wait */
	int timed_out;
};

static inline long fwdt_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static inline int run_start(struct run *r, char *const argv[])
{
	int o[2], e[2];
	memset(r, 0, sizeof(*r));
	if (pipe(o) || pipe(e))
		return -1;
	r->pid = fork();
	if (r->pid < 0)
		return -1;
	if (r->pid == 0) {
		dup2(o[1], 1);
		dup2(e[1], 2);
		close(o[0]);
		close(e[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(o[1]);
	close(e[1]);
	r->out_fd = o[0];
	r->err_fd = e[0];
	return 0;
}

/* Read output until `needle` shows up in stdout (1), or EOF/timeout (0). */
static inline int run_pump(struct run *r, const char *needle, int timeout_ms)
{
	long end = fwdt_ms() + timeout_ms;
	for (;;) {
		if (needle && strstr(r->out, needle))
			return 1;
		long left = end - fwdt_ms();
		if (left <= 0 || (r->out_fd < 0 && r->err_fd < 0))
			return 0;
		struct pollfd pf[2] = { { r->out_fd, POLLIN, 0 }, { r->err_fd, POLLIN, 0 } };
		if (poll(pf, 2, (int)left) <= 0)
			continue;
		for (int i = 0; i < 2; i++) {
			if (!(pf[i].revents & (POLLIN | POLLHUP)))
				continue;
			char *buf = i ? r->err : r->out;
			size_t *len = i ? &r->err_len : &r->out_len;
			size_t cap = i ? sizeof(r->err) : sizeof(r->out);
			char tmp[4096];
			ssize_t n = read(i ? r->err_fd : r->out_fd, tmp, sizeof(tmp));
			if (n <= 0) {
				close(i ? r->err_fd : r->out_fd);
				if (i) r->err_fd = -1; else r->out_fd = -1;
				continue;
			}
			size_t k = (size_t)n < cap - 1 - *len ? (size_t)n : cap - 1 - *len;
			memcpy(buf + *len, tmp, k);
			*len += k;
			buf[*len] = '\0';
		}
	}
}

/* Collect everything and reap the process; kill it after timeout_ms.
 * Returns the exit code, 128+signal, or -1 on timeout. */
static inline int run_wait(struct run *r, int timeout_ms)
{
	run_pump(r, NULL, timeout_ms);
	long end = fwdt_ms() + 2000;
	for (;;) {
		pid_t w = waitpid(r->pid, &r->status, WNOHANG);
		if (w == r->pid)
			break;
		if (fwdt_ms() > end || r->out_fd >= 0 || r->err_fd >= 0) {
			r->timed_out = 1;
			kill(r->pid, SIGKILL);
			waitpid(r->pid, &r->status, 0);
			break;
		}
		usleep(10000);
	}
	if (r->out_fd >= 0) close(r->out_fd);
	if (r->err_fd >= 0) close(r->err_fd);
	if (r->timed_out)
		return -1;
	if (WIFEXITED(r->status))
		return WEXITSTATUS(r->status);
	return 128 + WTERMSIG(r->status);
}

/* argv: prog, --file-prefix, $DPLITE_TEST_EAL_ARGS, -l 0-1, eal..., --, app...
 * (eal and app NULL-terminated or NULL). */
static inline void fwdt_argv(char **argv, int max, const char *prog, const char *prefix,
			     const char *const *eal, const char *const *app)
{
	char *tmp[64];
	int n = test_eal_argv(tmp, 64, prefix, NULL), k = 0;
	argv[k++] = (char *)prog;
	for (int i = 1; i < n && k < max - 1; i++)
		argv[k++] = tmp[i];
	argv[k++] = (char *)"-l";
	argv[k++] = (char *)"0-1";
	argv[k++] = (char *)"--log-level=warning";
	for (int i = 0; eal && eal[i] && k < max - 2; i++)
		argv[k++] = (char *)eal[i];
	argv[k++] = (char *)"--";
	for (int i = 0; app && app[i] && k < max - 1; i++)
		argv[k++] = (char *)app[i];
	argv[k] = NULL;
}

/* stderr says a driver is absent (e.g. net_pcap without libpcap) */
static inline int fwdt_driver_missing(const struct run *r, const char *drv)
{
	return strstr(r->err, drv) != NULL &&
	       (strstr(r->err, "nknown") || strstr(r->err, "not found") || strstr(r->err, "no driver") ||
		strstr(r->err, "failed to init") || strstr(r->err, "not available"));
}

static inline const char *last_line(const char *s, char *buf, size_t len)
{
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '\n')
		n--;
	size_t b = n;
	while (b > 0 && s[b - 1] != '\n')
		b--;
	size_t k = n - b < len - 1 ? n - b : len - 1;
	memcpy(buf, s + b, k);
	buf[k] = '\0';
	return buf;
}

/* ---- pcap files (classic format, microseconds, Ethernet) ---------------------- */
struct pkt {
	uint16_t len;
	uint8_t data[1600];
};

static inline int pcap_write(const char *path, const struct pkt *p, unsigned int n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	uint32_t gh[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1 };
	fwrite(gh, sizeof(gh), 1, f);
	for (unsigned int i = 0; i < n; i++) {
		uint32_t rh[4] = { 1700000000u + i / 1000, (i % 1000) * 1000, p[i].len, p[i].len };
		fwrite(rh, sizeof(rh), 1, f);
		fwrite(p[i].data, p[i].len, 1, f);
	}
	return fclose(f);
}

/* Reads up to max records; returns the count or -1. Accepts both byte orders
 * and the nanosecond magic. */
static inline int pcap_read(const char *path, struct pkt *p, unsigned int max)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	uint32_t gh[6];
	if (fread(gh, sizeof(gh), 1, f) != 1) {
		fclose(f);
		return -1;
	}
	int swap = gh[0] == 0xd4c3b2a1 || gh[0] == 0x4d3cb2a1;
	if (!swap && gh[0] != 0xa1b2c3d4 && gh[0] != 0xa1b23c4d) {
		fclose(f);
		return -1;
	}
	unsigned int n = 0;
	uint32_t rh[4];
	while (n < max && fread(rh, sizeof(rh), 1, f) == 1) {
		uint32_t cl = swap ? __builtin_bswap32(rh[2]) : rh[2];
		if (cl > sizeof(p[n].data)) {
			fclose(f);
			return -1;
		}
		p[n].len = (uint16_t)cl;
		if (fread(p[n].data, 1, cl, f) != cl)
			break;
		n++;
	}
	fclose(f);
	return (int)n;
}

/* n packets of `flows` IPv4 flows (UDP, every third TCP), sizes 60..1514,
 * each carrying its own index in the payload so copies can be told apart. */
static inline void make_packets(struct pkt *p, unsigned int n, unsigned int flows)
{
	static const uint16_t sizes[] = { 60, 124, 300, 590, 1024, 1514 };
	for (unsigned int i = 0; i < n; i++) {
		unsigned int fl = i % flows;
		uint8_t *d = p[i].data;
		int tcp = fl % 3 == 2;
		uint16_t len = sizes[(i / flows + fl) % 6];
		memset(d, 0, len);
		p[i].len = len;
		memcpy(d, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00", 14);
		uint8_t *ip = d + 14;
		ip[0] = 0x45;
		ip[2] = (uint8_t)((len - 14) >> 8);
		ip[3] = (uint8_t)(len - 14);
		ip[8] = 64;
		ip[9] = tcp ? 6 : 17;
		uint8_t src[4] = { 198, 18, (uint8_t)(fl >> 8), (uint8_t)fl };
		uint8_t dst[4] = { 198, 19, (uint8_t)(fl * 7 >> 8), (uint8_t)(fl * 7) };
		memcpy(ip + 12, src, 4);
		memcpy(ip + 16, dst, 4);
		uint32_t sum = 0;
		for (int k = 0; k < 20; k += 2)
			sum += (uint32_t)(ip[k] << 8 | ip[k + 1]);
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		ip[10] = (uint8_t)(~sum >> 8);
		ip[11] = (uint8_t)~sum;
		uint8_t *l4 = ip + 20;
		uint16_t sp = (uint16_t)(1000 + fl), dp = (uint16_t)(53 + fl % 5);
		l4[0] = (uint8_t)(sp >> 8); l4[1] = (uint8_t)sp;
		l4[2] = (uint8_t)(dp >> 8); l4[3] = (uint8_t)dp;
		if (tcp)
			l4[12] = 0x50;
		else {
			l4[4] = (uint8_t)((len - 34) >> 8);
			l4[5] = (uint8_t)(len - 34);
		}
		uint8_t *pay = l4 + (tcp ? 20 : 8);
		memcpy(pay, &i, sizeof(i));        /* the packet's identity */
		for (uint8_t *q = pay + sizeof(i); q < d + len; q++)
			*q = (uint8_t)(q - d);
	}
}

static inline unsigned int pkt_id(const struct pkt *p)
{
	const uint8_t *ip = p->data + 14;
	const uint8_t *pay = ip + 20 + (ip[9] == 6 ? 20 : 8);
	unsigned int id;
	memcpy(&id, pay, sizeof(id));
	return id;
}

/* ---- JSON ------------------------------------------------------------------ */
enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };
struct jnode {
	enum jtype type;
	char key[64];         /* member name when the parent is an object */
	double num;
	char str[128];
	int parent, first_child, next;
};
#define JMAX 2048
struct jdoc {
	struct jnode n[JMAX];
	int count;
	const char *s;
	int err;
};

static inline void jws(struct jdoc *d) { while (isspace((unsigned char)*d->s)) d->s++; }

static inline int jstring(struct jdoc *d, char *out, size_t len)
{
	if (*d->s != '"')
		return -1;
	d->s++;
	size_t k = 0;
	while (*d->s && *d->s != '"') {
		char c = *d->s++;
		if ((unsigned char)c < 0x20)
			return -1;
		if (c == '\\') {
			c = *d->s++;
			if (c == 'u') {
				for (int i = 0; i < 4; i++)
					if (!isxdigit((unsigned char)*d->s++))
						return -1;
				c = '?';
			} else if (!strchr("\"\\/bfnrt", c) || c == '\0')
				return -1;
		}
		if (k + 1 < len)
			out[k++] = c;
	}
	if (*d->s != '"')
		return -1;
	d->s++;
	out[k] = '\0';
	return 0;
}

static inline int jvalue(struct jdoc *d, int parent, const char *key);

static inline int jnew(struct jdoc *d, enum jtype t, int parent, const char *key)
{
	if (d->count >= JMAX)
		return -1;
	int i = d->count++;
	memset(&d->n[i], 0, sizeof(d->n[i]));
	d->n[i].type = t;
	d->n[i].parent = parent;
	d->n[i].first_child = d->n[i].next = -1;
	if (key)
		snprintf(d->n[i].key, sizeof(d->n[i].key), "%s", key);
	if (parent >= 0) {
		int *link = &d->n[parent].first_child;
		while (*link >= 0)
			link = &d->n[*link].next;
		*link = i;
	}
	return i;
}

static inline int jvalue(struct jdoc *d, int parent, const char *key)
{
	jws(d);
	char c = *d->s;
	if (c == '{' || c == '[') {
		int me = jnew(d, c == '{' ? J_OBJ : J_ARR, parent, key);
		if (me < 0)
			return -1;
		d->s++;
		jws(d);
		if (*d->s == (c == '{' ? '}' : ']')) {
			d->s++;
			return me;
		}
		for (;;) {
			char k[64] = "";
			jws(d);
			if (c == '{') {
				if (jstring(d, k, sizeof(k)) < 0)
					return -1;
				jws(d);
				if (*d->s++ != ':')
					return -1;
			}
			if (jvalue(d, me, c == '{' ? k : NULL) < 0)
				return -1;
			jws(d);
			if (*d->s == ',') {
				d->s++;
				continue;
			}
			if (*d->s++ != (c == '{' ? '}' : ']'))
				return -1;
			return me;
		}
	}
	if (c == '"') {
		int me = jnew(d, J_STR, parent, key);
		return me < 0 || jstring(d, d->n[me].str, sizeof(d->n[me].str)) < 0 ? -1 : me;
	}
	if (!strncmp(d->s, "true", 4) || !strncmp(d->s, "null", 4) || !strncmp(d->s, "false", 5)) {
		int me = jnew(d, c == 'n' ? J_NULL : J_BOOL, parent, key);
		d->s += c == 'f' ? 5 : 4;
		return me;
	}
	if (c == '-' || isdigit((unsigned char)c)) {
		char *end;
		int me = jnew(d, J_NUM, parent, key);
		if (me < 0)
			return -1;
		d->n[me].num = strtod(d->s, &end);
		if (end == d->s)
			return -1;
		d->s = end;
		return me;
	}
	return -1;
}

/* Parse one complete JSON value; 0 on success. */
static inline int json_parse(struct jdoc *d, const char *text)
{
	d->count = 0;
	d->s = text;
	if (jvalue(d, -1, NULL) < 0)
		return -1;
	jws(d);
	return *d->s == '\0' ? 0 : -1;
}

/* Member `key` of object node `obj`, or -1. */
static inline int json_get(const struct jdoc *d, int obj, const char *key)
{
	for (int c = d->n[obj].first_child; c >= 0; c = d->n[c].next)
		if (strcmp(d->n[c].key, key) == 0)
			return c;
	return -1;
}

static inline int json_len(const struct jdoc *d, int arr)
{
	int n = 0;
	for (int c = d->n[arr].first_child; c >= 0; c = d->n[c].next)
		n++;
	return n;
}

static inline double json_num(const struct jdoc *d, int obj, const char *key)
{
	int c = json_get(d, obj, key);
	return c >= 0 && d->n[c].type == J_NUM ? d->n[c].num : -1;
}
#endif
