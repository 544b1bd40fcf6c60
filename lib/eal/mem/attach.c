/* SPDX-License-Identifier: BSD-3-Clause
 * Secondary processes attach to the primary's memory.
 *
 * The primary's memory is a handful of memfds (eal_mem.h): the shared config
 * and one per memseg list, all mapped MAP_SHARED at fixed addresses inside
 * one reservation [va_base, va_base + va_len). Every process maps each
 * list's WHOLE range from its memfd (MAP_NORESERVE: no page is allocated by
 * mapping), so a page that any process allocates later (fallocate on the
 * memfd) is visible at the same address in all of them with no further
 * message, and a page punched out of the file disappears from all of them.
 *
 * Attach protocol over the rte_mp channel (request "dpl_mem_attach"):
 *   secondary -> primary   param: struct attach_req { first }   (first = ~0: config)
 *   primary  -> secondary  param: struct attach_rep, fds: config fd, or up to
 *                          8 list fds starting at list `first`
 * The secondary then reserves the same range with MAP_FIXED_NOREPLACE (ASLR
 * stays on: the range sits at 32 TiB, far from where the loader and mmap put
 * things); if that range is taken in this process, init fails with an error
 * naming the mapping in the way. Received fds stay open for the process's
 * life, like the primary's, so the kernel keeps the memory while anyone
 * uses it and frees it when the last user is gone, crash or not.
 *
 * Lcore ownership: each process claims its lcore ids in cfg->lcore_owner[]
 * (PID per lcore). A secondary whose lcores are held by a live process fails
 * with EBUSY naming that PID; ids held by dead processes are taken over. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include "eal_mem.h"
#include "eal_memalloc.h"

#define ATTACH_ACTION "dpl_mem_attach"
#define ATTACH_CONFIG UINT32_MAX

struct attach_req {
	uint32_t first;
};
struct attach_rep {
	int32_t status;            /* 0 or -errno */
	uint32_t nb_msl;
	uint32_t first, count;     /* list fds in this reply */
	uint64_t cfg_va, cfg_len, va_base, va_len;
};

/* ---- primary side ---------------------------------------------------------- */
static int attach_action(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg r;
	struct attach_rep rep;
	struct attach_req req;
	struct eal_mem_config *cfg = eal_mcfg();

	memset(&r, 0, sizeof(r));
	memset(&rep, 0, sizeof(rep));
	snprintf(r.name, sizeof(r.name), "%s", ATTACH_ACTION);
	if (msg->len_param != sizeof(req) || cfg == NULL) {
		rep.status = -EINVAL;
	} else {
		memcpy(&req, msg->param, sizeof(req));
		rep.nb_msl = cfg->nb_msl;
		rep.cfg_va = cfg->cfg_va;
		rep.cfg_len = cfg->cfg_len;
		rep.va_base = cfg->va_base;
		rep.va_len = cfg->va_len;
		if (req.first == ATTACH_CONFIG) {
			r.fds[r.num_fds++] = eal_mem.cfg_fd;
		} else if (req.first < cfg->nb_msl) {
			rep.first = req.first;
			for (uint32_t i = req.first; i < cfg->nb_msl && r.num_fds < RTE_MP_MAX_FD_NUM; i++)
				r.fds[r.num_fds++] = eal_mem.msl_fd[i];
			rep.count = (uint32_t)r.num_fds;
		} else {
			rep.status = -EINVAL;
		}
	}
	r.len_param = sizeof(rep);
	memcpy(r.param, &rep, sizeof(rep));
	return rte_mp_reply(&r, peer);
}

int eal_mem_attach_serve(void)
{
	if (eal.opt.no_shconf)
		return 0;
	if (rte_mp_action_register(ATTACH_ACTION, attach_action) < 0 && rte_errno != EEXIST)
		return -rte_errno;
	return 0;
}

/* ---- lcore ownership ----------------------------------------------------------- */
static bool pid_alive(int32_t pid)
{
	return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

static bool lcore_taken(const struct eal_mem_config *cfg, unsigned int id)
{
	int32_t pid = __atomic_load_n(&cfg->lcore_owner[id], __ATOMIC_ACQUIRE);
	return pid != 0 && pid != (int32_t)getpid() && pid_alive(pid);
}

/* The one option that fixes a clash: every lcore we asked for, in order,
 * with taken ids replaced by free ones, each kept on its CPUs, e.g.
 * "--lcores=2@0,3@1". Free: no live process holds it and we did not ask
 * for it. Falls back to a generic hint when there are not enough ids. */
static void lcores_suggest(const struct eal_mem_config *cfg, char *buf, size_t len)
{
	static bool used[RTE_MAX_LCORE];
	size_t off = (size_t)snprintf(buf, len, "pass --lcores=");
	unsigned int next = 0, n = 0;
	memset(used, 0, sizeof(used));
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (eal.opt.lcore_role[id] == ROLE_RTE)
			used[id] = true;
	for (unsigned int id = 0; id < RTE_MAX_LCORE && off < len; id++) {
		if (eal.opt.lcore_role[id] != ROLE_RTE)
			continue;
		unsigned int to = id;
		if (lcore_taken(cfg, id)) {
			while (next < RTE_MAX_LCORE && (used[next] || lcore_taken(cfg, next)))
				next++;
			if (next == RTE_MAX_LCORE) {
				snprintf(buf, len, "give this process lcore ids no other process of "
					 "the prefix uses (--lcores=ID@CPU)");
				return;
			}
			to = next;
			used[to] = true;
		}
		int cpu = -1;
		for (unsigned int c = 0; c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &eal.opt.lcore_cpuset[id])) {
				cpu = (int)c;
				break;
			}
		off += (size_t)snprintf(buf + off, len - off, "%s%u@%d", n++ ? "," : "", to,
					cpu < 0 ? 0 : cpu);
	}
	if (off < len && eal.opt.main_lcore_set)
		snprintf(buf + off, len - off, " (and --main-lcore with one of those ids)");
}

int eal_mem_claim_lcores(void)
{
	struct eal_mem_config *cfg = eal_mcfg();
	int32_t me = (int32_t)getpid();
	if (cfg == NULL)
		return 0;
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		if (eal.opt.lcore_role[id] != ROLE_RTE)
			continue;
		int32_t cur = __atomic_load_n(&cfg->lcore_owner[id], __ATOMIC_ACQUIRE);
		for (;;) {
			if (cur == me)
				break;
			if (cur != 0 && pid_alive(cur)) {
				char fix[256];
				lcores_suggest(cfg, fix, sizeof(fix));
				EAL_LOG(ERR, "lcore %u is in use by process %d of prefix '%s'; processes "
					"sharing an lcore id would corrupt per-lcore mempool caches, so "
					"dplite refuses. Fix: %s\n", id, (int)cur, eal.opt.file_prefix, fix);
				eal_mem_release_lcores();
				return -EBUSY;
			}
			/* free, or held by a dead process: take it */
			if (__atomic_compare_exchange_n(&cfg->lcore_owner[id], &cur, me, false,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				break;
		}
	}
	return 0;
}

bool eal_mem_others_alive(void)
{
	struct eal_mem_config *cfg = eal_mcfg();
	int32_t me = (int32_t)getpid();
	if (cfg == NULL)
		return false;
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		int32_t pid = __atomic_load_n(&cfg->lcore_owner[id], __ATOMIC_ACQUIRE);
		if (pid != 0 && pid != me && pid_alive(pid))
			return true;
	}
	return false;
}

void eal_mem_release_lcores(void)
{
	struct eal_mem_config *cfg = eal_mcfg();
	int32_t me = (int32_t)getpid();
	if (cfg == NULL)
		return;
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		int32_t cur = me;
		__atomic_compare_exchange_n(&cfg->lcore_owner[id], &cur, 0, false,
					    __ATOMIC_RELEASE, __ATOMIC_RELAXED);
	}
}

/* ---- secondary side ------------------------------------------------------------- */
static int request(uint32_t first, struct attach_rep *rep, int *fds, int *nfds)
{
	struct rte_mp_msg m;
	struct rte_mp_reply reply;
	struct timespec ts = { 5, 0 };
	struct attach_req req = { first };

	memset(&m, 0, sizeof(m));
	snprintf(m.name, sizeof(m.name), "%s", ATTACH_ACTION);
	m.len_param = sizeof(req);
	memcpy(m.param, &req, sizeof(req));
	if (rte_mp_request_sync(&m, &reply, &ts) < 0 || reply.nb_received != 1) {
		int e = rte_errno;
		for (int i = 0; i < reply.nb_received; i++)
			for (int f = 0; f < reply.msgs[i].num_fds; f++)
				close(reply.msgs[i].fds[f]);
		free(reply.msgs);
		EAL_LOG(ERR, "secondary: the primary did not answer the attach request (%s)\n",
			reply.nb_sent == 0 ? "no primary socket" : rte_strerror(e));
		return -EPROTO;
	}
	struct rte_mp_msg *r = &reply.msgs[0];
	int rc = 0;
	if (r->len_param != sizeof(*rep)) {
		rc = -EPROTO;
	} else {
		memcpy(rep, r->param, sizeof(*rep));
		rc = rep->status;
	}
	*nfds = r->num_fds;
	memcpy(fds, r->fds, sizeof(int) * (size_t)r->num_fds);
	free(reply.msgs);
	if (rc < 0) {
		for (int i = 0; i < *nfds; i++)
			close(fds[i]);
		EAL_LOG(ERR, "secondary: attach request refused: %s\n", strerror(-rc));
	}
	return rc;
}

/* Name what sits in [lo, hi) in this process, for the error message. */
static void describe_conflict(uint64_t lo, uint64_t hi, char *buf, size_t len)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	snprintf(buf, len, "unknown mapping");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long a, b;
		if (sscanf(line, "%llx-%llx", &a, &b) == 2 && a < hi && b > lo) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(buf, len, "%s", line);
			break;
		}
	}
	fclose(f);
}

int eal_memory_attach(void)
{
	struct attach_rep rep;
	int fds[RTE_MP_MAX_FD_NUM], nfds = 0, rc;

	if ((rc = request(ATTACH_CONFIG, &rep, fds, &nfds)) < 0)
		return rc;
	if (nfds != 1 || rep.nb_msl > EAL_MAX_MSL) {
		for (int i = 0; i < nfds; i++)
			close(fds[i]);
		return -EPROTO;
	}
	eal_mem.cfg_fd = fds[0];

	/* the same range, or fail naming what is in the way */
	void *want = (void *)(uintptr_t)rep.va_base;
	void *got = mmap(want, rep.va_len, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (got != want) {
		char what[512];
		if (got != MAP_FAILED)
			munmap(got, rep.va_len);   /* old kernel ignored NOREPLACE */
		describe_conflict(rep.va_base, rep.va_base + rep.va_len, what, sizeof(what));
		EAL_LOG(ERR, "secondary: cannot map the shared memory at [0x%llx, 0x%llx): the range "
			"is taken in this process by: %s\n", (unsigned long long)rep.va_base,
			(unsigned long long)(rep.va_base + rep.va_len), what);
		close(eal_mem.cfg_fd);
		eal_mem.cfg_fd = -1;
		return -EADDRINUSE;
	}
	eal_mem.resv = got;
	eal_mem.resv_len = rep.va_len;
	if (mmap((void *)(uintptr_t)rep.cfg_va, rep.cfg_len, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, eal_mem.cfg_fd, 0) == MAP_FAILED) {
		rc = -errno;
		EAL_LOG(ERR, "secondary: cannot map the shared config: %s\n", strerror(errno));
		goto fail;
	}
	struct eal_mem_config *cfg = (void *)(uintptr_t)rep.cfg_va;
	if (__atomic_load_n(&cfg->magic, __ATOMIC_ACQUIRE) != EAL_MEMCFG_MAGIC) {
		EAL_LOG(ERR, "secondary: the primary's memory config is not valid (version mismatch?)\n");
		rc = -EPROTO;
		goto fail;
	}
	eal_mem.cfg = cfg;

	for (uint32_t first = 0; first < rep.nb_msl;) {
		struct attach_rep lr;
		if ((rc = request(first, &lr, fds, &nfds)) < 0)
			goto fail;
		if (lr.first != first || lr.count == 0 || (int)lr.count != nfds) {
			for (int i = 0; i < nfds; i++)
				close(fds[i]);
			rc = -EPROTO;
			goto fail;
		}
		for (uint32_t k = 0; k < lr.count; k++)
			eal_mem.msl_fd[first + k] = fds[k];
		first += lr.count;
	}
	if ((rc = eal_mem_map_lists()) < 0)
		goto fail;
	eal.has_hugepages = cfg->has_hugepages;
	eal.iova_mode = (enum rte_iova_mode)cfg->iova_mode;
	if ((rc = eal_mem_claim_lcores()) < 0)
		goto fail;
	if ((rc = eal_heap_init()) < 0) {
		EAL_LOG(ERR, "secondary: cannot attach to the heap: %s\n", strerror(-rc));
		eal_mem_release_lcores();
		goto fail;
	}
	EAL_LOG(DEBUG, "secondary: attached %u memseg list(s) at 0x%llx\n", cfg->nb_msl,
		(unsigned long long)rep.va_base);
	return 0;
fail:
	eal_mem.cfg = NULL;
	for (int i = 0; i < EAL_MAX_MSL; i++)
		if (eal_mem.msl_fd[i] >= 0) {
			close(eal_mem.msl_fd[i]);
			eal_mem.msl_fd[i] = -1;
		}
	close(eal_mem.cfg_fd);
	eal_mem.cfg_fd = -1;
	munmap(eal_mem.resv, eal_mem.resv_len);
	eal_mem.resv = NULL;
	eal_mem.resv_len = 0;
	return rc;
}

int eal_mem_map_lists(void)
{
	struct eal_mem_config *cfg = eal_mcfg();
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		struct rte_memseg_list *msl = &cfg->msl[i];
		if (mmap(msl->base_va, msl->len, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_FIXED | MAP_NORESERVE, eal_mem.msl_fd[i], 0) == MAP_FAILED) {
			int rc = -errno;
			EAL_LOG(ERR, "cannot map memseg list %u (%zu MB): %s\n", i, msl->len >> 20,
				strerror(errno));
			return rc;
		}
	}
	return 0;
}
