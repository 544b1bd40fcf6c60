/* SPDX-License-Identifier: BSD-3-Clause
 * "key=value,key=value" lists (rte_kvargs.h) for driver arguments.
 * Owns nothing shared; each rte_kvargs holds one copy of the string that its
 * key/value pointers point into. A value may contain commas inside [ ]
 * ("key=[a,b]"), as DPDK allows. Depends on libc only. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <rte_kvargs.h>

static int key_valid(const char *key, const char *const valid[])
{
	if (valid == NULL)
		return 1;
	for (; *valid != NULL; valid++)
		if (strcmp(key, *valid) == 0)
			return 1;
	return 0;
}

struct rte_kvargs *rte_kvargs_parse(const char *args, const char *const valid_keys[])
{
	struct rte_kvargs *kv;
	char *s;

	if (args == NULL)
		return NULL;
	kv = calloc(1, sizeof(*kv));
	if (kv == NULL)
		return NULL;
	kv->str = strdup(args);
	if (kv->str == NULL)
		goto fail;
	s = kv->str;
	while (*s != '\0') {
		char *key = s, *val = NULL, *end;
		int depth = 0;

		for (end = s; *end != '\0'; end++) {
			if (*end == '[')
				depth++;
			else if (*end == ']' && depth > 0)
				depth--;
			else if (*end == ',' && depth == 0)
				break;
			else if (*end == '=' && val == NULL && depth == 0)
				val = end;
		}
		if (*end == ',')
			*end++ = '\0';
		if (val != NULL)
			*val++ = '\0';
		if (key[0] == '\0') {
			if (val != NULL)
				goto fail;      /* "=value" */
			s = end;
			continue;           /* empty item (",,") */
		}
		if (kv->count >= RTE_KVARGS_MAX || !key_valid(key, valid_keys))
			goto fail;
		kv->pairs[kv->count].key = key;
		kv->pairs[kv->count].value = val ? val : (char *)"";
		kv->count++;
		s = end;
	}
	return kv;
fail:
	rte_kvargs_free(kv);
	return NULL;
}

struct rte_kvargs *rte_kvargs_parse_delim(const char *args, const char *const valid_keys[],
					  const char *valid_ends)
{
	struct rte_kvargs *kv;
	char *copy;
	size_t n;

	if (args == NULL)
		return NULL;
	if (valid_ends == NULL)
		return rte_kvargs_parse(args, valid_keys);
	n = strcspn(args, valid_ends);
	copy = strndup(args, n);
	if (copy == NULL)
		return NULL;
	kv = rte_kvargs_parse(copy, valid_keys);
	free(copy);
	return kv;
}

void rte_kvargs_free(struct rte_kvargs *kvlist)
{
	if (kvlist == NULL)
		return;
	free(kvlist->str);
	free(kvlist);
}

const char *rte_kvargs_get_with_value(const struct rte_kvargs *kvlist, const char *key,
				      const char *value)
{
	if (kvlist == NULL)
		return NULL;
	for (unsigned i = 0; i < kvlist->count; i++) {
		if (key != NULL && strcmp(kvlist->pairs[i].key, key) != 0)
			continue;
		if (value != NULL && strcmp(kvlist->pairs[i].value, value) != 0)
			continue;
		return kvlist->pairs[i].value;
	}
	return NULL;
}

const char *rte_kvargs_get(const struct rte_kvargs *kvlist, const char *key)
{
	if (kvlist == NULL || key == NULL)
		return NULL;
	return rte_kvargs_get_with_value(kvlist, key, NULL);
}

int rte_kvargs_process(const struct rte_kvargs *kvlist, const char *key_match,
		       arg_handler_t handler, void *opaque_arg)
{
	if (kvlist == NULL || handler == NULL)
		return -1;
	for (unsigned i = 0; i < kvlist->count; i++) {
		const struct rte_kvargs_pair *p = &kvlist->pairs[i];
		if (key_match == NULL || strcmp(key_match, p->key) == 0)
			if (handler(p->key, p->value, opaque_arg) < 0)
				return -1;
	}
	return 0;
}

unsigned rte_kvargs_count(const struct rte_kvargs *kvlist, const char *key_match)
{
	unsigned n = 0;

	if (kvlist == NULL)
		return 0;
	for (unsigned i = 0; i < kvlist->count; i++)
		if (key_match == NULL || strcmp(key_match, kvlist->pairs[i].key) == 0)
			n++;
	return n;
}
