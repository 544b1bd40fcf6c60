/* rte_kvargs.h: what a driver's probe sees for its devargs string.
 * Pairs in order with brackets keeping their commas, a bare key, lookups,
 * the handler walk and its early stop, _parse_delim, and the lists that
 * must be refused (NULL, nothing leaked: ASan's leak check runs it too). */
#include <stdio.h>
#include <string.h>
#include <rte_kvargs.h>
#include "test.h"

struct walk {
	char seen[256];
	int calls;
	int fail_at;
};

static int collect(const char *key, const char *value, void *opaque)
{
	struct walk *w = (struct walk *)opaque;
	size_t len = strlen(w->seen);

	w->calls++;
	if (w->fail_at == w->calls)
		return -1;
	snprintf(w->seen + len, sizeof(w->seen) - len, "%s%s=%s", len ? ";" : "", key,
		 value == NULL ? "(null)" : value);
	return 0;
}

int main(void)
{
	static const char *const keys[] = { "iface", "queues", "list", "flag", NULL };
	struct rte_kvargs *kv;
	struct walk w;

	/* order, brackets, a bare key, an empty item, a repeated key */
	kv = rte_kvargs_parse("iface=veth0,list=[1,2,3],,flag,queues=4,iface=veth1", keys);
	REQUIRE(kv != NULL);
	CHECK_MSG(kv->count == 5, "%u pairs", kv->count);
	CHECK(strcmp(kv->pairs[0].key, "iface") == 0 && strcmp(kv->pairs[0].value, "veth0") == 0);
	CHECK(strcmp(kv->pairs[1].key, "list") == 0 && strcmp(kv->pairs[1].value, "[1,2,3]") == 0);
	CHECK(strcmp(kv->pairs[2].key, "flag") == 0 && kv->pairs[2].value != NULL &&
	      kv->pairs[2].value[0] == '\0');
	CHECK(strcmp(kv->pairs[3].key, "queues") == 0 && strcmp(kv->pairs[3].value, "4") == 0);
	CHECK(strcmp(kv->pairs[4].value, "veth1") == 0);
	CHECK(rte_kvargs_count(kv, "iface") == 2);
	CHECK(rte_kvargs_count(kv, NULL) == 5);
	CHECK(rte_kvargs_count(kv, "nope") == 0);
	const char *v = rte_kvargs_get(kv, "iface");
	CHECK(v != NULL && strcmp(v, "veth0") == 0);	/* the first one */
	v = rte_kvargs_get_with_value(kv, "iface", "veth1");
	CHECK(v != NULL && strcmp(v, "veth1") == 0);
	CHECK(rte_kvargs_get_with_value(kv, "iface", "veth2") == NULL);
	v = rte_kvargs_get_with_value(kv, NULL, "4");
	CHECK(v != NULL && strcmp(v, "4") == 0);
	CHECK(rte_kvargs_get(kv, "nope") == NULL);
	CHECK(rte_kvargs_get(kv, NULL) == NULL);
	CHECK(rte_kvargs_get(NULL, "iface") == NULL);

	/* the handler walk: every pair in order, or the matching ones */
	memset(&w, 0, sizeof(w));
	CHECK(rte_kvargs_process(kv, NULL, collect, &w) == 0);
	CHECK_MSG(strcmp(w.seen, "iface=veth0;list=[1,2,3];flag=;queues=4;iface=veth1") == 0,
		  "walk saw %s", w.seen);
	memset(&w, 0, sizeof(w));
	CHECK(rte_kvargs_process(kv, "iface", collect, &w) == 0);
	CHECK_MSG(w.calls == 2 && strcmp(w.seen, "iface=veth0;iface=veth1") == 0, "%s", w.seen);
	/* a handler's error stops the walk there */
	memset(&w, 0, sizeof(w));
	w.fail_at = 2;
	CHECK(rte_kvargs_process(kv, NULL, collect, &w) == -1);
	CHECK(w.calls == 2);
	CHECK(rte_kvargs_process(kv, NULL, NULL, &w) == -1);
	CHECK(rte_kvargs_process(NULL, NULL, collect, &w) == -1);
	CHECK(rte_kvargs_count(NULL, NULL) == 0);
	rte_kvargs_free(kv);
	rte_kvargs_free(NULL);

	/* no key list: anything goes; an empty string is an empty list */
	kv = rte_kvargs_parse("a=1,b", NULL);
	REQUIRE(kv != NULL);
	CHECK(kv->count == 2);
	rte_kvargs_free(kv);
	kv = rte_kvargs_parse("", keys);
	REQUIRE(kv != NULL);
	CHECK(kv->count == 0);
	rte_kvargs_free(kv);

	/* _parse_delim: the list ends at the first end character */
	kv = rte_kvargs_parse_delim("iface=veth0,queues=2/rest=ignored", keys, "/");
	REQUIRE(kv != NULL);
	CHECK(kv->count == 2 && rte_kvargs_get(kv, "rest") == NULL);
	rte_kvargs_free(kv);

	/* refused: unknown key, a value without a key, too many pairs, NULL */
	CHECK(rte_kvargs_parse("iface=veth0,speed=10", keys) == NULL);
	CHECK(rte_kvargs_parse("=veth0", keys) == NULL);
	CHECK(rte_kvargs_parse(NULL, keys) == NULL);
	char many[512] = "";
	for (int i = 0; i <= RTE_KVARGS_MAX; i++) {
		size_t len = strlen(many);
		snprintf(many + len, sizeof(many) - len, "%sflag", i ? "," : "");
	}
	CHECK(rte_kvargs_parse(many, keys) == NULL);		/* 33 pairs */
	char *last = strrchr(many, ',');
	*last = '\0';
	kv = rte_kvargs_parse(many, keys);			/* 32 pairs */
	CHECK(kv != NULL && kv->count == RTE_KVARGS_MAX);
	rte_kvargs_free(kv);
	return test_done();
}
