/* Behaviour of rte_stack (standard and lock-free): LIFO order, all-or-nothing
 * push/pop, counts after every step, lookup/free, bad input. */
#include <rte_stack.h>
#include <rte_memzone.h>
#include "test.h"

static void check_flavour(uint32_t flags)
{
	char name[32];
	void *in[64], *out[64];
	unsigned int i;

	snprintf(name, sizeof(name), "st_%x", flags);
	struct rte_stack *s = rte_stack_create(name, 16, SOCKET_ID_ANY, flags);
	REQUIRE(s != NULL);
	CHECK(s->capacity == 16);
	CHECK(s->flags == flags);
	CHECK(strcmp(s->name, name) == 0);
	CHECK(rte_stack_count(s) == 0);
	CHECK(rte_stack_free_count(s) == 16);
	CHECK(rte_stack_lookup(name) == s);
	char mzn[40];
	snprintf(mzn, sizeof(mzn), "STK_%s", name);
	CHECK(rte_memzone_lookup(mzn) != NULL);

	for (i = 0; i < 64; i++)
		in[i] = (void *)(uintptr_t)(0x1000 + i);
	CHECK(rte_stack_pop(s, out, 1) == 0);            /* empty */
	CHECK(rte_stack_push(s, in, 3) == 3);
	CHECK(rte_stack_count(s) == 3);
	CHECK(rte_stack_free_count(s) == 13);
	CHECK(rte_stack_push(s, in + 3, 14) == 0);       /* would overflow: nothing */
	CHECK(rte_stack_count(s) == 3);
	CHECK(rte_stack_push(s, in + 3, 13) == 13);      /* exactly full */
	CHECK(rte_stack_count(s) == 16);
	CHECK(rte_stack_free_count(s) == 0);
	CHECK(rte_stack_push(s, in, 1) == 0);
	CHECK(rte_stack_pop(s, out, 17) == 0);
	CHECK(rte_stack_count(s) == 16);
	CHECK(rte_stack_pop(s, out, 2) == 2);
	CHECK(out[0] == in[15] && out[1] == in[14]);     /* LIFO */
	CHECK(rte_stack_count(s) == 14);
	CHECK(rte_stack_pop(s, out, 14) == 14);
	for (i = 0; i < 14; i++)
		CHECK(out[i] == in[13 - i]);
	CHECK(rte_stack_count(s) == 0);
	CHECK(rte_stack_free_count(s) == 16);
	CHECK(rte_stack_push(s, in, 0) == 0);
	CHECK(rte_stack_pop(s, out, 0) == 0);
	/* Interleaved single pushes/pops. */
	for (i = 0; i < 1000; i++) {
		CHECK(rte_stack_push(s, &in[i % 64], 1) == 1);
		CHECK(rte_stack_pop(s, out, 1) == 1);
		CHECK(out[0] == in[i % 64]);
	}
	CHECK(rte_stack_count(s) == 0);

	/* Duplicate name. */
	CHECK(rte_stack_create(name, 8, SOCKET_ID_ANY, flags) == NULL);
	CHECK(rte_errno == EEXIST);
	rte_stack_free(s);
	CHECK(rte_stack_lookup(name) == NULL);
	CHECK(rte_errno == ENOENT);
	CHECK(rte_memzone_lookup(mzn) == NULL);
	/* Name can be reused after free. */
	s = rte_stack_create(name, 8, SOCKET_ID_ANY, flags);
	CHECK(s != NULL);
	rte_stack_free(s);
}

int main(void)
{
	test_eal_init("stack_basic", NULL);
	check_flavour(0);
	check_flavour(RTE_STACK_F_LF);

	CHECK(rte_stack_create("zero", 0, SOCKET_ID_ANY, 0) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_stack_create(NULL, 4, SOCKET_ID_ANY, 0) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_stack_create("badflags", 4, SOCKET_ID_ANY, 0x80) == NULL);
	CHECK(rte_errno == EINVAL);
	char longname[64];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[63] = 0;
	CHECK(rte_stack_create(longname, 4, SOCKET_ID_ANY, 0) == NULL);
	CHECK(rte_errno == ENAMETOOLONG);
	longname[RTE_STACK_NAMESIZE - 1] = 0;   /* longest legal name */
	struct rte_stack *s = rte_stack_create(longname, 4, SOCKET_ID_ANY, 0);
	CHECK(s != NULL);
	CHECK(rte_stack_lookup(longname) == s);
	rte_stack_free(s);
	CHECK(rte_stack_lookup(NULL) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_stack_lookup("nope") == NULL);
	CHECK(rte_errno == ENOENT);
	rte_stack_free(NULL);
	rte_eal_cleanup();
	return test_done();
}
