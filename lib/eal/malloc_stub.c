/* SPDX-License-Identifier: BSD-3-Clause
 * PROVISIONAL heap: rte_malloc on libc. The real heap (heap*.c) replaces this
 * file; it exists so other libraries can be built and tested meanwhile. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <rte_malloc.h>
#include <rte_errno.h>
#include "eal_private.h"
#include "eal_memalloc.h"

int eal_heap_init(void) { return 0; }
void eal_heap_cleanup(void) { }
void *eal_heap_alloc_bounded(const char *type, size_t size, size_t align, size_t bound,
			     int socket_id, unsigned int flags, int *err)
{
	(void)flags;
	if (bound && align < bound)
		align = bound;
	void *p = rte_malloc_socket(type, size, (unsigned int)align, socket_id);
	if (p == NULL)
		*err = -rte_errno;
	return p;
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
