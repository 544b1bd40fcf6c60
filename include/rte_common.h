/* SPDX-License-Identifier: BSD-3-Clause
 * Common macros and helpers that DPDK programs expect from <rte_common.h>:
 * attributes, alignment arithmetic, power-of-two helpers, min/max, and the
 * constructor macros used to register drivers and mempool ops. */
#ifndef _RTE_COMMON_H_
#define _RTE_COMMON_H_

#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>

#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

/* DPDK programs use typeof even under -std=c11 and in C++: as DPDK does,
 * name it after the GNU keyword when it is not a keyword or macro already.
 * dplite's own headers spell it __typeof__. */
#ifndef typeof
#define typeof __typeof__
#endif

#define RTE_STD_C11 __extension__
#define RTE_TOOLCHAIN_GCC 1

/* ---- attributes ---------------------------------------------------------- */
#define __rte_aligned(a)        __attribute__((__aligned__(a)))
#define __rte_packed            __attribute__((__packed__))
#define __rte_may_alias         __attribute__((__may_alias__))
#define __rte_always_inline     inline __attribute__((always_inline))
#define __rte_noinline          __attribute__((noinline))
#define __rte_unused            __attribute__((__unused__))
#define __rte_used              __attribute__((used))
#define __rte_weak              __attribute__((__weak__))
#define __rte_noreturn          __attribute__((__noreturn__))
#define __rte_hot               __attribute__((hot))
#define __rte_cold              __attribute__((cold))
#define __rte_pure              __attribute__((pure))
#define __rte_deprecated        __attribute__((__deprecated__))
#define __rte_deprecated_msg(m) __attribute__((__deprecated__(m)))
#define __rte_experimental
#define __rte_internal
#define __rte_format_printf(fmt, args) __attribute__((format(printf, fmt, args)))
#define __rte_alloc_size(...)   __attribute__((alloc_size(__VA_ARGS__)))
#define __rte_malloc            __attribute__((__malloc__))
#define __rte_dealloc(dealloc, argno)
#define __rte_warn_unused_result __attribute__((warn_unused_result))
#define __rte_restrict          __restrict
#define __rte_cache_aligned     __rte_aligned(RTE_CACHE_LINE_SIZE)
#define __rte_cache_min_aligned __rte_aligned(RTE_CACHE_LINE_MIN_SIZE)
#define __rte_no_asan           __attribute__((no_sanitize_address))

#define RTE_SET_USED(x) (void)(x)

/* ---- constructors (priority: lower runs first) ----------------------------- */
#define RTE_PRIORITY_LOG   101
#define RTE_PRIORITY_BUS   110
#define RTE_PRIORITY_CLASS 120
#define RTE_PRIORITY_LAST  65535
#define RTE_PRIO(prio) RTE_PRIORITY_ ## prio
#define RTE_INIT_PRIO(func, prio) \
	static void __attribute__((constructor(RTE_PRIO(prio)), used)) func(void)
#define RTE_INIT(func) RTE_INIT_PRIO(func, LAST)
#define RTE_FINI_PRIO(func, prio) \
	static void __attribute__((destructor(RTE_PRIO(prio)), used)) func(void)
#define RTE_FINI(func) RTE_FINI_PRIO(func, LAST)

/* ---- cache lines ------------------------------------------------------------ */
#define RTE_CACHE_LINE_MASK (RTE_CACHE_LINE_SIZE - 1)
#define RTE_CACHE_LINE_ROUNDUP(size) \
	(RTE_CACHE_LINE_SIZE * (((size) + RTE_CACHE_LINE_SIZE - 1) / RTE_CACHE_LINE_SIZE))
#define RTE_CACHE_LINE_MIN_SIZE 64
#if RTE_CACHE_LINE_SIZE == 64
#define RTE_CACHE_LINE_SIZE_LOG2 6
#else
#define RTE_CACHE_LINE_SIZE_LOG2 7
#endif

/* Zero-size markers used inside structs (rte_mbuf). */
__extension__ typedef void    *RTE_MARKER[0];
__extension__ typedef uint8_t  RTE_MARKER8[0];
__extension__ typedef uint16_t RTE_MARKER16[0];
__extension__ typedef uint32_t RTE_MARKER32[0];
__extension__ typedef uint64_t RTE_MARKER64[0];

/* Integers read or written at any address (packet headers): the compiler
 * emits unaligned accesses for them. */
typedef uint64_t unaligned_uint64_t __rte_aligned(1);
typedef uint32_t unaligned_uint32_t __rte_aligned(1);
typedef uint16_t unaligned_uint16_t __rte_aligned(1);

/* ---- IO addresses ------------------------------------------------------------- */
typedef uint64_t phys_addr_t;
typedef uint64_t rte_iova_t;
#define RTE_BAD_PHYS_ADDR ((phys_addr_t)-1)
#define RTE_BAD_IOVA      ((rte_iova_t)-1)

/* ---- pointer and alignment arithmetic -------------------------------------------- */
#define RTE_PTR_ADD(ptr, x)  ((void *)((uintptr_t)(ptr) + (x)))
#define RTE_PTR_SUB(ptr, x)  ((void *)((uintptr_t)(ptr) - (x)))
#define RTE_PTR_DIFF(ptr1, ptr2) ((uintptr_t)(ptr1) - (uintptr_t)(ptr2))
#define RTE_CAST_FIELD(var, field, type) \
	(*(type *)((uintptr_t)(var) + offsetof(__typeof__(*(var)), field)))

#define RTE_PTR_ALIGN_FLOOR(ptr, align) \
	((__typeof__(ptr))RTE_ALIGN_FLOOR((uintptr_t)(ptr), align))
#define RTE_ALIGN_FLOOR(val, align) \
	(__typeof__(val))((val) & (~((__typeof__(val))((align) - 1))))
#define RTE_PTR_ALIGN_CEIL(ptr, align) \
	RTE_PTR_ALIGN_FLOOR((__typeof__(ptr))RTE_PTR_ADD(ptr, (align) - 1), align)
#define RTE_ALIGN_CEIL(val, align) \
	RTE_ALIGN_FLOOR(((val) + ((__typeof__(val))(align) - 1)), align)
#define RTE_PTR_ALIGN(ptr, align) RTE_PTR_ALIGN_CEIL(ptr, align)
#define RTE_ALIGN(val, align) RTE_ALIGN_CEIL(val, align)
#define RTE_ALIGN_MUL_CEIL(v, mul) \
	((((v) + (__typeof__(v))(mul) - 1) / ((__typeof__(v))(mul))) * (__typeof__(v))(mul))
#define RTE_ALIGN_MUL_FLOOR(v, mul) (((v) / ((__typeof__(v))(mul))) * (__typeof__(v))(mul))
#define RTE_ALIGN_MUL_NEAR(v, mul) __extension__({ \
	__typeof__(v) _ceil = RTE_ALIGN_MUL_CEIL(v, mul); \
	__typeof__(v) _floor = RTE_ALIGN_MUL_FLOOR(v, mul); \
	(_ceil - (v)) > ((v) - _floor) ? _floor : _ceil; })

static inline int rte_is_aligned(const void *ptr, unsigned int align)
{
	return ((uintptr_t)ptr & (align - 1)) == 0;
}

/* ---- compile-time checks ------------------------------------------------------------ */
/* A declaration in both languages: usable at file scope and in blocks. */
#ifdef __cplusplus
#define RTE_BUILD_BUG_ON(condition) static_assert(!(condition), #condition)
#define RTE_STATIC_ASSERT(c) static_assert(c, #c)
#else
#define RTE_BUILD_BUG_ON(condition) _Static_assert(!(condition), #condition)
#endif

/* ---- power-of-two helpers ----------------------------------------------------------- */
#define RTE_IS_POWER_OF_2(n) ((n) && !(((n) - 1) & (n)))
static inline int rte_is_power_of_2(uint32_t n)
{
	return n && !(n & (n - 1));
}
static inline uint32_t rte_combine32ms1b(uint32_t x)
{
	x |= x >> 1; x |= x >> 2; x |= x >> 4; x |= x >> 8; x |= x >> 16;
	return x;
}
static inline uint64_t rte_combine64ms1b(uint64_t v)
{
	v |= v >> 1; v |= v >> 2; v |= v >> 4; v |= v >> 8; v |= v >> 16; v |= v >> 32;
	return v;
}
static inline uint32_t rte_align32pow2(uint32_t x)
{
	return rte_combine32ms1b(x - 1) + 1;
}
static inline uint32_t rte_align32prevpow2(uint32_t x)
{
	x = rte_combine32ms1b(x);
	return x - (x >> 1);
}
static inline uint64_t rte_align64pow2(uint64_t v)
{
	return rte_combine64ms1b(v - 1) + 1;
}
static inline uint64_t rte_align64prevpow2(uint64_t v)
{
	v = rte_combine64ms1b(v);
	return v - (v >> 1);
}
static inline uint32_t rte_bsf32(uint32_t v) { return (uint32_t)__builtin_ctz(v); }
static inline int rte_bsf32_safe(uint32_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf32(v);
	return 1;
}
static inline uint32_t rte_bsf64(uint64_t v) { return (uint32_t)__builtin_ctzll(v); }
static inline int rte_bsf64_safe(uint64_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf64(v);
	return 1;
}
static inline uint32_t rte_fls_u32(uint32_t x) { return x == 0 ? 0 : 32 - __builtin_clz(x); }
static inline uint32_t rte_fls_u64(uint64_t x) { return x == 0 ? 0 : 64 - __builtin_clzll(x); }
static inline uint32_t rte_log2_u32(uint32_t v)
{
	if (v == 0)
		return 0;
	v = rte_align32pow2(v);
	return rte_bsf32(v);
}
static inline uint32_t rte_log2_u64(uint64_t v)
{
	if (v == 0)
		return 0;
	v = rte_align64pow2(v);
	return rte_bsf64(v);
}
static inline unsigned int rte_ctz32(uint32_t v) { return (unsigned int)__builtin_ctz(v); }
static inline unsigned int rte_ctz64(uint64_t v) { return (unsigned int)__builtin_ctzll(v); }
static inline unsigned int rte_clz32(uint32_t v) { return (unsigned int)__builtin_clz(v); }
static inline unsigned int rte_clz64(uint64_t v) { return (unsigned int)__builtin_clzll(v); }
static inline unsigned int rte_popcount32(uint32_t v) { return (unsigned int)__builtin_popcount(v); }
static inline unsigned int rte_popcount64(uint64_t v) { return (unsigned int)__builtin_popcountll(v); }

/* ---- min / max / misc ------------------------------------------------------------------- */
#define RTE_MIN(a, b) __extension__({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define RTE_MAX(a, b) __extension__({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
/* Exchange two lvalues of the same type. */
#define RTE_SWAP(a, b) __extension__({ \
	__typeof__(a) rte_swap_tmp_ = (a); \
	(a) = (b); \
	(b) = rte_swap_tmp_; })
#define RTE_MIN_T(a, b, t) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define RTE_MAX_T(a, b, t) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define RTE_DIM(a) (sizeof(a) / sizeof((a)[0]))
#define RTE_LEN2MASK(ln, tp) ((tp)((uint64_t)-1 >> (sizeof(uint64_t) * CHAR_BIT - (ln))))
#define RTE_SIZEOF_FIELD(type, field) (sizeof(((type *)0)->field))
#ifndef offsetof
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#endif
#ifndef container_of
#define container_of(ptr, type, member) __extension__({ \
	const __typeof__(((type *)0)->member) *_ptr = (ptr); \
	__rte_unused type *_target_ptr = (type *)(ptr); \
	(type *)(((uintptr_t)_ptr) - offsetof(type, member)); })
#endif
#define _RTE_STR(x) #x
#define RTE_STR(x) _RTE_STR(x)
#define RTE_FMT(fmt, ...) fmt "%.0s", __VA_ARGS__ ""
#define RTE_FMT_HEAD(fmt, ...) fmt
#define RTE_FMT_TAIL(fmt, ...) __VA_ARGS__
#define RTE_BIT32(nr) (UINT32_C(1) << (nr))
#define RTE_BIT64(nr) (UINT64_C(1) << (nr))
#define RTE_GENMASK32(high, low) \
	(((~UINT32_C(0)) << (low)) & (~UINT32_C(0) >> (31u - (high))))
#define RTE_GENMASK64(high, low) \
	(((~UINT64_C(0)) << (low)) & (~UINT64_C(0) >> (63u - (high))))
#define RTE_SHIFT_VAL32(val, nr) (UINT32_C(val) << (nr))
#define RTE_SHIFT_VAL64(val, nr) (UINT64_C(val) << (nr))


/* Parse "<n>[kKmMgG]" into bytes; 0 on error (errno set). */
static inline uint64_t rte_str_to_size(const char *str)
{
	char *endptr;
	unsigned long long size;

	while (isspace((int)*str))
		str++;
	if (*str == '-')
		return 0;
	errno = 0;
	size = strtoull(str, &endptr, 0);
	if (errno)
		return 0;
	if (*endptr == ' ')
		endptr++;
	switch (*endptr) {
	case 'G': case 'g': size *= 1024; /* fall through */
	case 'M': case 'm': size *= 1024; /* fall through */
	case 'K': case 'k': size *= 1024; /* fall through */
	default: break;
	}
	return size;
}

/* Abort with a message: rte_exit lives in rte_debug.h. */
__rte_noreturn void rte_exit(int exit_code, const char *format, ...)
	__rte_format_printf(2, 3);

#ifdef __cplusplus
}
#endif
#endif
