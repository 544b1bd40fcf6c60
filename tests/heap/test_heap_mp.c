/* SPDX-License-Identifier: BSD-3-Clause
 * One heap across processes. The primary allocates small and large blocks;
 * an exec'd secondary checks their contents, frees half of them (remote
 * frees into the primary lcore's cache), allocates its own and exits; the
 * primary checks the whole heap, reuses the memory the secondary freed, and
 * frees the secondary's blocks (remote frees into a cache whose process is
 * gone); a second secondary takes that cache over, allocates again and
 * checks the whole heap from its side. Before the heap grows, blocks
 * waiting on the exited secondary's cache are taken back and reused. Per-type accounting ends at zero. */
#include <sys/wait.h>
#include <stdint.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_lcore.h>
#include "heap_test.h"

#define NPRI 2000
#define NSEC 1000
struct shared {
	void *pri[NPRI];
	size_t pri_sz[NPRI];
	void *sec[NSEC];
	size_t sec_sz[NSEC];
	int sec_problems;
};

static char prefix[96];

static size_t blk_size(int i)
{
	return (i % 50 == 0) ? 20000 + (size_t)i * 16 : 16 + (size_t)(i * 37) % 4081;
}

static int secondary(const char *mode)
{
	char *argv[8] = { (char *)"sec", prefix, (char *)"--proc-type=secondary",
			  (char *)"--lcores=1@0" };
	int argc = 4;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	argv[argc] = NULL;
	if (rte_eal_init(argc, argv) < 0)
		return 10;
	const struct rte_memzone *mz = rte_memzone_lookup("heap_mp");
	if (mz == NULL)
		return 11;
	struct shared *sh = mz->addr;
	if (strcmp(mode, "first") == 0) {
		for (int i = 0; i < NPRI; i++) {
			size_t sz = 0;
			if (rte_malloc_validate(sh->pri[i], &sz) != 0 || sz < sh->pri_sz[i])
				return 12;
			if (!check_pattern(sh->pri[i], sh->pri_sz[i], (unsigned int)i))
				return 13;
			if (i % 2 == 0) {
				rte_free(sh->pri[i]);
				sh->pri[i] = NULL;
			}
		}
		for (int i = 0; i < NSEC; i++) {
			sh->sec_sz[i] = blk_size(i + 7);
			sh->sec[i] = rte_malloc("mp_sec", sh->sec_sz[i], 0);
			if (sh->sec[i] == NULL)
				return 14;
			fill_pattern(sh->sec[i], sh->sec_sz[i], 5000u + (unsigned int)i);
		}
	} else {   /* "second": take over the cache the first one left */
		void *p[NSEC];
		for (int i = 0; i < NSEC; i++) {
			p[i] = rte_malloc("mp_sec2", blk_size(i + 7), 0);
			if (p[i] == NULL)
				return 15;
			fill_pattern(p[i], blk_size(i + 7), 9u);
		}
		for (int i = 0; i < NSEC; i++) {
			if (!check_pattern(p[i], blk_size(i + 7), 9u))
				return 16;
			rte_free(p[i]);
		}
		sh->sec_problems = eal_heap_verify(stderr);
	}
	rte_eal_cleanup();
	return 0;
}

static int run(const char *self, const char *mode)
{
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		execl(self, self, "secondary", mode, prefix, (char *)NULL);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static long long type_bytes(const char *type)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rte_malloc_dump_stats(f, type);
	fclose(f);
	char key[64];
	snprintf(key, sizeof(key), "Type:%s live_bytes:", type);
	char *p = strstr(buf, key);
	long long v = p ? atoll(p + strlen(key)) : -1;
	free(buf);
	return v;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "secondary") == 0) {
		snprintf(prefix, sizeof(prefix), "%s", argv[3]);
		return secondary(argv[2]);
	}
	snprintf(prefix, sizeof(prefix), "--file-prefix=heapmp_%d", (int)getpid());
	char *pargv[8] = { (char *)"pri", prefix, (char *)"-l", (char *)"0" };
	int pargc = 4;
	if (test_no_huge())
		pargv[pargc++] = (char *)"--no-huge";
	pargv[pargc] = NULL;
	REQUIRE(rte_eal_init(pargc, pargv) >= 0);
	const struct rte_memzone *mz = rte_memzone_reserve("heap_mp", sizeof(struct shared),
							   SOCKET_ID_ANY, 0);
	REQUIRE(mz);
	struct shared *sh = mz->addr;
	memset(sh, 0, sizeof(*sh));
	for (int i = 0; i < NPRI; i++) {
		sh->pri_sz[i] = blk_size(i);
		sh->pri[i] = rte_malloc("mp_pri", sh->pri_sz[i], 0);
		REQUIRE(sh->pri[i]);
		fill_pattern(sh->pri[i], sh->pri_sz[i], (unsigned int)i);
	}
	void *freed[NPRI / 2];
	for (int i = 0; i < NPRI; i += 2)
		freed[i / 2] = sh->pri[i];

	int rc = run(argv[0], "first");
	CHECK_MSG(rc == 0, "first secondary exited with %d", rc);
	if (rc != 0) {
		rte_eal_cleanup();
		return test_done();
	}
	HEAP_VERIFY("secondary freed half");
	for (int i = 0; i < NPRI; i++) {
		if (i % 2 == 0) {
			CHECK(sh->pri[i] == NULL);
			continue;
		}
		CHECK_MSG(check_pattern(sh->pri[i], sh->pri_sz[i], (unsigned int)i), "pri block %d", i);
	}
	for (int i = 0; i < NSEC; i++) {
		size_t sz = 0;
		CHECK(rte_malloc_validate(sh->sec[i], &sz) == 0 && sz >= sh->sec_sz[i]);
		CHECK_MSG(check_pattern(sh->sec[i], sh->sec_sz[i], 5000u + (unsigned int)i),
			  "sec block %d", i);
	}
	/* the primary reuses what the secondary freed */
	static void *again[NPRI / 2];
	int reused = 0;
	for (int i = 0; i < NPRI / 2; i++) {
		again[i] = rte_malloc("mp_pri", blk_size(2 * i), 0);
		REQUIRE(again[i]);
		fill_pattern(again[i], blk_size(2 * i), 77u);
	}
	for (int i = 0; i < NPRI / 2; i++)
		for (int k = 0; k < NPRI / 2 && !reused; k++)
			reused = again[i] == freed[k];
	CHECK_MSG(reused, "no block freed by the secondary was handed out again");
	HEAP_VERIFY("primary reuse");
	/* free the secondary's blocks: its process is gone */
	for (int i = 0; i < NSEC; i++)
		rte_free(sh->sec[i]);
	CHECK(type_bytes("mp_sec") == 0);
	HEAP_VERIFY("freed secondary's blocks");
	/* those frees wait on the dead secondary's cache; before the heap
	 * grows they are taken back, so their slabs serve the primary */
	enum { NFILL = 4000 };
	static void *fill[NFILL];
	int hit = 0;
	for (int i = 0; i < NFILL; i++) {
		fill[i] = rte_malloc("mp_fill", 4096, 0);
		REQUIRE(fill[i]);
		for (int k = 0; k < NSEC && !hit; k++)
			hit = sh->sec_sz[k] <= 8192 &&
			      ((uintptr_t)fill[i] >> 16) == ((uintptr_t)sh->sec[k] >> 16);
	}
	CHECK_MSG(hit, "slabs of the exited secondary were not reused");
	HEAP_VERIFY("reclaimed orphan cache");
	for (int i = 0; i < NFILL; i++)
		rte_free(fill[i]);

	rc = run(argv[0], "second");
	CHECK_MSG(rc == 0, "second secondary exited with %d", rc);
	CHECK_MSG(sh->sec_problems == 0, "secondary's heap check: %d problems", sh->sec_problems);
	CHECK(type_bytes("mp_sec2") == 0);
	for (int i = 0; i < NPRI / 2; i++) {
		CHECK(check_pattern(again[i], blk_size(2 * i), 77u));
		rte_free(again[i]);
	}
	for (int i = 1; i < NPRI; i += 2)
		rte_free(sh->pri[i]);
	CHECK(type_bytes("mp_pri") == 0);
	HEAP_VERIFY("end");
	rte_memzone_free(mz);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
