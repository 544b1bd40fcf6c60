/* SPDX-License-Identifier: BSD-3-Clause
 * Pseudo-random numbers (not cryptographic): one xoshiro256** style state per
 * lcore, plus a locked shared state for unregistered threads. */
#ifndef _RTE_RANDOM_H_
#define _RTE_RANDOM_H_
#include <stdint.h>
#include <rte_config.h>
#include <rte_compat.h>
#ifdef __cplusplus
extern "C" {
#endif
void rte_srand(uint64_t seedval);
uint64_t rte_rand(void);
/* Uniform in [0, upper_bound); 0 when upper_bound is 0. */
uint64_t rte_rand_max(uint64_t upper_bound);
/* Uniform in [0, 1). */
double rte_drand(void);
#ifdef __cplusplus
}
#endif
#endif
