/* SPDX-License-Identifier: BSD-3-Clause
 * CPU feature flags from CPUID (x86), the SIMD width limit (rte_vect.h),
 * and the intrinsics rte_power_intrinsics.h may use. The CPUID words are read
 * once, on first use. Other architectures report every flag absent.
 * Owns only process-local caches; calls libc. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/auxv.h>
#include <rte_common.h>
#include <rte_cpuflags.h>
#include <rte_log.h>
#include <rte_vect.h>
#include "eal_cpu.h"
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

struct flag_loc {
	const char *name;
	uint32_t leaf, subleaf;
	uint8_t reg;   /* 0 eax, 1 ebx, 2 ecx, 3 edx */
	uint8_t bit;
};

static const struct flag_loc flags[RTE_CPUFLAG_NUMFLAGS] = {
	[RTE_CPUFLAG_SSE3] = { "SSE3", 0x00000001, 0, 2, 0 },
	[RTE_CPUFLAG_PCLMULQDQ] = { "PCLMULQDQ", 0x00000001, 0, 2, 1 },
	[RTE_CPUFLAG_DTES64] = { "DTES64", 0x00000001, 0, 2, 2 },
	[RTE_CPUFLAG_MONITOR] = { "MONITOR", 0x00000001, 0, 2, 3 },
	[RTE_CPUFLAG_DS_CPL] = { "DS_CPL", 0x00000001, 0, 2, 4 },
	[RTE_CPUFLAG_VMX] = { "VMX", 0x00000001, 0, 2, 5 },
	[RTE_CPUFLAG_SMX] = { "SMX", 0x00000001, 0, 2, 6 },
	[RTE_CPUFLAG_EIST] = { "EIST", 0x00000001, 0, 2, 7 },
	[RTE_CPUFLAG_TM2] = { "TM2", 0x00000001, 0, 2, 8 },
	[RTE_CPUFLAG_SSSE3] = { "SSSE3", 0x00000001, 0, 2, 9 },
	[RTE_CPUFLAG_CNXT_ID] = { "CNXT_ID", 0x00000001, 0, 2, 10 },
	[RTE_CPUFLAG_FMA] = { "FMA", 0x00000001, 0, 2, 12 },
	[RTE_CPUFLAG_CMPXCHG16B] = { "CMPXCHG16B", 0x00000001, 0, 2, 13 },
	[RTE_CPUFLAG_XTPR] = { "XTPR", 0x00000001, 0, 2, 14 },
	[RTE_CPUFLAG_PDCM] = { "PDCM", 0x00000001, 0, 2, 15 },
	[RTE_CPUFLAG_PCID] = { "PCID", 0x00000001, 0, 2, 17 },
	[RTE_CPUFLAG_DCA] = { "DCA", 0x00000001, 0, 2, 18 },
	[RTE_CPUFLAG_SSE4_1] = { "SSE4_1", 0x00000001, 0, 2, 19 },
	[RTE_CPUFLAG_SSE4_2] = { "SSE4_2", 0x00000001, 0, 2, 20 },
	[RTE_CPUFLAG_X2APIC] = { "X2APIC", 0x00000001, 0, 2, 21 },
	[RTE_CPUFLAG_MOVBE] = { "MOVBE", 0x00000001, 0, 2, 22 },
	[RTE_CPUFLAG_POPCNT] = { "POPCNT", 0x00000001, 0, 2, 23 },
	[RTE_CPUFLAG_TSC_DEADLINE] = { "TSC_DEADLINE", 0x00000001, 0, 2, 24 },
	[RTE_CPUFLAG_AES] = { "AES", 0x00000001, 0, 2, 25 },
	[RTE_CPUFLAG_XSAVE] = { "XSAVE", 0x00000001, 0, 2, 26 },
	[RTE_CPUFLAG_OSXSAVE] = { "OSXSAVE", 0x00000001, 0, 2, 27 },
	[RTE_CPUFLAG_AVX] = { "AVX", 0x00000001, 0, 2, 28 },
	[RTE_CPUFLAG_F16C] = { "F16C", 0x00000001, 0, 2, 29 },
	[RTE_CPUFLAG_RDRAND] = { "RDRAND", 0x00000001, 0, 2, 30 },
	[RTE_CPUFLAG_HYPERVISOR] = { "HYPERVISOR", 0x00000001, 0, 2, 31 },
	[RTE_CPUFLAG_FPU] = { "FPU", 0x00000001, 0, 3, 0 },
	[RTE_CPUFLAG_VME] = { "VME", 0x00000001, 0, 3, 1 },
	[RTE_CPUFLAG_DE] = { "DE", 0x00000001, 0, 3, 2 },
	[RTE_CPUFLAG_PSE] = { "PSE", 0x00000001, 0, 3, 3 },
	[RTE_CPUFLAG_TSC] = { "TSC", 0x00000001, 0, 3, 4 },
	[RTE_CPUFLAG_MSR] = { "MSR", 0x00000001, 0, 3, 5 },
	[RTE_CPUFLAG_PAE] = { "PAE", 0x00000001, 0, 3, 6 },
	[RTE_CPUFLAG_MCE] = { "MCE", 0x00000001, 0, 3, 7 },
	[RTE_CPUFLAG_CX8] = { "CX8", 0x00000001, 0, 3, 8 },
	[RTE_CPUFLAG_APIC] = { "APIC", 0x00000001, 0, 3, 9 },
	[RTE_CPUFLAG_SEP] = { "SEP", 0x00000001, 0, 3, 11 },
	[RTE_CPUFLAG_MTRR] = { "MTRR", 0x00000001, 0, 3, 12 },
	[RTE_CPUFLAG_PGE] = { "PGE", 0x00000001, 0, 3, 13 },
	[RTE_CPUFLAG_MCA] = { "MCA", 0x00000001, 0, 3, 14 },
	[RTE_CPUFLAG_CMOV] = { "CMOV", 0x00000001, 0, 3, 15 },
	[RTE_CPUFLAG_PAT] = { "PAT", 0x00000001, 0, 3, 16 },
	[RTE_CPUFLAG_PSE36] = { "PSE36", 0x00000001, 0, 3, 17 },
	[RTE_CPUFLAG_PSN] = { "PSN", 0x00000001, 0, 3, 18 },
	[RTE_CPUFLAG_CLFSH] = { "CLFSH", 0x00000001, 0, 3, 19 },
	[RTE_CPUFLAG_DS] = { "DS", 0x00000001, 0, 3, 21 },
	[RTE_CPUFLAG_ACPI] = { "ACPI", 0x00000001, 0, 3, 22 },
	[RTE_CPUFLAG_MMX] = { "MMX", 0x00000001, 0, 3, 23 },
	[RTE_CPUFLAG_FXSR] = { "FXSR", 0x00000001, 0, 3, 24 },
	[RTE_CPUFLAG_SSE] = { "SSE", 0x00000001, 0, 3, 25 },
	[RTE_CPUFLAG_SSE2] = { "SSE2", 0x00000001, 0, 3, 26 },
	[RTE_CPUFLAG_SS] = { "SS", 0x00000001, 0, 3, 27 },
	[RTE_CPUFLAG_HTT] = { "HTT", 0x00000001, 0, 3, 28 },
	[RTE_CPUFLAG_TM] = { "TM", 0x00000001, 0, 3, 29 },
	[RTE_CPUFLAG_PBE] = { "PBE", 0x00000001, 0, 3, 31 },
	[RTE_CPUFLAG_DIGTEMP] = { "DIGTEMP", 0x00000006, 0, 0, 0 },
	[RTE_CPUFLAG_TRBOBST] = { "TRBOBST", 0x00000006, 0, 0, 1 },
	[RTE_CPUFLAG_ARAT] = { "ARAT", 0x00000006, 0, 0, 2 },
	[RTE_CPUFLAG_PLN] = { "PLN", 0x00000006, 0, 0, 4 },
	[RTE_CPUFLAG_ECMD] = { "ECMD", 0x00000006, 0, 0, 5 },
	[RTE_CPUFLAG_PTM] = { "PTM", 0x00000006, 0, 0, 6 },
	[RTE_CPUFLAG_MPERF_APERF_MSR] = { "MPERF_APERF_MSR", 0x00000006, 0, 2, 0 },
	[RTE_CPUFLAG_ACNT2] = { "ACNT2", 0x00000006, 0, 2, 1 },
	[RTE_CPUFLAG_ENERGY_EFF] = { "ENERGY_EFF", 0x00000006, 0, 2, 3 },
	[RTE_CPUFLAG_FSGSBASE] = { "FSGSBASE", 0x00000007, 0, 1, 0 },
	[RTE_CPUFLAG_BMI1] = { "BMI1", 0x00000007, 0, 1, 3 },
	[RTE_CPUFLAG_HLE] = { "HLE", 0x00000007, 0, 1, 4 },
	[RTE_CPUFLAG_AVX2] = { "AVX2", 0x00000007, 0, 1, 5 },
	[RTE_CPUFLAG_SMEP] = { "SMEP", 0x00000007, 0, 1, 7 },
	[RTE_CPUFLAG_BMI2] = { "BMI2", 0x00000007, 0, 1, 8 },
	[RTE_CPUFLAG_ERMS] = { "ERMS", 0x00000007, 0, 1, 9 },
	[RTE_CPUFLAG_INVPCID] = { "INVPCID", 0x00000007, 0, 1, 10 },
	[RTE_CPUFLAG_RTM] = { "RTM", 0x00000007, 0, 1, 11 },
	[RTE_CPUFLAG_AVX512F] = { "AVX512F", 0x00000007, 0, 1, 16 },
	[RTE_CPUFLAG_AVX512DQ] = { "AVX512DQ", 0x00000007, 0, 1, 17 },
	[RTE_CPUFLAG_RDSEED] = { "RDSEED", 0x00000007, 0, 1, 18 },
	[RTE_CPUFLAG_AVX512IFMA] = { "AVX512IFMA", 0x00000007, 0, 1, 21 },
	[RTE_CPUFLAG_AVX512CD] = { "AVX512CD", 0x00000007, 0, 1, 28 },
	[RTE_CPUFLAG_AVX512BW] = { "AVX512BW", 0x00000007, 0, 1, 30 },
	[RTE_CPUFLAG_AVX512VL] = { "AVX512VL", 0x00000007, 0, 1, 31 },
	[RTE_CPUFLAG_AVX512VBMI] = { "AVX512VBMI", 0x00000007, 0, 2, 1 },
	[RTE_CPUFLAG_WAITPKG] = { "WAITPKG", 0x00000007, 0, 2, 5 },
	[RTE_CPUFLAG_AVX512VBMI2] = { "AVX512VBMI2", 0x00000007, 0, 2, 6 },
	[RTE_CPUFLAG_GFNI] = { "GFNI", 0x00000007, 0, 2, 8 },
	[RTE_CPUFLAG_VAES] = { "VAES", 0x00000007, 0, 2, 9 },
	[RTE_CPUFLAG_VPCLMULQDQ] = { "VPCLMULQDQ", 0x00000007, 0, 2, 10 },
	[RTE_CPUFLAG_AVX512VNNI] = { "AVX512VNNI", 0x00000007, 0, 2, 11 },
	[RTE_CPUFLAG_AVX512BITALG] = { "AVX512BITALG", 0x00000007, 0, 2, 12 },
	[RTE_CPUFLAG_AVX512VPOPCNTDQ] = { "AVX512VPOPCNTDQ", 0x00000007, 0, 2, 14 },
	[RTE_CPUFLAG_CLDEMOTE] = { "CLDEMOTE", 0x00000007, 0, 2, 25 },
	[RTE_CPUFLAG_MOVDIRI] = { "MOVDIRI", 0x00000007, 0, 2, 27 },
	[RTE_CPUFLAG_MOVDIR64B] = { "MOVDIR64B", 0x00000007, 0, 2, 28 },
	[RTE_CPUFLAG_AVX512VP2INTERSECT] = { "AVX512VP2INTERSECT", 0x00000007, 0, 3, 8 },
	[RTE_CPUFLAG_LAHF_SAHF] = { "LAHF_SAHF", 0x80000001, 0, 2, 0 },
	[RTE_CPUFLAG_LZCNT] = { "LZCNT", 0x80000001, 0, 2, 4 },
	[RTE_CPUFLAG_SYSCALL] = { "SYSCALL", 0x80000001, 0, 3, 11 },
	[RTE_CPUFLAG_XD] = { "XD", 0x80000001, 0, 3, 20 },
	[RTE_CPUFLAG_1GB_PG] = { "1GB_PG", 0x80000001, 0, 3, 26 },
	[RTE_CPUFLAG_RDTSCP] = { "RDTSCP", 0x80000001, 0, 3, 27 },
	[RTE_CPUFLAG_EM64T] = { "EM64T", 0x80000001, 0, 3, 29 },
	[RTE_CPUFLAG_INVTSC] = { "INVTSC", 0x80000007, 0, 3, 8 },
};

bool eal_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
#if defined(__x86_64__) || defined(__i386__)
	uint32_t max = __get_cpuid_max(leaf & 0x80000000u, NULL);
	if (max == 0 || leaf > max) {
		memset(regs, 0, 4 * sizeof(uint32_t));
		return false;
	}
	__cpuid_count(leaf, subleaf, regs[0], regs[1], regs[2], regs[3]);
	return true;
#else
	RTE_SET_USED(leaf);
	RTE_SET_USED(subleaf);
	memset(regs, 0, 4 * sizeof(uint32_t));
	return false;
#endif
}

int rte_cpu_get_flag_enabled(enum rte_cpu_flag_t feature)
{
	if ((unsigned int)feature >= RTE_CPUFLAG_NUMFLAGS)
		return -ENOENT;
	const struct flag_loc *f = &flags[feature];
	if (f->name == NULL)
		return -EFAULT;
	uint32_t regs[4];
	if (!eal_cpuid(f->leaf, f->subleaf, regs))
		return 0;
	return (regs[f->reg] >> f->bit) & 1;
}

const char *rte_cpu_get_flag_name(enum rte_cpu_flag_t feature)
{
	if ((unsigned int)feature >= RTE_CPUFLAG_NUMFLAGS)
		return NULL;
	return flags[feature].name;
}

int rte_cpu_is_supported(void)
{
	/* the library is built for the build machine (-march=native); check
	 * the vector extensions the compiler may have used */
#ifdef __SSE4_2__
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_SSE4_2) != 1)
		return 0;
#endif
#ifdef __AVX2__
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_AVX2) != 1)
		return 0;
#endif
#ifdef __AVX512F__
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_AVX512F) != 1)
		return 0;
#endif
	return 1;
}

unsigned long rte_cpu_getauxval(unsigned long type)
{
	return getauxval(type);
}

int rte_cpu_strcmp_auxval(unsigned long type, const char *str)
{
	const char *v = (const char *)getauxval(type);
	if (v == NULL || str == NULL)
		return -1;
	return strcmp(v, str);
}

void rte_cpu_get_intrinsics_support(struct rte_cpu_intrinsics *intrinsics)
{
	if (intrinsics == NULL)
		return;
	memset(intrinsics, 0, sizeof(*intrinsics));
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_WAITPKG) == 1) {
		intrinsics->power_monitor = 1;
		intrinsics->power_pause = 1;
	}
}

/* ---- SIMD width limit ---------------------------------------------------------- */
static uint16_t max_simd = RTE_VECT_DEFAULT_SIMD_BITWIDTH;

uint16_t rte_vect_get_max_simd_bitwidth(void)
{
	return __atomic_load_n(&max_simd, __ATOMIC_RELAXED);
}

static bool simd_forced;   /* set by --force-max-simd-bitwidth */

static bool simd_width_ok(uint16_t w)
{
	return w >= RTE_VECT_SIMD_DISABLED && (w & (w - 1)) == 0;
}

int eal_vect_force(uint16_t bitwidth)
{
	if (bitwidth == 0) {
		simd_forced = false;
		__atomic_store_n(&max_simd, RTE_VECT_DEFAULT_SIMD_BITWIDTH, __ATOMIC_RELAXED);
		return 0;
	}
	if (!simd_width_ok(bitwidth))
		return -EINVAL;
	__atomic_store_n(&max_simd, bitwidth, __ATOMIC_RELAXED);
	simd_forced = true;
	return 0;
}

int rte_vect_set_max_simd_bitwidth(uint16_t bitwidth)
{
	if (simd_forced) {
		RTE_LOG(ERR, EAL, "rte_vect_set_max_simd_bitwidth: fixed by --force-max-simd-bitwidth\n");
		return -EPERM;
	}
	if (!simd_width_ok(bitwidth)) {
		RTE_LOG(ERR, EAL, "rte_vect_set_max_simd_bitwidth: %u is not a power of two >= 64\n", bitwidth);
		return -EINVAL;
	}
	__atomic_store_n(&max_simd, bitwidth, __ATOMIC_RELAXED);
	return 0;
}
