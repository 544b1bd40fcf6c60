/* SPDX-License-Identifier: BSD-3-Clause
 * The rte_mp channel with peers that misbehave. Each case ends with a new
 * secondary attaching and an rte_mp_request_sync answered by the primary,
 * both within their timeouts (they fail, and the test with them, if the
 * primary's receiver thread is held up); a watchdog turns any hang into a
 * failure.
 *  1. stalled reader: a process with a secondary's socket name sends
 *     requests (unknown actions: the primary answers each from its receiver
 *     thread) and never reads its socket;
 *  2. stopped secondary: a real secondary is SIGSTOPped; the primary then
 *     sends it thousands of messages (rte_mp_sendmsg) and a request;
 *  3. flood: 20000 junk datagrams at the primary's socket; its log gets a
 *     bounded number of "malformed" lines (rate-limited), not one per datagram.
 * usage: test_rel_mp_stall */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <rte_memzone.h>
#include "rel_test.h"

#define ECHO "rel_echo"

/* The channel's wire format (lib/eal/eal_mp.c): type 2 = request. */
struct wire {
	uint32_t type;
	uint32_t pad;
	uint64_t req_id;
	struct rte_mp_msg msg;
};

static int echo(const struct rte_mp_msg *m, const void *peer)
{
	struct rte_mp_msg r;
	memset(&r, 0, sizeof(r));
	snprintf(r.name, sizeof(r.name), "%s", m->name);
	r.len_param = 1;
	r.param[0] = 42;
	return rte_mp_reply(&r, peer);
}

static int ignore(const struct rte_mp_msg *m, const void *peer)
{
	(void)m;
	(void)peer;
	return 0;
}

/* A new secondary: attach, then ask the primary something. */
static int newcomer(void)
{
	static const char *const ex[] = { "--proc-type=secondary", "--lcores=5@0", NULL };
	rte_log_set_global_level(RTE_LOG_CRIT);
	alarm(60);
	if (rel_init(ex) < 0)
		return 2;
	struct rte_mp_msg q;
	struct rte_mp_reply rep;
	struct timespec ts = { 2, 0 };
	memset(&q, 0, sizeof(q));
	snprintf(q.name, sizeof(q.name), ECHO);
	if (rte_mp_request_sync(&q, &rep, &ts) < 0)
		return 3;
	int ok = rep.nb_received == 1 && rep.msgs[0].param[0] == 42;
	free(rep.msgs);
	rte_eal_cleanup();
	return ok ? 0 : 4;
}

/* A secondary that registers an action and then just sits there. */
static int idler(void)
{
	static const char *const ex[] = { "--proc-type=secondary", "--lcores=6@0", NULL };
	rte_log_set_global_level(RTE_LOG_CRIT);
	if (rel_init(ex) < 0)
		return 2;
	rte_mp_action_register("rel_note", ignore);
	const struct rte_memzone *mz = rte_memzone_lookup("rel_stall_ctl");
	if (mz == NULL)
		return 3;
	*(volatile int *)mz->addr = (int)getpid();
	for (;;)
		pause();
}

static int raw_socket(const char *dir, struct sockaddr_un *prim, int bind_self)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	if (bind_self) {
		struct sockaddr_un me = { .sun_family = AF_UNIX };
		snprintf(me.sun_path, sizeof(me.sun_path), "%s/mp_socket_%d_0", dir, (int)getpid());
		if (bind(fd, (struct sockaddr *)&me, sizeof(me)) < 0)
			return -1;
	}
	memset(prim, 0, sizeof(*prim));
	prim->sun_family = AF_UNIX;
	snprintf(prim->sun_path, sizeof(prim->sun_path), "%s/mp_socket", dir);
	return fd;
}

/* Sends requests the primary must answer, never reads. */
static int stalled(const char *dir)
{
	struct sockaddr_un prim;
	int fd = raw_socket(dir, &prim, 1);
	if (fd < 0)
		return 2;
	struct wire w;
	memset(&w, 0, sizeof(w));
	w.type = 2;
	snprintf(w.msg.name, sizeof(w.msg.name), "rel_nobody_home");
	for (int i = 0; i < 3000; i++) {
		w.req_id = (uint64_t)i + 1;
		if (sendto(fd, &w, sizeof(w), MSG_DONTWAIT, (struct sockaddr *)&prim, sizeof(prim)) < 0)
			usleep(100);
	}
	printf("sent\n");
	fflush(stdout);
	for (;;)
		pause();
}

static int flood(const char *dir)
{
	struct sockaddr_un prim;
	int fd = raw_socket(dir, &prim, 0);
	char junk[256];
	if (fd < 0)
		return 2;
	srand((unsigned int)getpid());
	for (int i = 0; i < 20000; i++) {
		size_t n = 1 + (size_t)rand() % sizeof(junk);
		for (size_t k = 0; k < n; k++)
			junk[k] = (char)rand();
		while (sendto(fd, junk, n, 0, (struct sockaddr *)&prim, sizeof(prim)) < 0 &&
		       errno == EAGAIN)
			usleep(50);
	}
	return 0;
}

static void expect_newcomer(const char *self, const char *when)
{
	pid_t n = rel_spawn(self, "newcomer", NULL);
	int st = rel_wait(n, 30000);
	CHECK_MSG(st == 0, "%s: a new secondary could not attach and get an answer (status %d)",
		  when, st);
}

static int count(const char *buf, const char *needle)
{
	int n = 0;
	for (const char *p = buf; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

int main(int argc, char **argv)
{
	if (argc == 4) {
		snprintf(rel_prefix, sizeof(rel_prefix), "%s", argv[2]);
		if (strcmp(argv[1], "newcomer") == 0)
			return newcomer();
		if (strcmp(argv[1], "idler") == 0)
			return idler();
		if (strcmp(argv[1], "stalled") == 0)
			return stalled(argv[3]);
		if (strcmp(argv[1], "flood") == 0)
			return flood(argv[3]);
		return 99;
	}
	snprintf(rel_prefix, sizeof(rel_prefix), "--file-prefix=relstall_%d", (int)getpid());
	rel_watchdog(120);
	/* the whole run's log goes to memory: the stream is set before the
	 * receiver thread exists and read after it is gone (switching it while
	 * that thread logs would race) */
	char *logbuf = NULL;
	size_t loglen = 0;
	FILE *lf = open_memstream(&logbuf, &loglen);
	rte_openlog_stream(lf);
	long t0 = rel_ms();
	static const char *const ex[] = { "--lcores=0@0", NULL };
	REQUIRE(rel_init(ex) >= 0);
	REQUIRE(rte_mp_action_register(ECHO, echo) == 0);
	const struct rte_memzone *mz = rte_memzone_reserve("rel_stall_ctl", 64, SOCKET_ID_ANY, 0);
	REQUIRE(mz != NULL);
	volatile int *idle_pid = mz->addr;
	*idle_pid = 0;
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", rte_eal_get_runtime_dir());

	/* 1. a peer that sends requests and never reads */
	int p[2];
	REQUIRE(pipe(p) == 0);
	pid_t st = fork();
	if (st == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(p[1], 1);
		execl(argv[0], argv[0], "stalled", rel_prefix, dir, (char *)NULL);
		_exit(127);
	}
	rel_children[rel_nchildren++] = st;
	close(p[1]);
	char line[16];
	REQUIRE(read(p[0], line, sizeof(line)) > 0);   /* its requests are queued */
	expect_newcomer(argv[0], "stalled reader");

	/* 2. a stopped secondary and the primary's sends and requests */
	pid_t idle = rel_spawn(argv[0], "idler", NULL);
	long end = rel_ms() + 20000;
	while (*idle_pid != idle && rel_ms() < end)
		usleep(1000);
	REQUIRE(*idle_pid == idle);
	kill(idle, SIGSTOP);
	struct rte_mp_msg m;
	memset(&m, 0, sizeof(m));
	snprintf(m.name, sizeof(m.name), "rel_note");
	m.len_param = 8;
	int failed = 0;
	for (int i = 0; i < 3000; i++)
		failed += rte_mp_sendmsg(&m) != 0;
	CHECK_MSG(failed == 0, "rte_mp_sendmsg failed %d times with a stopped peer", failed);
	struct rte_mp_reply rep;
	struct timespec ts = { 0, 300 * 1000 * 1000 };
	int rc = rte_mp_request_sync(&m, &rep, &ts);
	CHECK_MSG(rc == 0 || rte_errno == ETIMEDOUT, "request with a stopped peer: rc %d errno %d",
		  rc, rte_errno);
	free(rep.msgs);
	expect_newcomer(argv[0], "stopped secondary");
	kill(idle, SIGCONT);
	rel_kill(idle);
	rel_kill(st);

	/* 3. a junk flood, the log rate-limited */
	pid_t fl = rel_spawn(argv[0], "flood", dir);
	expect_newcomer(argv[0], "junk flood");
	int fst = rel_wait(fl, 60000);
	usleep(200000);   /* let the receiver drain its queue */
	CHECK_MSG(fst == 0, "flood sender ended with %d", fst);

	rte_memzone_free(mz);
	rte_eal_cleanup();
	long secs = (rel_ms() - t0) / 1000 + 1;
	rte_openlog_stream(NULL);
	fclose(lf);
	int lines = count(logbuf, "malformed");
	CHECK_MSG(lines >= 1 && lines <= 2 * 6 * secs,
		  "%d 'malformed' log lines for 20000 junk datagrams in ~%ld s", lines, secs);
	if (test_failures || getenv("REL_VERBOSE"))
		fputs(logbuf, stderr);
	free(logbuf);
	return test_done();
}
