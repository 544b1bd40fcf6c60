/* examples/multi_process/simple_mp: a primary and a secondary (exec'd)
 * exchange messages both ways through two rings and a mempool, then quit. */
#include "test.h"
#include "proc.h"

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_simple_mp <simple_mp binary>");
	char pfx[64];
	snprintf(pfx, sizeof(pfx), "--file-prefix=smp_%d", (int)getpid());
	const char *nohuge = test_no_huge() ? "--no-huge" : "-n1";
	char *pa[] = { argv[1], pfx, (char *)"--lcores=0@0,1@1", (char *)"--proc-type=primary",
		       (char *)nohuge, NULL };
	char *sa[] = { argv[1], pfx, (char *)"--lcores=2@0,3@1", (char *)"--proc-type=secondary",
		       (char *)nohuge, NULL };
	struct proc p, s;
	REQUIRE(proc_start(&p, pa) == 0);
	CHECK_MSG(proc_expect(&p, "primary ready", 10000), "primary: %s", p.buf);
	REQUIRE(proc_start(&s, sa) == 0);
	CHECK_MSG(proc_expect(&s, "secondary ready", 10000), "secondary: %s", s.buf);

	proc_send(&p, "send hello from the primary\n");
	CHECK_MSG(proc_expect(&s, "received: hello from the primary", 30000), "secondary: %s", s.buf);
	proc_send(&s, "send and hello back\n");
	CHECK_MSG(proc_expect(&p, "received: and hello back", 30000), "primary: %s", p.buf);
	for (int i = 0; i < 50; i++) {
		char line[64];
		snprintf(line, sizeof(line), "send msg %d\n", i);
		proc_send(&p, line);
	}
	CHECK_MSG(proc_expect(&s, "received: msg 49", 30000), "secondary: %s", s.buf);
	proc_send(&p, "bogus\n");
	CHECK(proc_expect(&p, "commands:", 30000));

	proc_send(&s, "quit\n");
	CHECK(proc_expect(&s, "bye", 30000));
	CHECK(proc_wait(&s, 5000) == 0);
	proc_send(&p, "quit\n");
	CHECK(proc_expect(&p, "bye", 30000));
	CHECK(proc_wait(&p, 5000) == 0);
	return test_done();
}
