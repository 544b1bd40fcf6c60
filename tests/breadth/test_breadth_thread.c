/* rte_thread.h: create with affinity, join with the return value, self and
 * equal, priorities, thread-local keys (per-thread values, destructor runs),
 * and bad arguments. */
#include <rte_thread.h>
#include <rte_lcore.h>
#include "test.h"

static rte_thread_key key;
static int destructed;

static int release;   /* the first thread waits until main has looked at it */

static void dtor(void *v) { if (v) __atomic_fetch_add(&destructed, 1, __ATOMIC_RELAXED); }

static uint32_t body(void *arg)
{
	rte_cpuset_t set;
	CHECK(rte_thread_value_get(key) == NULL);
	CHECK(rte_thread_value_set(key, &key) == 0);
	CHECK(rte_thread_value_get(key) == &key);
	if (arg != NULL) {   /* created with affinity {0} */
		CHECK(rte_thread_get_affinity_by_id(rte_thread_self(), &set) == 0);
		CHECK(CPU_COUNT(&set) == 1 && CPU_ISSET(0, &set));
		for (int i = 0; i < 10000 && !__atomic_load_n(&release, __ATOMIC_ACQUIRE); i++)
			usleep(1000);
	}
	return 42;
}

int main(void)
{
	rte_thread_t t;
	rte_thread_attr_t attr;
	rte_cpuset_t one;
	uint32_t ret = 0;
	enum rte_thread_priority prio;

	REQUIRE(rte_thread_key_create(&key, dtor) == 0);
	CHECK(rte_thread_value_set(key, &key) == 0);
	REQUIRE(rte_thread_attr_init(&attr) == 0);
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	CHECK(rte_thread_attr_set_affinity(&attr, &one) == 0);
	CHECK(rte_thread_attr_set_priority(&attr, RTE_THREAD_PRIORITY_NORMAL) == 0);
	CHECK(rte_thread_attr_set_priority(&attr, (enum rte_thread_priority)7) == EINVAL);
	REQUIRE(rte_thread_create(&t, &attr, body, &one) == 0);
	CHECK(!rte_thread_equal(t, rte_thread_self()));
	CHECK(rte_thread_equal(rte_thread_self(), rte_thread_self()));
	CHECK(rte_thread_get_priority(t, &prio) == 0 && prio == RTE_THREAD_PRIORITY_NORMAL);
	__atomic_store_n(&release, 1, __ATOMIC_RELEASE);
	CHECK(rte_thread_join(t, &ret) == 0 && ret == 42);
	CHECK(destructed == 1);                       /* the thread's value was destroyed */
	CHECK(rte_thread_value_get(key) == &key);     /* ours is untouched */

	/* bad input: an errno value back, nothing crashes */
	CHECK(rte_thread_create(NULL, NULL, body, NULL) == EINVAL);
	CHECK(rte_thread_create(&t, NULL, NULL, NULL) == EINVAL);
	CHECK(rte_thread_attr_init(NULL) == EINVAL);
	CHECK(rte_thread_key_create(NULL, NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_thread_value_set(NULL, NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_thread_value_get(NULL) == NULL && rte_errno == EINVAL);
	CHECK(rte_thread_key_delete(NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_thread_key_delete(key) == 0);

	/* detach: the thread runs to its end without a join */
	REQUIRE(rte_thread_key_create(&key, NULL) == 0);
	REQUIRE(rte_thread_create(&t, NULL, body, NULL) == 0);
	CHECK(rte_thread_detach(t) == 0);
	return test_done();
}
