/* SPDX-License-Identifier: BSD-3-Clause
 * rte_tel_data containers: the builders a command callback calls.
 *
 * Layout (telemetry_internal.h): kind, entry array e[0..n) with capacity cap,
 * string pool with names and string values. Limits are DPDK 22.11's: 512
 * array entries, 256 dict entries, strings and names shorter than
 * RTE_TEL_MAX_STRING_LEN, one string reply shorter than
 * RTE_TEL_MAX_SINGLE_STRING_LEN. Invariants: every pool offset in e[] is
 * below plen and names a NUL-terminated string; a container entry with
 * keep == 0 is owned by this container and freed with it (reset/release). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "telemetry_internal.h"

#define TEL_POOL_MAX ((size_t)UINT32_MAX)

/* Copy str (at most max - 1 bytes) into the pool; *off = its offset.
 * Returns 0, E2BIG when shortened, -ENOMEM. */
static int pool_add(struct rte_tel_data *d, const char *str, size_t max, uint32_t *off)
{
	size_t l = strnlen(str, max);
	int ret = 0;
	if (l >= max) {
		l = max - 1;
		ret = E2BIG;
	}
	if (d->plen + l + 1 > d->pcap) {
		size_t ncap = d->pcap ? d->pcap : 256;
		while (ncap < d->plen + l + 1)
			ncap *= 2;
		if (ncap > TEL_POOL_MAX)
			return -ENOMEM;
		char *p = realloc(d->pool, ncap);
		if (p == NULL)
			return -ENOMEM;
		d->pool = p;
		d->pcap = ncap;
	}
	memcpy(d->pool + d->plen, str, l);
	d->pool[d->plen + l] = '\0';
	*off = (uint32_t)d->plen;
	d->plen += l + 1;
	return ret;
}

/* Room for one more entry in a container limited to max entries. */
static int entry_room(struct rte_tel_data *d, unsigned int max)
{
	if (d->n >= max)
		return -ENOSPC;
	if (d->n == d->cap) {
		unsigned int ncap = d->cap ? d->cap * 2 : 16;
		if (ncap > max)
			ncap = max;
		struct tel_entry *e = realloc(d->e, ncap * sizeof(*e));
		if (e == NULL)
			return -ENOMEM;
		d->e = e;
		d->cap = ncap;
	}
	return 0;
}

static void free_owned(struct rte_tel_data *d, int depth)
{
	if (d->kind != TEL_DICT && d->kind != TEL_ARRAY)
		return;
	for (unsigned int i = 0; i < d->n; i++) {
		struct tel_entry *x = &d->e[i];
		if (x->type == RTE_TEL_CONTAINER && !x->keep && x->v.c != NULL && x->v.c != d) {
			if (depth < TEL_MAX_DEPTH)
				free_owned(x->v.c, depth + 1);
			free(x->v.c->e);
			free(x->v.c->pool);
			free(x->v.c);
		}
	}
}

void tel_data_reset(struct rte_tel_data *d)
{
	free_owned(d, 0);
	d->kind = TEL_NULL;
	d->n = 0;
	d->plen = 0;
}

void tel_data_release(struct rte_tel_data *d)
{
	tel_data_reset(d);
	free(d->e);
	free(d->pool);
	d->e = NULL;
	d->pool = NULL;
	d->cap = 0;
	d->pcap = 0;
}

int rte_tel_data_start_array(struct rte_tel_data *d, enum rte_tel_value_type type)
{
	if (d == NULL || (unsigned int)type > RTE_TEL_CONTAINER)
		return -EINVAL;
	tel_data_reset(d);
	d->kind = TEL_ARRAY;
	d->atype = type;
	return 0;
}

int rte_tel_data_start_dict(struct rte_tel_data *d)
{
	if (d == NULL)
		return -EINVAL;
	tel_data_reset(d);
	d->kind = TEL_DICT;
	return 0;
}

int rte_tel_data_string(struct rte_tel_data *d, const char *str)
{
	uint32_t off;
	if (d == NULL || str == NULL)
		return -EINVAL;
	tel_data_reset(d);
	int ret = pool_add(d, str, RTE_TEL_MAX_SINGLE_STRING_LEN, &off);
	if (ret < 0)
		return ret;
	d->kind = TEL_STRING;
	return ret;
}

static int array_add(struct rte_tel_data *d, enum rte_tel_value_type type, struct tel_entry *x)
{
	if (d == NULL || d->kind != TEL_ARRAY || d->atype != type)
		return -EINVAL;
	int ret = entry_room(d, RTE_TEL_MAX_ARRAY_ENTRIES);
	if (ret < 0)
		return ret;
	x->type = (uint8_t)type;
	d->e[d->n++] = *x;
	return 0;
}

int rte_tel_data_add_array_string(struct rte_tel_data *d, const char *str)
{
	struct tel_entry x = { 0 };
	if (str == NULL || d == NULL || d->kind != TEL_ARRAY || d->atype != RTE_TEL_STRING_VAL)
		return -EINVAL;
	if (d->n >= RTE_TEL_MAX_ARRAY_ENTRIES)
		return -ENOSPC;
	int trunc = pool_add(d, str, RTE_TEL_MAX_STRING_LEN, &x.v.s);
	if (trunc < 0)
		return trunc;
	int ret = array_add(d, RTE_TEL_STRING_VAL, &x);
	return ret < 0 ? ret : trunc;
}

int rte_tel_data_add_array_int(struct rte_tel_data *d, int v)
{
	struct tel_entry x = { .v.i = v };
	return array_add(d, RTE_TEL_INT_VAL, &x);
}

int rte_tel_data_add_array_u64(struct rte_tel_data *d, uint64_t v)
{
	struct tel_entry x = { .v.u = v };
	return array_add(d, RTE_TEL_U64_VAL, &x);
}

static int array_add_container(struct rte_tel_data *d, struct rte_tel_data *val, int keep,
			       bool dicts_too)
{
	if (val == NULL || val == d)
		return -EINVAL;
	if (val->kind != TEL_ARRAY && !(dicts_too && val->kind == TEL_DICT))
		return -EINVAL;
	if (val->kind == TEL_ARRAY && val->atype == RTE_TEL_CONTAINER && !dicts_too)
		return -EINVAL;
	struct tel_entry x = { .keep = keep != 0, .v.c = val };
	return array_add(d, RTE_TEL_CONTAINER, &x);
}

int rte_tel_data_add_array_container(struct rte_tel_data *d, struct rte_tel_data *val, int keep)
{
	return array_add_container(d, val, keep, false);
}

int tel_array_add_container_any(struct rte_tel_data *d, struct rte_tel_data *val, int keep)
{
	return array_add_container(d, val, keep, true);
}

static bool valid_name(const char *name)
{
	for (; *name; name++) {
		char c = *name;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '/'))
			return false;
	}
	return true;
}

/* Add one dict entry; x holds the value (string values already pooled). */
static int dict_add(struct rte_tel_data *d, const char *name, bool check_name,
		    enum rte_tel_value_type type, struct tel_entry *x)
{
	if (d == NULL || name == NULL || d->kind != TEL_DICT || (check_name && !valid_name(name)))
		return -EINVAL;
	int ret = entry_room(d, RTE_TEL_MAX_DICT_ENTRIES);
	if (ret < 0)
		return ret;
	int trunc = pool_add(d, name, RTE_TEL_MAX_STRING_LEN, &x->name);
	if (trunc < 0)
		return trunc;
	x->type = (uint8_t)type;
	d->e[d->n++] = *x;
	return trunc;
}

int rte_tel_data_add_dict_string(struct rte_tel_data *d, const char *name, const char *val)
{
	struct tel_entry x = { 0 };
	if (d == NULL || name == NULL || val == NULL || d->kind != TEL_DICT || !valid_name(name))
		return -EINVAL;
	if (d->n >= RTE_TEL_MAX_DICT_ENTRIES)
		return -ENOSPC;
	int t1 = pool_add(d, val, RTE_TEL_MAX_STRING_LEN, &x.v.s);
	if (t1 < 0)
		return t1;
	int t2 = dict_add(d, name, true, RTE_TEL_STRING_VAL, &x);
	return t2 < 0 ? t2 : (t1 | t2);
}

int rte_tel_data_add_dict_int(struct rte_tel_data *d, const char *name, int val)
{
	struct tel_entry x = { .v.i = val };
	return dict_add(d, name, true, RTE_TEL_INT_VAL, &x);
}

int rte_tel_data_add_dict_u64(struct rte_tel_data *d, const char *name, uint64_t val)
{
	struct tel_entry x = { .v.u = val };
	return dict_add(d, name, true, RTE_TEL_U64_VAL, &x);
}

int tel_dict_add_u64_anyname(struct rte_tel_data *d, const char *name, uint64_t val)
{
	struct tel_entry x = { .v.u = val };
	return dict_add(d, name, false, RTE_TEL_U64_VAL, &x);
}

static int dict_add_container(struct rte_tel_data *d, const char *name, struct rte_tel_data *val,
			      int keep, bool check_name)
{
	if (val == NULL || val == d || (val->kind != TEL_ARRAY && val->kind != TEL_DICT))
		return -EINVAL;
	struct tel_entry x = { .keep = keep != 0, .v.c = val };
	return dict_add(d, name, check_name, RTE_TEL_CONTAINER, &x);
}

int rte_tel_data_add_dict_container(struct rte_tel_data *d, const char *name,
				    struct rte_tel_data *val, int keep)
{
	return dict_add_container(d, name, val, keep, true);
}

int tel_dict_add_container_anyname(struct rte_tel_data *d, const char *name,
				   struct rte_tel_data *val, int keep)
{
	return dict_add_container(d, name, val, keep, false);
}

struct rte_tel_data *rte_tel_data_alloc(void)
{
	return calloc(1, sizeof(struct rte_tel_data));
}

void rte_tel_data_free(struct rte_tel_data *data)
{
	if (data == NULL)
		return;
	tel_data_release(data);
	free(data);
}
