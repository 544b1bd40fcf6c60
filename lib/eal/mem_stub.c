/* SPDX-License-Identifier: BSD-3-Clause
 * PROVISIONAL memory backend: process-private memzones and rte_malloc on top
 * of libc, so that rings, mempools and tests can be written before the real
 * memory subsystem (hugepages, memseg lists, shared heap) lands. The memory
 * subsystem replaces this whole file; nothing else may depend on its
 * internals. Not shared across processes. */
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <rte_memzone.h>
#include <rte_malloc.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_eal.h>
#include "eal_private.h"

struct stub_mz {
	struct rte_memzone mz;
	void *raw;
	struct stub_mz *next;
};
static pthread_mutex_t stub_lock = PTHREAD_MUTEX_INITIALIZER;
static struct stub_mz *stub_list;

int eal_memory_init(void) { return 0; }

void eal_memory_cleanup(void)
{
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

/* rte_malloc: a 64-byte header before each block remembers the raw pointer. */
void *rte_malloc_socket(const char *type, size_t size, unsigned int align, int socket)
{
	(void)type; (void)socket;
	void *raw;
	if (size == 0 || (align && !rte_is_power_of_2(align))) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (align < RTE_CACHE_LINE_SIZE)
		align = RTE_CACHE_LINE_SIZE;
	if (posix_memalign(&raw, align, size + align) != 0) {
		rte_errno = ENOMEM;
		return NULL;
	}
	void *p = (char *)raw + align;
	((void **)p)[-1] = raw;
	((size_t *)p)[-2] = size;
	return p;
}
void *rte_malloc(const char *type, size_t size, unsigned int align)
{ return rte_malloc_socket(type, size, align, SOCKET_ID_ANY); }
void *rte_zmalloc_socket(const char *type, size_t size, unsigned int align, int socket)
{
	void *p = rte_malloc_socket(type, size, align, socket);
	if (p)
		memset(p, 0, size);
	return p;
}
void *rte_zmalloc(const char *type, size_t size, unsigned int align)
{ return rte_zmalloc_socket(type, size, align, SOCKET_ID_ANY); }
void *rte_calloc_socket(const char *type, size_t num, size_t size, unsigned int align, int socket)
{ return rte_zmalloc_socket(type, num * size, align, socket); }
void *rte_calloc(const char *type, size_t num, size_t size, unsigned int align)
{ return rte_zmalloc(type, num * size, align); }
void rte_free(void *p)
{
	if (p)
		free(((void **)p)[-1]);
}
void *rte_realloc_socket(void *ptr, size_t size, unsigned int align, int socket)
{
	void *n = rte_malloc_socket(NULL, size, align, socket);
	if (n && ptr) {
		size_t old = ((size_t *)ptr)[-2];
		memcpy(n, ptr, RTE_MIN(old, size));
		rte_free(ptr);
	}
	return n;
}
void *rte_realloc(void *ptr, size_t size, unsigned int align)
{ return rte_realloc_socket(ptr, size, align, SOCKET_ID_ANY); }
rte_iova_t rte_malloc_virt2iova(const void *addr) { return (rte_iova_t)(uintptr_t)addr; }
rte_iova_t rte_mem_virt2iova(const void *virt) { return (rte_iova_t)(uintptr_t)virt; }
int rte_eal_has_hugepages(void) { return 0; }
enum rte_iova_mode rte_eal_iova_mode(void) { return RTE_IOVA_VA; }
