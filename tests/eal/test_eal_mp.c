/* Multi-process channel (rte_mp_*): bad input, requests with no peers,
 * stale peer sockets, and — with a real exec'd secondary — sync and async
 * requests with replies and passed fds, messages both ways, timeouts when
 * the peer stays silent, and requests that return by their timeout when the
 * peer is killed. The secondary parts skip while secondaries cannot attach. */
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_cycles.h>
#include "test.h"

static char prefix[96];

static void fill(struct rte_mp_msg *m, const char *name, const char *param)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	if (param) {
		m->len_param = (int)strlen(param) + 1;
		memcpy(m->param, param, (size_t)m->len_param);
	}
}

/* ---- secondary side ---- */
static volatile int got_hello;

static int sec_ping(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg r;
	fill(&r, msg->name, "pong");
	int p[2];
	if (pipe(p) != 0)
		return -1;
	if (write(p[1], "via-fd", 7) != 7)
		return -1;
	close(p[1]);
	r.num_fds = 1;
	r.fds[0] = p[0];
	int rc = rte_mp_reply(&r, peer);
	close(p[0]);
	return rc;
}
static int sec_silent(const struct rte_mp_msg *msg, const void *peer)
{
	(void)msg; (void)peer;
	return 0;   /* never replies */
}
static int sec_hello(const struct rte_mp_msg *msg, const void *peer)
{
	(void)peer;
	if (strcmp((const char *)msg->param, "hello secondary") == 0)
		__atomic_store_n(&got_hello, 1, __ATOMIC_RELEASE);
	return 0;
}

static int secondary(void)
{
	char *argv[] = { (char *)"sec", prefix, (char *)"--proc-type=secondary", (char *)"-l", (char *)"1",
			 NULL, NULL };
	int argc = 5;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	if (rte_eal_init(argc, argv) < 0)
		return rte_errno == ENOTSUP ? 77 : 2;
	if (rte_mp_action_register("ping", sec_ping) < 0 || rte_mp_action_register("silent", sec_silent) < 0 ||
	    rte_mp_action_register("hello", sec_hello) < 0)
		return 3;
	printf("ready\n");
	fflush(stdout);
	/* wait for the primary's broadcast, then message it back */
	for (int i = 0; i < 5000 && !__atomic_load_n(&got_hello, __ATOMIC_ACQUIRE); i++)
		rte_delay_us_sleep(1000);
	struct rte_mp_msg m;
	fill(&m, "to-primary", __atomic_load_n(&got_hello, __ATOMIC_ACQUIRE) ? "hello primary" : "no hello");
	rte_mp_sendmsg(&m);
	/* ask the primary something; it answers */
	struct rte_mp_reply rep;
	struct timespec ts = { 2, 0 };
	fill(&m, "question", "6*7");
	int ok = rte_mp_request_sync(&m, &rep, &ts) == 0 && rep.nb_received == 1 &&
		 strcmp((char *)rep.msgs[0].param, "42") == 0;
	free(rep.msgs);
	for (;;)
		pause();   /* killed by the primary */
	return ok ? 0 : 4;
}

/* ---- primary side ---- */
static volatile int from_secondary;
static int pri_to_primary(const struct rte_mp_msg *msg, const void *peer)
{
	(void)peer;
	__atomic_store_n(&from_secondary, strcmp((const char *)msg->param, "hello primary") == 0 ? 1 : -1, __ATOMIC_RELEASE);
	return 0;
}
static int pri_question(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg r;
	fill(&r, msg->name, strcmp((const char *)msg->param, "6*7") == 0 ? "42" : "?");
	return rte_mp_reply(&r, peer);
}

static volatile int async_done, async_received, async_sent;
static int async_cb(const struct rte_mp_msg *req, const struct rte_mp_reply *reply)
{
	(void)req;
	__atomic_store_n(&async_received, reply->nb_received, __ATOMIC_RELAXED);
	__atomic_store_n(&async_sent, reply->nb_sent, __ATOMIC_RELAXED);
	for (int i = 0; i < reply->nb_received; i++)
		for (int f = 0; f < reply->msgs[i].num_fds; f++)
			close(reply->msgs[i].fds[f]);
	__atomic_store_n(&async_done, 1, __ATOMIC_RELEASE);
	return 0;
}

/* Wait for a flag with a bound that is never reached on a working run: a
 * loaded machine can run the mp thread (and its timeout callbacks) seconds
 * late, so the bound is 30 s whatever the request's own timeout. */
static void wait_flag(volatile int *f)
{
	uint64_t end = rte_get_timer_cycles() + 30 * rte_get_timer_hz();
	while (!__atomic_load_n(f, __ATOMIC_ACQUIRE) && rte_get_timer_cycles() < end)
		rte_delay_us_sleep(1000);
}

int main(int argc, char **argv)
{
	snprintf(prefix, sizeof(prefix), "--file-prefix=mp_%d", argc == 3 ? atoi(argv[2]) : (int)getpid());
	if (argc == 3 && strcmp(argv[1], "secondary") == 0)
		return secondary();

	struct rte_mp_msg m;
	struct rte_mp_reply rep;
	struct timespec ts = { 0, 200 * 1000 * 1000 };

	/* before init: refused */
	fill(&m, "x", NULL);
	CHECK(rte_mp_sendmsg(&m) == -1);

	char *pargv[] = { (char *)"pri", prefix, (char *)"-l", (char *)"0", NULL, NULL };
	int pargc = 4;
	if (test_no_huge())
		pargv[pargc++] = (char *)"--no-huge";
	REQUIRE(rte_eal_init(pargc, pargv) >= 0);

	/* bad input */
	CHECK(rte_mp_action_register(NULL, pri_question) == -1 && rte_errno == EINVAL);
	CHECK(rte_mp_action_register("", pri_question) == -1 && rte_errno == EINVAL);
	char longname[100];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[99] = '\0';
	CHECK(rte_mp_action_register(longname, pri_question) == -1 && rte_errno == EINVAL);
	CHECK(rte_mp_action_register("question", NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_mp_action_register("question", pri_question) == 0);
	CHECK(rte_mp_action_register("question", pri_question) == -1 && rte_errno == EEXIST);
	CHECK(rte_mp_action_register("to-primary", pri_to_primary) == 0);
	CHECK(rte_mp_sendmsg(NULL) == -1 && rte_errno == EINVAL);
	fill(&m, "x", NULL);
	m.len_param = RTE_MP_MAX_PARAM_LEN + 1;
	CHECK(rte_mp_sendmsg(&m) == -1 && rte_errno == EINVAL);
	m.len_param = -1;
	CHECK(rte_mp_sendmsg(&m) == -1 && rte_errno == EINVAL);
	fill(&m, "x", NULL);
	m.num_fds = RTE_MP_MAX_FD_NUM + 1;
	CHECK(rte_mp_sendmsg(&m) == -1 && rte_errno == EINVAL);
	m.num_fds = 1;
	m.fds[0] = 987;   /* not open */
	CHECK(rte_mp_sendmsg(&m) == -1 && rte_errno == EBADF);
	fill(&m, "x", NULL);
	memset(m.name, 'b', sizeof(m.name));   /* no terminator */
	CHECK(rte_mp_sendmsg(&m) == -1 && rte_errno == EINVAL);
	fill(&m, "x", NULL);
	CHECK(rte_mp_request_sync(&m, NULL, &ts) == -1 && rte_errno == EINVAL);
	CHECK(rte_mp_request_sync(&m, &rep, NULL) == -1 && rte_errno == EINVAL);
	struct timespec badts = { 0, 2000000000L };
	CHECK(rte_mp_request_sync(&m, &rep, &badts) == -1 && rte_errno == EINVAL);
	CHECK(rte_mp_request_async(&m, &ts, NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_mp_reply(&m, NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_mp_reply(&m, "not-a-peer-handle") == -1 && rte_errno == EINVAL);

	/* no secondaries: nothing sent, nothing awaited */
	fill(&m, "ping", NULL);
	CHECK(rte_mp_request_sync(&m, &rep, &ts) == 0 && rep.nb_sent == 0 && rep.nb_received == 0);
	CHECK(rte_mp_sendmsg(&m) == 0);
	__atomic_store_n(&async_done, 0, __ATOMIC_RELAXED);
	CHECK(rte_mp_request_async(&m, &ts, async_cb) == 0);
	wait_flag(&async_done);
	CHECK(async_done && async_sent == 0);

	/* a stale secondary socket (its process is gone) counts as not sent */
	char stale[100];
	snprintf(stale, sizeof(stale), "%s/mp_socket_999999_0", rte_eal_get_runtime_dir());
	int sfd = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", stale);
	CHECK(bind(sfd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	close(sfd);
	CHECK(rte_mp_request_sync(&m, &rep, &ts) == 0 && rep.nb_sent == 0);
	unlink(stale);

	/* a garbage datagram to our socket is dropped, the channel keeps working */
	char mine[100];
	snprintf(mine, sizeof(mine), "%s/mp_socket", rte_eal_get_runtime_dir());
	sfd = socket(AF_UNIX, SOCK_DGRAM, 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", mine);
	CHECK(sendto(sfd, "garbage", 7, 0, (struct sockaddr *)&sa, sizeof(sa)) == 7);
	close(sfd);

	/* ---- with a real secondary ---- */
	int out[2];
	REQUIRE(pipe(out) == 0);
	char pidarg[32];
	snprintf(pidarg, sizeof(pidarg), "%d", (int)getpid());
	pid_t child = fork();
	if (child == 0) {
		dup2(out[1], 1);
		execl(argv[0], argv[0], "secondary", pidarg, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	char line[32] = "";
	ssize_t n = read(out[0], line, sizeof(line) - 1);
	if (n <= 0) {
		int st;
		waitpid(child, &st, 0);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 77) {
			fprintf(stderr, "secondary attach not supported yet: secondary checks skipped\n");
			rte_eal_cleanup();
			return test_failures ? 1 : 77;
		}
		CHECK_MSG(0, "secondary failed to start: status 0x%x", st);
		rte_eal_cleanup();
		return test_done();
	}
	CHECK(strncmp(line, "ready", 5) == 0);

	/* sync request: reply with an fd that carries data */
	fill(&m, "ping", NULL);
	/* the peer answers these: a long timeout costs nothing when it works,
	 * and a loaded machine can take seconds to schedule the peer */
	struct timespec two = { 10, 0 };
	CHECK(rte_mp_request_sync(&m, &rep, &two) == 0);
	CHECK(rep.nb_sent == 1 && rep.nb_received == 1);
	if (rep.nb_received == 1) {
		CHECK(strcmp((char *)rep.msgs[0].param, "pong") == 0);
		CHECK(rep.msgs[0].num_fds == 1);
		char buf[16] = "";
		CHECK(read(rep.msgs[0].fds[0], buf, sizeof(buf)) == 7 && strcmp(buf, "via-fd") == 0);
		close(rep.msgs[0].fds[0]);
	}
	free(rep.msgs);

	/* async request */
	__atomic_store_n(&async_done, 0, __ATOMIC_RELAXED);
	CHECK(rte_mp_request_async(&m, &two, async_cb) == 0);
	wait_flag(&async_done);
	CHECK(async_done && async_sent == 1 && async_received == 1);

	/* broadcast to secondaries; the secondary answers with a message and a request */
	fill(&m, "hello", "hello secondary");
	CHECK(rte_mp_sendmsg(&m) == 0);
	wait_flag(&from_secondary);
	CHECK(__atomic_load_n(&from_secondary, __ATOMIC_ACQUIRE) == 1);

	/* silent peer: sync request times out (ETIMEDOUT), async reports 0 of 1 */
	fill(&m, "silent", NULL);
	uint64_t t0 = rte_get_timer_cycles();
	CHECK(rte_mp_request_sync(&m, &rep, &ts) == -1 && rte_errno == ETIMEDOUT);
	CHECK(rep.nb_sent == 1 && rep.nb_received == 0);
	free(rep.msgs);
	/* it returned by its timeout, not never: the bound is loose enough that
	 * load alone cannot reach it (ctest's TIMEOUT would catch a hang too) */
	CHECK(rte_get_timer_cycles() - t0 < 60 * rte_get_timer_hz());
	__atomic_store_n(&async_done, 0, __ATOMIC_RELAXED);
	CHECK(rte_mp_request_async(&m, &ts, async_cb) == 0);
	wait_flag(&async_done);
	CHECK(async_done && async_sent == 1 && async_received == 0);

	/* unknown action: the peer answers IGN, so no timeout */
	fill(&m, "nobody-listens", NULL);
	CHECK(rte_mp_request_sync(&m, &rep, &two) == 0 && rep.nb_sent == 1 && rep.nb_received == 0);

	/* peer killed while a request is pending: returns by its timeout */
	fill(&m, "silent", NULL);
	__atomic_store_n(&async_done, 0, __ATOMIC_RELAXED);
	CHECK(rte_mp_request_async(&m, &ts, async_cb) == 0);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	wait_flag(&async_done);
	CHECK(async_done);
	fill(&m, "ping", NULL);
	int rc = rte_mp_request_sync(&m, &rep, &ts);
	CHECK(rc == 0 || rte_errno == ETIMEDOUT);   /* socket may linger until the peer is reaped */
	free(rep.msgs);

	CHECK(rte_eal_cleanup() == 0);

	/* --in-memory: no channel */
	char *iargv[] = { (char *)"pri", prefix, (char *)"-l", (char *)"0", (char *)"--in-memory", NULL };
	REQUIRE(rte_eal_init(5, iargv) >= 0);
	fill(&m, "x", NULL);
	CHECK(rte_mp_sendmsg(&m) == -1 && rte_errno == ENOTSUP);
	/* a driver registering its handler in such a process is normal: no ERR
	 * line for it (DEBUG only), unlike a send */
	static char logbuf[4096];
	FILE *lf = fmemopen(logbuf, sizeof(logbuf) - 1, "w");
	REQUIRE(lf != NULL);
	rte_openlog_stream(lf);
	CHECK(rte_mp_action_register("y", pri_question) == -1 && rte_errno == ENOTSUP);
	rte_openlog_stream(NULL);
	fclose(lf);
	CHECK_MSG(strstr(logbuf, "channel disabled") == NULL, "action_register logged: %s", logbuf);
	rte_eal_cleanup();
	return test_done();
}
