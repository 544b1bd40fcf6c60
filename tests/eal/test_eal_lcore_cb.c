/* rte_lcore_callback_register as DPDK 22.11: init callbacks run in
 * registration order for a new lcore (rte_thread_register); when a later
 * callback refuses, the earlier ones, which did run, are rolled back with
 * their uninit (newest first) and the registration fails. Uninit at
 * rte_thread_unregister also runs in registration order. */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include "test.h"

static char events[64][16];
static int nevents;
static int refuse_c = 0;

static void ev(const char *what)
{
	if (nevents < 64)
		snprintf(events[nevents++], sizeof(events[0]), "%s", what);
}

#define CB(n) \
	static int init_##n(unsigned int id, void *arg) \
	{ \
		(void)arg; \
		if (rte_lcore_has_role(id, ROLE_NON_EAL) != 1) \
			return 0;   /* only the new non-EAL lcore is recorded */ \
		if (#n[0] == 'c' && refuse_c) { ev("refuse-c"); return -1; } \
		ev("init-" #n); \
		return 0; \
	} \
	static void uninit_##n(unsigned int id, void *arg) \
	{ \
		(void)arg; \
		if (rte_lcore_has_role(id, ROLE_NON_EAL) != 1) \
			return; \
		ev("uninit-" #n); \
	}
CB(a)
CB(b)
CB(c)

static void *thread(void *arg)
{
	(void)arg;
	int rc = rte_thread_register();
	if (rc == 0)
		rte_thread_unregister();
	return (void *)(intptr_t)rc;
}

static int run_thread(void)
{
	pthread_t t;
	void *ret;
	REQUIRE(pthread_create(&t, NULL, thread, NULL) == 0);
	pthread_join(t, &ret);
	return (int)(intptr_t)ret;
}

static bool seq(const char *const *want, int n)
{
	if (nevents != n)
		return false;
	for (int i = 0; i < n; i++)
		if (strcmp(events[i], want[i]) != 0)
			return false;
	return true;
}

static void dump(void)
{
	for (int i = 0; i < nevents; i++)
		fprintf(stderr, "  %s\n", events[i]);
}

int main(void)
{
	test_eal_init("lcorecb", (const char *const[]){ "-l", "0", NULL });
	void *a = rte_lcore_callback_register("a", init_a, uninit_a, NULL);
	void *b = rte_lcore_callback_register("b", init_b, uninit_b, NULL);
	void *c = rte_lcore_callback_register("c", init_c, uninit_c, NULL);
	REQUIRE(a && b && c);

	nevents = 0;
	CHECK(run_thread() == 0);
	const char *ok[] = { "init-a", "init-b", "init-c", "uninit-a", "uninit-b", "uninit-c" };
	CHECK_MSG(seq(ok, 6), "order of a successful register/unregister");
	if (!seq(ok, 6))
		dump();

	nevents = 0;
	refuse_c = 1;
	CHECK(run_thread() == -1);
	const char *refused[] = { "init-a", "init-b", "refuse-c", "uninit-b", "uninit-a" };
	CHECK_MSG(seq(refused, 5), "c refuses: a and b ran and are rolled back newest first");
	if (!seq(refused, 5))
		dump();
	refuse_c = 0;

	rte_lcore_callback_unregister(c);
	rte_lcore_callback_unregister(b);
	rte_lcore_callback_unregister(a);
	rte_eal_cleanup();
	return test_done();
}
