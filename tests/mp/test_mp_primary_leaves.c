/* The primary calls rte_eal_cleanup() and exits while a secondary is still
 * attached: the secondary keeps its memory (memzone contents intact, heap
 * usable) and learns that the primary is gone. */
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_cycles.h>
#include "test.h"

static char prefix[96];

static int primary(void)
{
	char *argv[8] = { (char *)"p", prefix, (char *)"--lcores=0@0" };
	int argc = 3;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	if (rte_eal_init(argc, argv) < 0)
		return 2;
	const struct rte_memzone *mz = rte_memzone_reserve("keep", 1 << 20, SOCKET_ID_ANY, 0);
	if (mz == NULL)
		return 3;
	for (size_t i = 0; i < mz->len; i++)
		((uint8_t *)mz->addr)[i] = (uint8_t)(i * 13);
	printf("ready\n");
	fflush(stdout);
	char line[16];
	if (fgets(line, sizeof(line), stdin) == NULL)
		return 4;
	return rte_eal_cleanup() == 0 ? 0 : 5;
}

int main(int argc, char **argv)
{
	if (argc == 3) {
		snprintf(prefix, sizeof(prefix), "%s", argv[2]);
		return primary();
	}
	snprintf(prefix, sizeof(prefix), "--file-prefix=pleave_%d", (int)getpid());
	int in[2], out[2];
	REQUIRE(pipe(in) == 0 && pipe(out) == 0);
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		/* only the dup'd ends: the parent's death must give this child EOF */
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execl(argv[0], argv[0], "primary", prefix, (char *)NULL);
		_exit(127);
	}
	/* our copies of the child's ends: if its EAL init fails it exits and
	 * read() sees EOF at once instead of waiting for the ctest timeout */
	close(in[0]);
	close(out[1]);
	char line[16];
	if (read(out[0], line, sizeof(line)) <= 0) {
		int st;
		waitpid(pid, &st, 0);
		fprintf(stderr, "FATAL: the primary did not start (status 0x%x)\n", st);
		return 1;
	}
	char *sargv[8] = { (char *)"s", prefix, (char *)"--proc-type=secondary", (char *)"--lcores=1@0" };
	int sargc = 4;
	if (test_no_huge())
		sargv[sargc++] = (char *)"--no-huge";
	REQUIRE(rte_eal_init(sargc, sargv) >= 0);
	const struct rte_memzone *mz = rte_memzone_lookup("keep");
	REQUIRE(mz != NULL);
	void *mine = rte_malloc(NULL, 3 << 20, 0);
	REQUIRE(mine != NULL);
	memset(mine, 0x5a, 3 << 20);

	REQUIRE(write(in[1], "exit\n", 5) == 5);
	int st;
	waitpid(pid, &st, 0);
	CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "primary status 0x%x", st);
	for (int i = 0; i < 1000 && rte_eal_primary_proc_alive(NULL); i++)
		rte_delay_us_sleep(1000);
	CHECK(rte_eal_primary_proc_alive(NULL) == 0);

	bool intact = true;
	for (size_t i = 0; i < mz->len; i++)
		intact &= ((uint8_t *)mz->addr)[i] == (uint8_t)(i * 13);
	CHECK(intact);
	for (size_t i = 0; i < (3u << 20); i += 4096)
		intact &= ((uint8_t *)mine)[i] == 0x5a;
	CHECK(intact);
	rte_free(mine);
	void *more = rte_malloc(NULL, 5 << 20, 0);   /* the heap still grows */
	CHECK(more != NULL);
	if (more)
		memset(more, 1, 5 << 20);
	rte_free(more);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
