/* examples/multi_process/client_server_mp: a server (primary) and three
 * clients (secondaries, each on its own lcore id) move 300,000 packets; the
 * server verifies per-client counts, no misrouting and a full pool. */
#include "test.h"
#include "proc.h"

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_client_server_mp <binary>");
	char pfx[64];
	snprintf(pfx, sizeof(pfx), "--file-prefix=csmp_%d", (int)getpid());
	const char *nohuge = test_no_huge() ? "--no-huge" : "-n1";
	char *sa[] = { argv[1], pfx, (char *)"--lcores=0@0", (char *)nohuge, (char *)"--",
		       (char *)"server", (char *)"3", (char *)"300000", NULL };
	struct proc srv, cl[3];
	REQUIRE(proc_start(&srv, sa) == 0);
	CHECK_MSG(proc_expect(&srv, "server ready", 10000), "server: %s", srv.buf);
	for (int i = 0; i < 3; i++) {
		char lc[32], id[8];
		snprintf(lc, sizeof(lc), "--lcores=%d@%d", i + 1, i % 2);
		snprintf(id, sizeof(id), "%d", i);
		char *ca[] = { argv[1], pfx, lc, (char *)"--proc-type=secondary", (char *)nohuge,
			       (char *)"--", (char *)"client", id, NULL };
		REQUIRE(proc_start(&cl[i], ca) == 0);
	}
	CHECK_MSG(proc_expect(&srv, "total received 300000 of 300000", 60000), "server: %s", srv.buf);
	CHECK_MSG(strstr(srv.buf, ": OK") != NULL, "server: %s", srv.buf);
	CHECK(proc_wait(&srv, 10000) == 0);
	for (int i = 0; i < 3; i++) {
		char want[64];
		snprintf(want, sizeof(want), "client %d: received", i);
		CHECK_MSG(proc_expect(&cl[i], want, 5000), "client %d: %s", i, cl[i].buf);
		CHECK(proc_wait(&cl[i], 5000) == 0);
	}
	return test_done();
}
