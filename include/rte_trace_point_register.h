/* SPDX-License-Identifier: BSD-3-Clause
 * Included before trace point headers in the file that registers them;
 * RTE_TRACE_POINT_REGISTER (rte_trace_point.h) does the registering. */
#ifndef _RTE_TRACE_POINT_REGISTER_H_
#define _RTE_TRACE_POINT_REGISTER_H_
#include <rte_trace_point.h>
#endif
