/* rte_cpuflags against /proc/cpuinfo, bad flag ids, the SIMD width limit,
 * the hypervisor name, and power intrinsics (0 or -ENOTSUP per the CPU,
 * -EINVAL for bad arguments), --force-max-simd-bitwidth. */
#include <stdio.h>
#include <rte_cpuflags.h>
#include <rte_cycles.h>
#include <rte_hypervisor.h>
#include <rte_power_intrinsics.h>
#include <rte_vect.h>
#include "test.h"

static int cpuinfo_has(const char *flag)
{
	char line[8192], pat[64];
	FILE *f = fopen("/proc/cpuinfo", "r");
	int found = -1;
	if (!f)
		return -1;
	snprintf(pat, sizeof(pat), " %s", flag);
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "flags", 5) == 0) {
			size_t l = strlen(pat);
			found = 0;
			for (char *p = strstr(line, pat); p; p = strstr(p + 1, pat))
				if (p[l] == ' ' || p[l] == '\n')
					found = 1;
			break;
		}
	fclose(f);
	return found;
}

int main(void)
{
	static const struct { enum rte_cpu_flag_t f; const char *name, *procname; } cases[] = {
		{ RTE_CPUFLAG_SSE2, "SSE2", "sse2" },
		{ RTE_CPUFLAG_SSE4_2, "SSE4_2", "sse4_2" },
		{ RTE_CPUFLAG_AVX2, "AVX2", "avx2" },
		{ RTE_CPUFLAG_AES, "AES", "aes" },
		{ RTE_CPUFLAG_RDRAND, "RDRAND", "rdrand" },
		{ RTE_CPUFLAG_HYPERVISOR, "HYPERVISOR", "hypervisor" },
		{ RTE_CPUFLAG_AVX512F, "AVX512F", "avx512f" },
	};
	for (unsigned i = 0; i < RTE_DIM(cases); i++) {
		CHECK(strcmp(rte_cpu_get_flag_name(cases[i].f), cases[i].name) == 0);
		int want = cpuinfo_has(cases[i].procname);
		if (want >= 0)
			CHECK_MSG(rte_cpu_get_flag_enabled(cases[i].f) == want, "%s", cases[i].name);
	}
	CHECK(rte_cpu_get_flag_enabled(RTE_CPUFLAG_NUMFLAGS) == -ENOENT);
	CHECK(rte_cpu_get_flag_name(RTE_CPUFLAG_NUMFLAGS) == NULL);
	CHECK(rte_cpu_is_supported() == 1);

	CHECK(rte_vect_get_max_simd_bitwidth() == RTE_VECT_DEFAULT_SIMD_BITWIDTH);
	CHECK(rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_128) == 0);
	CHECK(rte_vect_get_max_simd_bitwidth() == RTE_VECT_SIMD_128);
	CHECK(rte_vect_set_max_simd_bitwidth(100) == -EINVAL);
	CHECK(rte_vect_get_max_simd_bitwidth() == RTE_VECT_SIMD_128);

	enum rte_hypervisor h = rte_hypervisor_get();
	CHECK((h == RTE_HYPERVISOR_NONE) == (cpuinfo_has("hypervisor") == 0));
	CHECK(strcmp(rte_hypervisor_get_name(RTE_HYPERVISOR_KVM), "KVM") == 0);
	CHECK(strcmp(rte_hypervisor_get_name((enum rte_hypervisor)99), "unknown") == 0);

	struct rte_cpu_intrinsics in;
	rte_cpu_get_intrinsics_support(&in);
	int waitpkg = rte_cpu_get_flag_enabled(RTE_CPUFLAG_WAITPKG);
	CHECK(in.power_monitor == (waitpkg == 1));
	CHECK(rte_power_monitor(NULL, 0) == -EINVAL);
	volatile uint64_t word = 0;
	struct rte_power_monitor_cond c = { &word, 3, NULL, { 0 } };
	CHECK(rte_power_monitor(&c, 0) == -EINVAL);   /* size 3 */
	c.size = 8;
	int rc = rte_power_pause(rte_rdtsc() + 1000);
	CHECK(rc == (waitpkg == 1 ? 0 : -ENOTSUP));
	CHECK(rte_power_monitor_multi(NULL, 0, 0) == -EINVAL);

	/* --force-max-simd-bitwidth fixes the limit for the process */
	const char *bad[] = { "--force-max-simd-bitwidth=100", NULL };
	char *argv[64];
	int argc = test_eal_argv(argv, 64, "brcpu_bad", bad);
	CHECK(rte_eal_init(argc, argv) < 0);
	const char *force[] = { "-l", "0", "--force-max-simd-bitwidth=512", NULL };
	test_eal_init("brcpu", force);
	CHECK(rte_vect_get_max_simd_bitwidth() == RTE_VECT_SIMD_512);
	CHECK(rte_vect_set_max_simd_bitwidth(RTE_VECT_SIMD_128) == -EPERM);
	CHECK(rte_vect_get_max_simd_bitwidth() == RTE_VECT_SIMD_512);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
