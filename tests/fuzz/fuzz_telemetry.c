/* SPDX-License-Identifier: BSD-3-Clause
 * Fuzz target for the telemetry request parser and JSON writer
 * (lib/telemetry/telemetry_registry.c, telemetry_data.c, telemetry_json.c;
 * they depend on libc only, so no EAL is needed).
 *
 * Input byte 0 picks the mode:
 *   even: the rest is one raw request, answered with the built-in commands
 *         and a fuzz-built one;
 *   odd:  the rest is a program for the builders (see build()), replied to
 *         through "/f" with an output limit taken from byte 1.
 * Every reply must be valid JSON (app/dplite-info/json.c, a strict reader)
 * of the form {"key": data}, NUL-terminated, and shorter than its limit.
 *
 * Built two ways: with clang -fsanitize=fuzzer (tests/fuzz/run.sh) and,
 * with FUZZ_STANDALONE, as a plain program that replays the seed corpus and
 * pseudo-random inputs (a ctest test, any compiler). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_telemetry.h>
#include "telemetry_internal.h"
#include "json.h"

static const uint8_t *prog;
static struct rte_tel_data *kept[64];   /* keep = 1 containers: ours until the reply is out */
static unsigned int nkept;
static size_t prog_len, prog_pos;

static int next(void)
{
	return prog_pos < prog_len ? prog[prog_pos++] : -1;
}

/* A string of up to 200 arbitrary bytes from the program (NUL-terminated). */
static const char *take_str(char *buf)
{
	int n = next();
	size_t i = 0;
	if (n < 0)
		n = 0;
	n %= 200;
	for (; i < (size_t)n && prog_pos < prog_len; i++) {
		buf[i] = (char)prog[prog_pos++];
		if (buf[i] == '\0')
			buf[i] = '\x01';
	}
	buf[i] = '\0';
	return buf;
}

static void build(struct rte_tel_data *d, int depth)
{
	char s[256], name[256];
	int op;
	while ((op = next()) >= 0) {
		switch (op % 12) {
		case 0: rte_tel_data_start_dict(d); break;
		case 1: rte_tel_data_start_array(d, (enum rte_tel_value_type)(next() & 3)); break;
		case 2: rte_tel_data_string(d, take_str(s)); break;
		case 3: rte_tel_data_add_array_string(d, take_str(s)); break;
		case 4: rte_tel_data_add_array_int(d, next() * 1000003 - 77); break;
		case 5: rte_tel_data_add_array_u64(d, (uint64_t)next() * 0x9e3779b97f4a7c15ull); break;
		case 6: take_str(name); rte_tel_data_add_dict_string(d, name, take_str(s)); break;
		case 7: rte_tel_data_add_dict_int(d, take_str(name), -next()); break;
		case 8: rte_tel_data_add_dict_u64(d, take_str(name), UINT64_MAX - (uint64_t)next()); break;
		case 9:
		case 10: {
			if (depth >= 4)
				break;
			struct rte_tel_data *c = rte_tel_data_alloc();
			if (c == NULL)
				return;
			build(c, depth + 1);
			int keep = (next() & 1) && nkept < 64, rc;
			if (op % 12 == 9)
				rc = rte_tel_data_add_array_container(d, c, keep);
			else
				rc = rte_tel_data_add_dict_container(d, take_str(name), c, keep);
			if (rc < 0)
				rte_tel_data_free(c);   /* not handed over, not referenced */
			else if (keep)
				kept[nkept++] = c;
			break;
		}
		case 11:
			if (depth > 0)
				return;               /* close this container */
			for (int i = next(); i > 0; i--)   /* many entries at once */
				rte_tel_data_add_array_int(d, i);
			break;
		}
	}
}

static int fuzz_cmd(const char *cmd, const char *params, struct rte_tel_data *d)
{
	(void)cmd;
	(void)params;
	build(d, 0);
	return 0;
}

static void check_reply(const char *out, size_t len, size_t cap)
{
	if (len >= cap || out[len] != '\0' || strlen(out) != len)
		abort();
	struct jv *v = jv_parse(out, len);
	if (v == NULL || v->t != JV_OBJ || v->n != 1) {
		fprintf(stderr, "invalid reply: %s\n", out);
		abort();
	}
	jv_free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rte_tel_data *scratch;
	static char *out;
	static int ready;
	if (!ready) {
		rte_telemetry_register_cmd("/", tel_cmd_list, "list");
		rte_telemetry_register_cmd("/help", tel_cmd_help, "help");
		rte_telemetry_register_cmd("/info", tel_cmd_info, "info");
		rte_telemetry_register_cmd("/f", fuzz_cmd, "fuzz-built reply");
		scratch = rte_tel_data_alloc();
		out = malloc(TEL_MAX_OUTPUT_LEN);
		ready = 1;
	}
	if (size == 0)
		return 0;
	size_t len, cap = TEL_MAX_OUTPUT_LEN;
	if ((data[0] & 1) == 0) {
		prog = data;
		prog_len = 0;
		prog_pos = 0;
		len = tel_handle_request((const char *)data + 1, size - 1, out, cap, scratch);
	} else {
		if (size >= 2)
			cap = 16 + (size_t)data[1] * 64;
		prog = data + 2;
		prog_len = size > 2 ? size - 2 : 0;
		prog_pos = 0;
		len = tel_handle_request("/f", 2, out, cap, scratch);
	}
	check_reply(out, len, cap);
	while (nkept > 0)
		rte_tel_data_free(kept[--nkept]);
	return 0;
}

#ifdef FUZZ_STANDALONE
#include <dirent.h>
int main(int argc, char **argv)
{
	uint8_t buf[4096];
	int files = 0;
	for (int a = 1; a < argc; a++) {
		DIR *dir = opendir(argv[a]);
		struct dirent *e;
		while (dir && (e = readdir(dir)) != NULL) {
			char path[4096];
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[a], e->d_name);
			FILE *f = fopen(path, "rb");
			if (f == NULL)
				continue;
			size_t n = fread(buf, 1, sizeof(buf), f);
			fclose(f);
			LLVMFuzzerTestOneInput(buf, n);
			files++;
		}
		if (dir)
			closedir(dir);
	}
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 20000; i++) {
		size_t n = (size_t)(i % 600) + 1;
		for (size_t k = 0; k < n; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[k] = (uint8_t)x;
		}
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("replayed %d corpus files and 20000 random inputs\n", files);
	return 0;
}
#endif
