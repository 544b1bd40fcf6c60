/* examples/multi_process/symmetric_mp: three processes (one primary, two
 * secondaries) share a synthetic packet source; every packet lands on the
 * queue its hash selects and is counted once; the pool ends full. */
#include "test.h"
#include "proc.h"

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_symmetric_mp <binary>");
	char pfx[64];
	snprintf(pfx, sizeof(pfx), "--file-prefix=symp_%d", (int)getpid());
	const char *nohuge = test_no_huge() ? "--no-huge" : "-n1";
	struct proc pr[3];
	for (int i = 0; i < 3; i++) {
		char lc[32], id[8];
		snprintf(lc, sizeof(lc), "--lcores=%d@%d", i, i % 2);
		snprintf(id, sizeof(id), "%d", i);
		char *a[] = { argv[1], pfx, lc, (char *)(i ? "--proc-type=secondary" : "--proc-type=primary"),
			      (char *)nohuge, (char *)"--", (char *)"--num-procs", (char *)"3",
			      (char *)"--proc-id", id, (char *)"--packets", (char *)"300000", NULL };
		REQUIRE(proc_start(&pr[i], a) == 0);
		char want[32];
		snprintf(want, sizeof(want), "process %d ready", i);
		CHECK_MSG(proc_expect(&pr[i], want, 10000), "process %d: %s", i, pr[i].buf);
	}
	CHECK_MSG(proc_expect(&pr[0], "total 300000 of 300000 packets, 0 on a wrong queue", 60000),
		  "primary: %s", pr[0].buf);
	CHECK_MSG(strstr(pr[0].buf, ": OK") != NULL, "primary: %s", pr[0].buf);
	for (int i = 0; i < 3; i++)
		CHECK_MSG(proc_wait(&pr[i], 10000) == 0, "process %d: %s", i, pr[i].buf);
	return test_done();
}
