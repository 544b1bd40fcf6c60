/* SPDX-License-Identifier: BSD-3-Clause
 * The backing is shareable: a second program (this one re-executed, so
 * nothing is inherited but the fds) receives the config and list memfds,
 * attaches at the same addresses, finds a memzone by name, reads what the
 * first wrote and writes back; after the first grows (new memzone) and
 * shrinks (freed memzone), a sync makes the second see exactly that. This is
 * the page-layer half of secondary processes; passing the fds over the
 * multi-process socket is the other half. */
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/wait.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_malloc.h>
#include <rte_errno.h>
#include "test.h"
#include "eal_memalloc.h"
#include "eal_mem.h"

#define ZLEN (3u << 20)

static void fill(void *p, size_t len, uint8_t seed)
{
	for (size_t i = 0; i < len; i += 4096)
		((uint8_t *)p)[i] = (uint8_t)(seed + i / 4096);
}
static bool check(const void *p, size_t len, uint8_t seed)
{
	for (size_t i = 0; i < len; i += 4096)
		if (((const uint8_t *)p)[i] != (uint8_t)(seed + i / 4096))
			return false;
	return true;
}

static void say(int fd, char c) { if (write(fd, &c, 1) != 1) exit(9); }
static char hear(int fd)
{
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	char c = 0;
	if (poll(&pf, 1, 20000) != 1 || read(fd, &c, 1) != 1)
		return 0;
	return c;
}

/* This process's mappings equal the shared "used" bitmaps, list by list. */
static bool in_sync(void)
{
	struct eal_mem_config *cfg = eal_mcfg();
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		const struct rte_memseg_list *msl = &cfg->msl[i];
		size_t words = (msl->memseg_arr.len + 63) / 64;
		const uint64_t *used = (const uint64_t *)RTE_PTR_ADD(msl->memseg_arr.data,
			RTE_ALIGN_CEIL((size_t)msl->memseg_arr.len * sizeof(struct rte_memseg), 8));
		if (memcmp(used, eal_mem.local_map[i], words * 8) != 0)
			return false;
	}
	return true;
}

static int child(int argc, char **argv)
{
	int to_parent = atoi(argv[2]), from_parent = atoi(argv[3]), cfg_fd = atoi(argv[4]);
	int fds[EAL_MAX_MSL];
	unsigned int n = 0;
	for (int i = 5; i < argc && n < EAL_MAX_MSL; i++)
		fds[n++] = atoi(argv[i]);
	REQUIRE(eal_memory_attach(cfg_fd, fds, n) == 0);
	CHECK(in_sync());
	CHECK(eal_memory_attach(cfg_fd, fds, n) == -EINVAL);   /* once */
	const struct rte_memzone *mz = rte_memzone_lookup("share_a");
	REQUIRE(mz != NULL);
	CHECK(mz->len >= ZLEN && check(mz->addr, ZLEN, 7));
	CHECK(rte_mem_virt2memseg(mz->addr, NULL) != NULL);
	fill(mz->addr, ZLEN, 99);   /* the parent will see this */
	say(to_parent, 'A');
	/* parent grew ("share_b") and shrank (freed "share_a") */
	REQUIRE(hear(from_parent) == 'G');
	CHECK(!in_sync());   /* the parent mapped (and unmapped) pages meanwhile */
	CHECK(eal_memory_sync() == 0);
	CHECK(in_sync());
	CHECK(rte_memzone_lookup("share_a") == NULL);
	const struct rte_memzone *b = rte_memzone_lookup("share_b");
	REQUIRE(b != NULL);
	CHECK(check(b->addr, b->len & ~(size_t)4095, 42));
	fill(b->addr, b->len & ~(size_t)4095, 43);
	say(to_parent, 'B');
	eal_memory_detach();
	return test_done();
}

int main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "child") == 0)
		return child(argc, argv);
	test_eal_init("memshare", NULL);
	const struct rte_memzone *a = rte_memzone_reserve("share_a", ZLEN, SOCKET_ID_ANY, 0);
	REQUIRE(a != NULL);
	if (rte_mem_virt2memseg_list(a->addr) == NULL)
		TEST_SKIP("memzones are not in memseg lists (provisional heap)");
	fill(a->addr, ZLEN, 7);

	int cfg_fd, fds[EAL_MAX_MSL];
	unsigned int n;
	CHECK(eal_memory_export(&cfg_fd, fds, 0, &n) == -EINVAL);
	REQUIRE(eal_memory_export(&cfg_fd, fds, EAL_MAX_MSL, &n) == 0 && n >= 1);
	int up[2], down[2];
	REQUIRE(pipe(up) == 0 && pipe(down) == 0);
	char *cargv[8 + EAL_MAX_MSL];
	char nums[8 + EAL_MAX_MSL][16];
	int k = 0;
	cargv[k++] = argv[0];
	cargv[k++] = (char *)"child";
	int pass[3 + EAL_MAX_MSL] = { up[1], down[0], dup(cfg_fd) };
	for (unsigned int i = 0; i < n; i++)
		pass[3 + i] = dup(fds[i]);   /* dup: no FD_CLOEXEC, so they survive exec */
	for (unsigned int i = 0; i < 3 + n; i++) {
		snprintf(nums[i], sizeof(nums[i]), "%d", pass[i]);
		cargv[k++] = nums[i];
	}
	cargv[k] = NULL;
	fflush(NULL);
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		execv("/proc/self/exe", cargv);
		_exit(127);
	}
	close(up[1]);
	close(down[0]);
	for (unsigned int i = 2; i < 3 + n; i++)
		close(pass[i]);
	CHECK(hear(up[0]) == 'A');
	CHECK(check(a->addr, ZLEN, 99));   /* the child's writes */

	/* grow: a new zone on fresh pages; shrink: free the old one */
	const struct rte_memzone *b = rte_memzone_reserve("share_b", 8u << 20, SOCKET_ID_ANY, 0);
	REQUIRE(b != NULL);
	fill(b->addr, b->len & ~(size_t)4095, 42);
	CHECK(rte_memzone_free(a) == 0);
	say(down[1], 'G');
	CHECK(hear(up[0]) == 'B');
	CHECK(check(b->addr, b->len & ~(size_t)4095, 43));
	int st;
	REQUIRE(waitpid(pid, &st, 0) == pid);
	CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status 0x%x", st);
	rte_eal_cleanup();
	return test_done();
}
