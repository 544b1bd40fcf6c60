/* SPDX-License-Identifier: BSD-3-Clause
 * Symbol versioning macros. dplite is one library with one version, so each
 * macro keeps DPDK's spelling and maps to the plain symbol. */
#ifndef _RTE_FUNCTION_VERSIONING_H_
#define _RTE_FUNCTION_VERSIONING_H_

#define VERSION_SYMBOL(b, e, n)
#define VERSION_SYMBOL_EXPERIMENTAL(b, e)
#define BIND_DEFAULT_SYMBOL(b, e, n)
#define MAP_STATIC_SYMBOL(f, p) f __attribute__((alias(#p)))

#endif
