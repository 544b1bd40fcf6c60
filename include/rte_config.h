/* SPDX-License-Identifier: BSD-3-Clause
 * dplite build-time configuration. Values match DPDK 22.11's defaults where a
 * program can see them (array sizes in public structs, cache line size). */
#ifndef _RTE_CONFIG_H_
#define _RTE_CONFIG_H_

#define DPLITE 1
#define RTE_EXEC_ENV 1                /* DPDK's number for Linux */
#define RTE_EXEC_ENV_LINUX 1
#define RTE_EXEC_ENV_LINUXAPP 1
#define RTE_EXEC_ENV_IS_LINUX 1
#define RTE_EXEC_ENV_IS_FREEBSD 0
#define RTE_EXEC_ENV_IS_WINDOWS 0
#if defined(__x86_64__)
#define RTE_ARCH "x86_64"
#define RTE_ARCH_64 1
#define RTE_ARCH_X86 1
#define RTE_ARCH_X86_64 1
#elif defined(__aarch64__)
#define RTE_ARCH "arm64"
#define RTE_ARCH_64 1
#define RTE_ARCH_ARM64 1
#endif

#define RTE_CACHE_LINE_SIZE 64
#define RTE_MAX_LCORE 128
#define RTE_MAX_NUMA_NODES 32
#define RTE_MAX_HEAPS 32
#define RTE_MAX_MEMSEG_LISTS 128
#define RTE_MAX_MEMSEG_PER_LIST 8192
#define RTE_MAX_MEM_MB_PER_LIST 32768
#define RTE_MAX_MEMSEG_PER_TYPE 32768
#define RTE_MAX_MEM_MB_PER_TYPE 65536
#define RTE_MAX_MEM_MB 524288
#define RTE_MAX_MEMZONE 2560
#define RTE_MAX_TAILQ 32
#define RTE_LOG_DP_LEVEL RTE_LOG_INFO
#define RTE_MEMPOOL_CACHE_MAX_SIZE 512
#define RTE_MBUF_DEFAULT_MEMPOOL_OPS "ring_mp_mc"
#define RTE_MBUF_REFCNT_ATOMIC 1
#define RTE_PKTMBUF_HEADROOM 128
#define RTE_MAX_ETHPORTS 32
#define RTE_MAX_QUEUES_PER_PORT 1024
#define RTE_ETHDEV_QUEUE_STAT_CNTRS 16
#define RTE_ETHDEV_RXTX_CALLBACKS 1
#define RTE_BACKTRACE 1

#define RTE_VER_PREFIX "dplite"
#define RTE_VER_YEAR 22
#define RTE_VER_MONTH 11
#define RTE_VER_MINOR 0
#define RTE_VER_SUFFIX ""
#define RTE_VER_RELEASE 99

#endif
