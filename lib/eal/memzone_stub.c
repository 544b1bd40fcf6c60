/* SPDX-License-Identifier: BSD-3-Clause
 * PROVISIONAL page layer and memzones: process-private, on libc/mmap, so that
 * rings, mempools and tests can be written before the real memory subsystem
 * (hugepages, memseg lists, shared config) lands and replaces this file.
 * Not shared across processes. */
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <rte_memzone.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_eal.h>
#include <sys/mman.h>
#include "eal_private.h"
#include "eal_memalloc.h"

struct stub_mz {
	struct rte_memzone mz;
	void *raw;
	struct stub_mz *next;
};
static pthread_mutex_t stub_lock = PTHREAD_MUTEX_INITIALIZER;
static struct stub_mz *stub_list;

static void *heap_root;
void **eal_heap_root(void) { return &heap_root; }
size_t eal_pages_default_size(void) { return 4096; }
int eal_pages_alloc(size_t len, size_t align, int socket_id, unsigned int flags,
		    size_t want_page_sz, struct eal_page_span *out)
{
	(void)socket_id; (void)flags; (void)want_page_sz;
	len = RTE_ALIGN_CEIL(len, (size_t)4096);
	if (align < 4096)
		align = 4096;
	void *p = mmap(NULL, len + align, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (p == MAP_FAILED)
		return -ENOMEM;
	void *a = RTE_PTR_ALIGN_CEIL(p, align);
	if (a != p)
		munmap(p, RTE_PTR_DIFF(a, p));
	munmap(RTE_PTR_ADD(a, len), RTE_PTR_DIFF(RTE_PTR_ADD(p, len + align), RTE_PTR_ADD(a, len)));
	*out = (struct eal_page_span){ a, len, 4096, 0, (rte_iova_t)(uintptr_t)a };
	return 0;
}
int eal_pages_free(void *addr, size_t len)
{
	return munmap(addr, RTE_ALIGN_CEIL(len, (size_t)4096)) == 0 ? 0 : -EINVAL;
}
int rte_eal_has_hugepages(void) { return 0; }
enum rte_iova_mode rte_eal_iova_mode(void) { return RTE_IOVA_VA; }
rte_iova_t rte_mem_virt2iova(const void *virt) { return (rte_iova_t)(uintptr_t)virt; }

int eal_memory_init(void) { return eal_heap_init(); }

void eal_memory_cleanup(void)
{
	eal_heap_cleanup();
	pthread_mutex_lock(&stub_lock);
	while (stub_list) {
		struct stub_mz *z = stub_list;
		stub_list = z->next;
		free(z->raw);
		free(z);
	}
	pthread_mutex_unlock(&stub_lock);
}

static struct stub_mz *stub_find(const char *name)
{
	for (struct stub_mz *z = stub_list; z; z = z->next)
		if (strncmp(z->mz.name, name, RTE_MEMZONE_NAMESIZE) == 0)
			return z;
	return NULL;
}

const struct rte_memzone *
rte_memzone_reserve_bounded(const char *name, size_t len, int socket_id,
			    unsigned int flags, unsigned int align, unsigned int bound)
{
	(void)socket_id; (void)flags;
	if (name == NULL || strnlen(name, RTE_MEMZONE_NAMESIZE) >= RTE_MEMZONE_NAMESIZE) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (align == 0)
		align = RTE_CACHE_LINE_SIZE;
	if (!rte_is_power_of_2(align) || (bound && (!rte_is_power_of_2(bound) || bound < len))) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (align < RTE_CACHE_LINE_SIZE)
		align = RTE_CACHE_LINE_SIZE;
	if (len == 0)
		len = 4096;
	pthread_mutex_lock(&stub_lock);
	if (stub_find(name)) {
		pthread_mutex_unlock(&stub_lock);
		rte_errno = EEXIST;
		return NULL;
	}
	struct stub_mz *z = calloc(1, sizeof(*z));
	size_t a = bound ? RTE_MAX((size_t)align, (size_t)bound) : align;
	if (z == NULL || posix_memalign(&z->raw, a, RTE_ALIGN_CEIL(len, 64)) != 0) {
		free(z);
		pthread_mutex_unlock(&stub_lock);
		rte_errno = ENOMEM;
		return NULL;
	}
	memset(z->raw, 0, len);
	snprintf(z->mz.name, sizeof(z->mz.name), "%s", name);
	z->mz.addr = z->raw;
	z->mz.iova = (rte_iova_t)(uintptr_t)z->raw;
	z->mz.len = len;
	z->mz.hugepage_sz = 4096;
	z->mz.socket_id = 0;
	z->next = stub_list;
	stub_list = z;
	pthread_mutex_unlock(&stub_lock);
	return &z->mz;
}
const struct rte_memzone *
rte_memzone_reserve_aligned(const char *name, size_t len, int socket_id,
			    unsigned int flags, unsigned int align)
{
	return rte_memzone_reserve_bounded(name, len, socket_id, flags, align, 0);
}
const struct rte_memzone *
rte_memzone_reserve(const char *name, size_t len, int socket_id, unsigned int flags)
{
	return rte_memzone_reserve_bounded(name, len, socket_id, flags, 0, 0);
}
const struct rte_memzone *rte_memzone_lookup(const char *name)
{
	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	pthread_mutex_lock(&stub_lock);
	struct stub_mz *z = stub_find(name);
	pthread_mutex_unlock(&stub_lock);
	if (z == NULL) {
		rte_errno = ENOENT;
		return NULL;
	}
	return &z->mz;
}
int rte_memzone_free(const struct rte_memzone *mz)
{
	if (mz == NULL)
		return -EINVAL;
	pthread_mutex_lock(&stub_lock);
	for (struct stub_mz **pp = &stub_list; *pp; pp = &(*pp)->next) {
		if (&(*pp)->mz == mz) {
			struct stub_mz *z = *pp;
			*pp = z->next;
			pthread_mutex_unlock(&stub_lock);
			free(z->raw);
			free(z);
			return 0;
		}
	}
	pthread_mutex_unlock(&stub_lock);
	return -EINVAL;
}
void rte_memzone_walk(void (*func)(const struct rte_memzone *, void *), void *arg)
{
	pthread_mutex_lock(&stub_lock);
	for (struct stub_mz *z = stub_list; z; z = z->next)
		func(&z->mz, arg);
	pthread_mutex_unlock(&stub_lock);
}
void rte_memzone_dump(FILE *f)
{
	pthread_mutex_lock(&stub_lock);
	for (struct stub_mz *z = stub_list; z; z = z->next)
		fprintf(f, "zone %s addr %p len 0x%zx\n", z->mz.name, z->mz.addr, z->mz.len);
	pthread_mutex_unlock(&stub_lock);
}

