/* SPDX-License-Identifier: BSD-3-Clause
 * There is no bus layer in dplite; the header exists so programs that include
 * it through <rte_eal.h> build. */
#ifndef _RTE_BUS_H_
#define _RTE_BUS_H_
#endif
