/* SPDX-License-Identifier: BSD-3-Clause
 * Trace points. dplite records no trace data: RTE_TRACE_POINT defines an
 * inline function whose body only marks its arguments used, so a call costs
 * nothing; RTE_TRACE_POINT_REGISTER still registers the name, so lookups and
 * enable/disable work and programs that manage trace points run unchanged. */
#ifndef _RTE_TRACE_POINT_H_
#define _RTE_TRACE_POINT_H_

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <rte_common.h>
#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t rte_trace_point_t;

#define RTE_TRACE_POINT_ARGS

#define __RTE_TRACE_POINT(_mode, _tp, _args, ...) \
extern rte_trace_point_t __##_tp; \
static __rte_always_inline void _tp _args \
{ \
	__VA_ARGS__ \
}

#define RTE_TRACE_POINT(tp, args, ...) __RTE_TRACE_POINT(generic, tp, args, __VA_ARGS__)
#define RTE_TRACE_POINT_FP(tp, args, ...) __RTE_TRACE_POINT(fp, tp, args, __VA_ARGS__)

#define RTE_TRACE_POINT_REGISTER(trace, name) \
rte_trace_point_t __##trace; \
RTE_INIT(trace##_init) \
{ \
	__rte_trace_point_register(&__##trace, RTE_STR(name), NULL); \
}

#define __rte_trace_point_emit(in, type) RTE_SET_USED(in)
#define rte_trace_point_emit_u64(in) __rte_trace_point_emit(in, uint64_t)
#define rte_trace_point_emit_i64(in) __rte_trace_point_emit(in, int64_t)
#define rte_trace_point_emit_u32(in) __rte_trace_point_emit(in, uint32_t)
#define rte_trace_point_emit_i32(in) __rte_trace_point_emit(in, int32_t)
#define rte_trace_point_emit_u16(in) __rte_trace_point_emit(in, uint16_t)
#define rte_trace_point_emit_i16(in) __rte_trace_point_emit(in, int16_t)
#define rte_trace_point_emit_u8(in) __rte_trace_point_emit(in, uint8_t)
#define rte_trace_point_emit_i8(in) __rte_trace_point_emit(in, int8_t)
#define rte_trace_point_emit_int(in) __rte_trace_point_emit(in, int32_t)
#define rte_trace_point_emit_long(in) __rte_trace_point_emit(in, long)
#define rte_trace_point_emit_size_t(in) __rte_trace_point_emit(in, size_t)
#define rte_trace_point_emit_float(in) __rte_trace_point_emit(in, float)
#define rte_trace_point_emit_double(in) __rte_trace_point_emit(in, double)
#define rte_trace_point_emit_ptr(in) __rte_trace_point_emit(in, uintptr_t)
#define rte_trace_point_emit_string(in) RTE_SET_USED(in)

#define __RTE_TRACE_EMIT_STRING_LEN_MAX 32

/* 0, or -EINVAL (NULL or unregistered handle). */
__rte_experimental int rte_trace_point_enable(rte_trace_point_t *tp);
__rte_experimental int rte_trace_point_disable(rte_trace_point_t *tp);
__rte_experimental bool rte_trace_point_is_enabled(rte_trace_point_t *tp);
/* NULL if no trace point has that name. */
__rte_experimental rte_trace_point_t *rte_trace_point_lookup(const char *name);
/* 0; -EINVAL (NULL/empty/too long name), -EEXIST (name taken), -ENOSPC. */
__rte_experimental int __rte_trace_point_register(rte_trace_point_t *trace, const char *name,
						  void (*register_fn)(void));
__rte_experimental void __rte_trace_mem_per_thread_alloc(void);
__rte_experimental void __rte_trace_point_emit_field(size_t sz, const char *field, const char *type);

#ifdef __cplusplus
}
#endif
#endif
