/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-info subcommands that attach to a running primary as a secondary
 * (explain.c, limits.c). */
#ifndef DPLITE_INFO_INFO_H
#define DPLITE_INFO_INFO_H
#include <stdbool.h>

/* Attach to prefix's primary as a secondary on an lcore id no process of
 * the prefix holds, quietly. 0, or 1 after printing one line to stderr. */
int info_attach(const char *prefix, const char *prg);

/* dplite-info explain ADDR|NAME...: exit status (0 all explained, 1 an
 * address dplite does not own or a bad argument). */
int info_explain(const char *prefix, const char *prg, int argc, char **argv, bool json);
/* dplite-info limits: exit status. */
int info_limits(const char *prefix, const char *prg, bool json);
#endif
