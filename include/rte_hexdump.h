/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_HEXDUMP_H_
#define _RTE_HEXDUMP_H_
#include <rte_config.h>
#include <stdio.h>
#ifdef __cplusplus
extern "C" {
#endif
/* Hex + ASCII dump of buf, 16 bytes a line, under a title line. */
void rte_hexdump(FILE *f, const char *title, const void *buf, unsigned int len);
/* Hex-only dump, 16 bytes a line. */
void rte_memdump(FILE *f, const char *title, const void *buf, unsigned int len);
#ifdef __cplusplus
}
#endif
#endif
