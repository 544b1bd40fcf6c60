/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_COMPAT_H_
#define _RTE_COMPAT_H_
#include <rte_config.h>
#ifndef __rte_experimental
#define __rte_experimental
#endif
#ifndef __rte_internal
#define __rte_internal
#endif
#endif
