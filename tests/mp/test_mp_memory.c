/* Primary and exec'd secondaries share memory at the same addresses:
 * memzones found by name with identical addresses and contents; heap growth
 * in the primary after the secondary attached is visible to it; rte_malloc
 * in a secondary and rte_free in the primary (and the reverse); 100
 * consecutive attaches with ASLR on; lcore collisions refused with the PID;
 * a secondary killed with SIGKILL leaves the primary's memory intact. */
#include <signal.h>
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_cycles.h>
#include <rte_log.h>
#include "test.h"

#define NBLK 64
struct shared {
	uint64_t data_addr;
	uint64_t grow_addr;          /* primary's allocation made after attach */
	uint64_t grow_len;
	void *sec_blocks[NBLK];      /* allocated by a secondary */
	size_t sec_sizes[NBLK];
	void *pri_block;             /* allocated by the primary, freed by a secondary */
	volatile int sec_done;
};

static char prefix[96];

static int sec_init(const char *lcores)
{
	char *argv[8] = { (char *)"sec", prefix, (char *)"--proc-type=secondary", (char *)lcores };
	int argc = 4;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	argv[argc] = NULL;
	rte_log_set_global_level(RTE_LOG_ERR);
	if (rte_eal_init(argc, argv) < 0)
		return rte_errno == EBUSY ? 11 : 12;
	return 0;
}

static int secondary(const char *mode, const char *lcores)
{
	int rc = sec_init(lcores);
	if (rc)
		return rc;
	const struct rte_memzone *smz = rte_memzone_lookup("mp_shared");
	const struct rte_memzone *dmz = rte_memzone_lookup("mp_data");
	if (smz == NULL || dmz == NULL)
		return 13;
	struct shared *sh = smz->addr;
	if (dmz->addr_64 != sh->data_addr)
		return 14;   /* not the same address */
	if (strcmp(mode, "attach") == 0) {
		rte_eal_cleanup();
		return 0;
	}
	if (strcmp(mode, "hold") == 0) {
		printf("ready\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	/* mode "work" */
	const uint8_t *d = dmz->addr;
	for (size_t i = 0; i < dmz->len; i++)
		if (d[i] != (uint8_t)(i * 7))
			return 15;
	const uint8_t *g = (const uint8_t *)(uintptr_t)sh->grow_addr;
	for (size_t i = 0; i < sh->grow_len; i += 4096)
		if (g[i] != 0xab)
			return 16;
	for (int i = 0; i < NBLK; i++) {
		size_t sz = (size_t)64 << (i % 18);   /* 64 B .. 8 MiB: grows the heap */
		uint8_t *p = rte_malloc("sec", sz, 0);
		if (p == NULL)
			return 17;
		memset(p, i, sz);
		sh->sec_blocks[i] = p;
		sh->sec_sizes[i] = sz;
	}
	rte_free(sh->pri_block);
	sh->pri_block = NULL;
	__atomic_store_n(&sh->sec_done, 1, __ATOMIC_RELEASE);
	rte_eal_cleanup();
	return 0;
}

static int run(const char *self, const char *mode, const char *lcores)
{
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		execl(self, self, "secondary", mode, lcores, prefix, (char *)NULL);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "secondary") == 0) {
		snprintf(prefix, sizeof(prefix), "%s", argv[4]);
		return secondary(argv[2], argv[3]);
	}
	snprintf(prefix, sizeof(prefix), "--file-prefix=mpmem_%d", (int)getpid());
	char *pargv[8] = { (char *)"pri", prefix, (char *)"-l", (char *)"0" };
	int pargc = 4;
	if (test_no_huge())
		pargv[pargc++] = (char *)"--no-huge";
	REQUIRE(rte_eal_init(pargc, pargv) >= 0);
	const struct rte_memzone *smz = rte_memzone_reserve("mp_shared", sizeof(struct shared), SOCKET_ID_ANY, 0);
	const struct rte_memzone *dmz = rte_memzone_reserve("mp_data", 3 << 20, SOCKET_ID_ANY, 0);
	REQUIRE(smz && dmz);
	struct shared *sh = smz->addr;
	memset(sh, 0, sizeof(*sh));
	sh->data_addr = dmz->addr_64;
	for (size_t i = 0; i < dmz->len; i++)
		((uint8_t *)dmz->addr)[i] = (uint8_t)(i * 7);
	sh->pri_block = rte_malloc("pri", 1000, 0);
	REQUIRE(sh->pri_block);

	/* 100 consecutive attaches, ASLR on, no --base-virtaddr */
	int fails = 0;
	for (int i = 0; i < 100; i++)
		fails += run(argv[0], "attach", "--lcores=1@0") != 0;
#ifdef __SANITIZE_THREAD__
	/* TSan ignores address hints, so the primary's memory lands among
	 * thread stacks and an attach can collide; it must still fail cleanly */
	CHECK_MSG(fails <= 10, "%d of 100 attaches failed", fails);
#else
	CHECK_MSG(fails == 0, "%d of 100 attaches failed", fails);
#endif

	/* growth after attach: a secondary holds on while the primary grows */
	int outp[2];
	REQUIRE(pipe(outp) == 0);
	pid_t holder = fork();
	if (holder == 0) {
		dup2(outp[1], 1);
		execl(argv[0], argv[0], "secondary", "hold", "--lcores=2@0", prefix, (char *)NULL);
		_exit(127);
	}
	close(outp[1]);
	char line[16];
	REQUIRE(read(outp[0], line, sizeof(line)) > 0);
	/* same lcore as the holder: refused (EBUSY), naming the holder */
	CHECK(run(argv[0], "attach", "--lcores=2@0") == 11);
	/* same lcore as the primary: refused too */
	CHECK(run(argv[0], "attach", "--lcores=0@0") == 11);

	sh->grow_len = 24 << 20;
	uint8_t *grow = rte_malloc("grow", sh->grow_len, 0);
	REQUIRE(grow);
	memset(grow, 0xab, sh->grow_len);
	sh->grow_addr = (uint64_t)(uintptr_t)grow;

	/* a secondary reads the new memory, allocates (heap grows from the
	 * secondary) and frees the primary's block */
	CHECK(run(argv[0], "work", "--lcores=3@0") == 0);
	CHECK(sh->sec_done == 1 && sh->pri_block == NULL);
	for (int i = 0; i < NBLK && sh->sec_done; i++) {
		uint8_t *p = sh->sec_blocks[i];
		size_t sz = 0;
		CHECK(rte_malloc_validate(p, &sz) == 0 && sz >= sh->sec_sizes[i]);
		bool same = true;
		for (size_t k = 0; k < sh->sec_sizes[i]; k += 512)
			same &= p[k] == (uint8_t)i;
		CHECK_MSG(same, "block %d content", i);
		rte_free(p);
	}

	/* kill -9 of a secondary leaves the primary working */
	kill(holder, SIGKILL);
	waitpid(holder, NULL, 0);
	CHECK(run(argv[0], "attach", "--lcores=2@0") == 0);   /* its lcore is free again */
	void *x = rte_malloc("after", 1 << 20, 0);
	CHECK(x != NULL);
	rte_free(x);
	rte_free(grow);
	CHECK(rte_memzone_lookup("mp_data") == dmz);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
