/* SPDX-License-Identifier: BSD-3-Clause
 * Memory that adds up, each case in its own process:
 *  - blocks:  --no-huge -m 512: blocks of 1 MiB cost about 1 MiB each, so
 *             about 511 of them fit (DPDK: 511; a 2 MiB granule per block
 *             would give 255); the heap checker is clean after freeing.
 *  - aslimit: RLIMIT_AS = 1 GiB (prlimit --as=1G) with --no-huge -m 512:
 *             init sizes its address-space reservation to fit and works
 *             (skipped under sanitizers, which need terabytes of VA).
 *  - socketmem0: --socket-mem=0 initialises (DPDK accepts it) and memory
 *             can be allocated.
 * usage: test_rel_mem_limits */
#include <sys/resource.h>
#include <rte_malloc.h>
#include "rel_test.h"
#include "../heap/heap_test.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define REL_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define REL_SANITIZED 1
#endif
#endif

static int init_exact(const char *a1, const char *a2, const char *a3)
{
	char *argv[8] = { (char *)"rel", rel_prefix, (char *)"--lcores=0@0", (char *)a1,
			  (char *)a2, (char *)a3, NULL };
	int argc = 3;
	while (argv[argc] != NULL)
		argc++;
	return rte_eal_init(argc, argv);
}

static int blocks(void)
{
	if (init_exact("--no-huge", "-m", "512") < 0)
		return 2;
	static void *b[1024];
	int n = 0;
	rte_log_set_global_level(RTE_LOG_CRIT);   /* the last one fails on purpose */
	while (n < 1024 && (b[n] = rte_malloc(NULL, 1 << 20, 0)) != NULL)
		n++;
	rte_log_set_global_level(RTE_LOG_NOTICE);
	printf("%d blocks of 1 MiB fit in -m 512\n", n);
	if (n < 500) {
		fprintf(stderr, "FAIL: only %d blocks of 1 MiB fit in -m 512 (DPDK: 511)\n", n);
		return 3;
	}
	for (int i = 0; i < n; i++)
		rte_free(b[i]);
	if (eal_heap_verify(stderr) != 0)
		return 4;
	rte_eal_cleanup();
	return 0;
}

static int aslimit(void)
{
	struct rlimit rl = { 1ULL << 30, 1ULL << 30 };
	if (setrlimit(RLIMIT_AS, &rl) < 0)
		return 2;
	if (init_exact("--no-huge", "-m", "512") < 0)
		return 3;
	void *p = rte_malloc(NULL, 64 << 20, 0);
	if (p == NULL)
		return 4;
	memset(p, 1, 64 << 20);
	rte_free(p);
	rte_eal_cleanup();
	return 0;
}

static int socketmem0(void)
{
	if (init_exact("--socket-mem=0", NULL, NULL) < 0)
		return 2;
	void *p = rte_malloc(NULL, 3 << 20, 0);
	if (p == NULL)
		return 3;
	rte_free(p);
	rte_eal_cleanup();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4) {
		snprintf(rel_prefix, sizeof(rel_prefix), "%s", argv[2]);
		if (strcmp(argv[1], "blocks") == 0)
			return blocks();
		if (strcmp(argv[1], "aslimit") == 0)
			return aslimit();
		if (strcmp(argv[1], "socketmem0") == 0)
			return socketmem0();
		return 99;
	}
	rel_watchdog(120);
	static const char *const modes[] = { "blocks", "aslimit", "socketmem0" };
	for (unsigned int i = 0; i < RTE_DIM(modes); i++) {
#ifdef REL_SANITIZED
		if (strcmp(modes[i], "aslimit") == 0) {
			fprintf(stderr, "aslimit: skipped under a sanitizer\n");
			continue;
		}
#endif
		snprintf(rel_prefix, sizeof(rel_prefix), "--file-prefix=rellim_%d_%u", (int)getpid(), i);
		int st = rel_wait(rel_spawn(argv[0], modes[i], NULL), 60000);
		CHECK_MSG(st == 0, "%s: exit status %d", modes[i], st);
	}
	return test_done();
}
