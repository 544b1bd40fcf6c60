/* SPDX-License-Identifier: BSD-3-Clause
 * Internal CPUID access shared by cpuflags.c, hypervisor.c and
 * power_intrinsics.c (not installed). */
#ifndef DPLITE_EAL_CPU_H
#define DPLITE_EAL_CPU_H
#include <stdbool.h>
#include <stdint.h>
/* regs = eax, ebx, ecx, edx of CPUID(leaf, subleaf); false (zeros) when the
 * leaf is beyond the CPU's range or the CPU is not x86. */
bool eal_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4]);
/* --force-max-simd-bitwidth: fix the SIMD limit (rte_vect_set_max_simd_bitwidth
 * then answers -EPERM); 0 lifts it. 0 or -EINVAL (not a power of two >= 64). */
int eal_vect_force(uint16_t bitwidth);
#endif
