/* SPDX-License-Identifier: BSD-3-Clause
 * rte_hypervisor_get: CPUID leaf 1 ECX bit 31 says a hypervisor is present;
 * leaf 0x40000000 carries its 12-byte vendor signature. */
#include <string.h>
#include <stdbool.h>
#include <rte_cpuflags.h>
#include <rte_hypervisor.h>
#include "eal_cpu.h"


enum rte_hypervisor rte_hypervisor_get(void)
{
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_HYPERVISOR) != 1)
		return RTE_HYPERVISOR_NONE;
#if defined(__x86_64__) || defined(__i386__)
	uint32_t r[4];
	char sig[13];
	unsigned int eax, ebx, ecx, edx;
	/* the hypervisor leaves are above the basic range: ask directly */
	__asm__ volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(0x40000000u), "c"(0));
	(void)eax;
	r[1] = ebx; r[2] = ecx; r[3] = edx;
	memcpy(sig, &r[1], 4);
	memcpy(sig + 4, &r[2], 4);
	memcpy(sig + 8, &r[3], 4);
	sig[12] = '\0';
	if (strncmp(sig, "KVMKVMKVM", 9) == 0)
		return RTE_HYPERVISOR_KVM;
	if (strcmp(sig, "Microsoft Hv") == 0)
		return RTE_HYPERVISOR_HYPERV;
	if (strcmp(sig, "VMwareVMware") == 0)
		return RTE_HYPERVISOR_VMWARE;
#endif
	return RTE_HYPERVISOR_UNKNOWN;
}

const char *rte_hypervisor_get_name(enum rte_hypervisor id)
{
	switch (id) {
	case RTE_HYPERVISOR_NONE: return "none";
	case RTE_HYPERVISOR_KVM: return "KVM";
	case RTE_HYPERVISOR_HYPERV: return "Hyper-V";
	case RTE_HYPERVISOR_VMWARE: return "VMware";
	default: return "unknown";
	}
}
