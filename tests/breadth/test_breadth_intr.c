/* Interrupt handles and the interrupt thread: callbacks on an eventfd run
 * on the interrupt thread, in registration order; unregister returns the
 * count, -ENOENT, or -EAGAIN from inside a running callback;
 * unregister_pending removes after the run and calls its ucb; the thread
 * goes away at rte_eal_cleanup. Rx-interrupt event fds through
 * rte_intr_rx_ctl + rte_epoll_wait. Bad handles and fds. */
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/epoll.h>
#include <rte_cycles.h>
#include <rte_interrupts.h>
#include <rte_lcore.h>
#include "test.h"

static int efd;
static int calls_a, calls_b, on_thread, inner_rc, pending_rc, ucb_calls;
static char order[8];
static int norder;
static struct rte_intr_handle *h;

static void drain(void) { uint64_t v; if (read(efd, &v, sizeof(v)) < 0) { /* nothing queued */ } }

static void cb_a(void *arg)
{
	RTE_SET_USED(arg);
	drain();
	on_thread += rte_thread_is_intr();
	if (norder < 8) order[norder++] = 'a';
	inner_rc = rte_intr_callback_unregister(h, cb_a, (void *)-1);
	__atomic_fetch_add(&calls_a, 1, __ATOMIC_RELEASE);
}

static void cb_b(void *arg)
{
	if (norder < 8) order[norder++] = 'b';
	if (arg == (void *)2)
		pending_rc = rte_intr_callback_unregister_pending(h, cb_b, (void *)2, NULL);
	__atomic_fetch_add(&calls_b, 1, __ATOMIC_RELEASE);
}

static void ucb(struct rte_intr_handle *hh, void *arg)
{
	if (hh == h && arg == (void *)3)
		__atomic_fetch_add(&ucb_calls, 1, __ATOMIC_RELEASE);
}

static void cb_c(void *arg)
{
	RTE_SET_USED(arg);
	drain();
	rte_intr_callback_unregister_pending(h, cb_c, (void *)3, ucb);
	__atomic_fetch_add(&calls_b, 1, __ATOMIC_RELEASE);
}

static int intr_thread_alive(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int found = 0;
	while (d && (e = readdir(d)) != NULL) {
		char path[300], comm[32] = "";
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm", e->d_name);
		FILE *f = fopen(path, "r");
		if (f) {
			if (fgets(comm, sizeof(comm), f) && strncmp(comm, "eal-intr-thread", 15) == 0)
				found = 1;
			fclose(f);
		}
	}
	if (d)
		closedir(d);
	return found;
}

static int wait_for(int *counter, int want)
{
	for (int i = 0; i < 5000; i++) {
		if (__atomic_load_n(counter, __ATOMIC_ACQUIRE) >= want)
			return 1;
		rte_delay_us_sleep(1000);
	}
	return 0;
}

static void kick(void) { uint64_t one = 1; CHECK(write(efd, &one, sizeof(one)) == sizeof(one)); }

int main(void)
{
	test_eal_init("brintr", NULL);
	CHECK(!intr_thread_alive());   /* started by the first registration */

	/* bad input */
	CHECK(rte_intr_instance_alloc(0x80) == NULL && rte_errno == EINVAL);
	CHECK(rte_intr_fd_get(NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_intr_fd_set(NULL, 3) == -1);
	CHECK(rte_intr_type_get(NULL) == RTE_INTR_HANDLE_UNKNOWN);
	CHECK(rte_intr_callback_register(NULL, cb_a, NULL) == -EINVAL);
	h = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	REQUIRE(h != NULL);
	CHECK(rte_intr_fd_get(h) == -1);
	CHECK(rte_intr_callback_register(h, cb_a, NULL) == -EINVAL);   /* no fd yet */
	CHECK(rte_intr_type_set(h, RTE_INTR_HANDLE_MAX) == -1);
	CHECK(rte_intr_callback_unregister(h, cb_a, NULL) == -EINVAL);

	efd = eventfd(0, EFD_NONBLOCK);
	REQUIRE(efd >= 0);
	CHECK(rte_intr_fd_set(h, efd) == 0 && rte_intr_fd_get(h) == efd);
	CHECK(rte_intr_type_set(h, RTE_INTR_HANDLE_EXT) == 0 && rte_intr_type_get(h) == RTE_INTR_HANDLE_EXT);
	CHECK(rte_intr_enable(h) == 0 && rte_intr_disable(h) == 0 && rte_intr_ack(h) == 0);
	CHECK(rte_intr_callback_unregister(h, cb_a, NULL) == -ENOENT);

	/* two callbacks, registration order; cb_a's own unregister gets -EAGAIN */
	REQUIRE(rte_intr_callback_register(h, cb_a, (void *)1) == 0);
	REQUIRE(rte_intr_callback_register(h, cb_b, (void *)1) == 0);
	CHECK(!rte_thread_is_intr());
	kick();
	CHECK(wait_for(&calls_b, 1));
	CHECK(calls_a == 1 && on_thread == 1 && inner_rc == -EAGAIN);
	CHECK(norder >= 2 && order[0] == 'a' && order[1] == 'b');
	CHECK(rte_intr_callback_unregister(h, cb_a, (void *)-1) == 1);
	CHECK(rte_intr_callback_unregister(h, cb_b, (void *)9) == -ENOENT);
	CHECK(rte_intr_callback_unregister(h, cb_b, (void *)1) == 1);

	/* unregister_pending: outside a run it is -EAGAIN; inside, the callback
	 * goes after the run and its ucb runs */
	CHECK(rte_intr_callback_unregister_pending(h, cb_c, NULL, NULL) == -ENOENT);
	REQUIRE(rte_intr_callback_register(h, cb_c, (void *)3) == 0);
	CHECK(rte_intr_callback_unregister_pending(h, cb_c, (void *)3, ucb) == -EAGAIN);
	calls_b = 0;
	kick();
	CHECK(wait_for(&calls_b, 1));
	CHECK(wait_for(&ucb_calls, 1));   /* the ucb runs once the run is over */
	CHECK(rte_intr_callback_unregister(h, cb_c, (void *)3) == -ENOENT);   /* already gone */

	/* sync unregister of an idle callback */
	REQUIRE(rte_intr_callback_register(h, cb_b, (void *)1) == 0);
	CHECK(rte_intr_callback_unregister_sync(h, cb_b, (void *)1) == 1);

	/* Rx interrupt event fds */
	CHECK(rte_intr_efd_enable(h, 0) == -EINVAL);
	REQUIRE(rte_intr_efd_enable(h, 2) == 0);
	CHECK(rte_intr_nb_efd_get(h) == 2 && rte_intr_dp_is_en(h));
	CHECK(rte_intr_rx_ctl(h, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD, 0, NULL) == -EINVAL);  /* vector 0 */
	CHECK(rte_intr_rx_ctl(h, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD, 5, NULL) == -EPERM);
	CHECK(rte_intr_rx_ctl(h, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_DEL, 1, NULL) == -ENOENT);
	CHECK(rte_intr_rx_ctl(h, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD, 1, (void *)0x11) == 0);
	CHECK(rte_intr_rx_ctl(h, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD, 2, (void *)0x22) == 0);
	CHECK(rte_intr_rx_ctl(h, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD, 2, NULL) == -EEXIST);
	struct rte_epoll_event ev[4];
	CHECK(rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, 4, 0) == 0);
	uint64_t one = 1;
	CHECK(write(rte_intr_efds_index_get(h, 1), &one, sizeof(one)) == sizeof(one));
	int n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, 4, 1000);
	CHECK(n == 1 && ev[0].epdata.data == (void *)0x22 && ev[0].fd == rte_intr_efds_index_get(h, 1));
	CHECK(rte_epoll_wait(RTE_EPOLL_PER_THREAD, NULL, 4, 0) == -1);
	CHECK(rte_epoll_ctl(RTE_EPOLL_PER_THREAD, EPOLL_CTL_ADD, -1, &ev[0]) == -1);
	CHECK(rte_intr_rx_ctl(h, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_DEL, 2, NULL) == 0);
	rte_intr_efd_disable(h);
	CHECK(rte_intr_nb_efd_get(h) == 0);

	/* the interrupt thread exists now and is gone after cleanup */
	CHECK(intr_thread_alive());
	rte_intr_instance_free(h);
	close(efd);
	CHECK(rte_eal_cleanup() == 0);
	CHECK(!intr_thread_alive());
	return test_done();
}
