/* SPDX-License-Identifier: BSD-3-Clause
 * Memory barriers and the legacy rte_atomicNN_t API that programs still use.
 * New code in dplite uses C11/GCC __atomic builtins directly; these wrappers
 * map onto them with sequentially consistent ordering (as DPDK's do). */
#ifndef _RTE_ATOMIC_H_
#define _RTE_ATOMIC_H_
#include <stdint.h>
#include <rte_common.h>
#include <rte_compat.h>
#ifdef __cplusplus
extern "C" {
#endif

/* Full/read/write barriers. On x86 loads and stores are not reordered with
 * older loads/stores of the same kind, so rmb/wmb only stop the compiler. */
#define rte_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rte_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define rte_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define rte_smp_mb()  rte_mb()
#define rte_smp_wmb() rte_wmb()
#define rte_smp_rmb() rte_rmb()
#define rte_io_mb()   rte_mb()
#define rte_io_wmb()  rte_wmb()
#define rte_io_rmb()  rte_rmb()
#define rte_cio_wmb() rte_wmb()
#define rte_cio_rmb() rte_rmb()
#define rte_compiler_barrier() __asm__ volatile("" ::: "memory")
static inline void rte_atomic_thread_fence(int memorder)
{
	__atomic_thread_fence(memorder);
}

#define RTE_ATOMIC_DEFINE(bits) \
typedef struct { volatile int##bits##_t cnt; } rte_atomic##bits##_t; \
static inline void rte_atomic##bits##_init(rte_atomic##bits##_t *v) { v->cnt = 0; } \
static inline int##bits##_t rte_atomic##bits##_read(const rte_atomic##bits##_t *v) \
{ return __atomic_load_n(&v->cnt, __ATOMIC_SEQ_CST); } \
static inline void rte_atomic##bits##_set(rte_atomic##bits##_t *v, int##bits##_t n) \
{ __atomic_store_n(&v->cnt, n, __ATOMIC_SEQ_CST); } \
static inline void rte_atomic##bits##_add(rte_atomic##bits##_t *v, int##bits##_t n) \
{ __atomic_fetch_add(&v->cnt, n, __ATOMIC_SEQ_CST); } \
static inline void rte_atomic##bits##_sub(rte_atomic##bits##_t *v, int##bits##_t n) \
{ __atomic_fetch_sub(&v->cnt, n, __ATOMIC_SEQ_CST); } \
static inline void rte_atomic##bits##_inc(rte_atomic##bits##_t *v) { rte_atomic##bits##_add(v, 1); } \
static inline void rte_atomic##bits##_dec(rte_atomic##bits##_t *v) { rte_atomic##bits##_sub(v, 1); } \
static inline int##bits##_t rte_atomic##bits##_add_return(rte_atomic##bits##_t *v, int##bits##_t n) \
{ return __atomic_add_fetch(&v->cnt, n, __ATOMIC_SEQ_CST); } \
static inline int##bits##_t rte_atomic##bits##_sub_return(rte_atomic##bits##_t *v, int##bits##_t n) \
{ return __atomic_sub_fetch(&v->cnt, n, __ATOMIC_SEQ_CST); } \
static inline int rte_atomic##bits##_inc_and_test(rte_atomic##bits##_t *v) \
{ return __atomic_add_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0; } \
static inline int rte_atomic##bits##_dec_and_test(rte_atomic##bits##_t *v) \
{ return __atomic_sub_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0; } \
static inline int rte_atomic##bits##_test_and_set(rte_atomic##bits##_t *v) \
{ int##bits##_t z = 0; return __atomic_compare_exchange_n(&v->cnt, &z, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); } \
static inline void rte_atomic##bits##_clear(rte_atomic##bits##_t *v) { rte_atomic##bits##_set(v, 0); } \
static inline int rte_atomic##bits##_cmpset(volatile uint##bits##_t *dst, uint##bits##_t exp, uint##bits##_t src) \
{ return __atomic_compare_exchange_n(dst, &exp, src, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); } \
static inline uint##bits##_t rte_atomic##bits##_exchange(volatile uint##bits##_t *dst, uint##bits##_t val) \
{ return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST); }

RTE_ATOMIC_DEFINE(16)
RTE_ATOMIC_DEFINE(32)
RTE_ATOMIC_DEFINE(64)
#undef RTE_ATOMIC_DEFINE
#define RTE_ATOMIC16_INIT(val) { (val) }
#define RTE_ATOMIC32_INIT(val) { (val) }
#define RTE_ATOMIC64_INIT(val) { (val) }

typedef struct { __extension__ union { uint64_t val[2]; __extension__ __int128 int128; }; } __rte_aligned(16) rte_int128_t;

#if defined(__x86_64__)
/* 128-bit compare and swap (lock cmpxchg16b, x86-64 only as in DPDK): if
 * *dst equals *exp, store *src there and return 1; otherwise copy *dst
 * into *exp and return 0. Always a full barrier, whatever weak/success/
 * failure ask for (they exist for other architectures). */
static inline int rte_atomic128_cmp_exchange(rte_int128_t *dst, rte_int128_t *exp,
					     const rte_int128_t *src, unsigned int weak,
					     int success, int failure)
{
	uint8_t ok;

	RTE_SET_USED(weak);
	RTE_SET_USED(success);
	RTE_SET_USED(failure);
	__asm__ volatile("lock cmpxchg16b %[mem]\n\tsete %[ok]"
			 : [mem] "+m"(*dst), [ok] "=q"(ok),
			   "+a"(exp->val[0]), "+d"(exp->val[1])
			 : "b"(src->val[0]), "c"(src->val[1])
			 : "memory", "cc");
	return ok;
}
#endif

#ifdef __cplusplus
}
#endif
#endif
