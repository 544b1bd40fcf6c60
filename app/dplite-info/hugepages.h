/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-info hugepages: see hugepages.c. argv[0] is "hugepages"; json is
 * the global --json flag. Returns the process exit status. */
#ifndef DPLITE_INFO_HUGEPAGES_H
#define DPLITE_INFO_HUGEPAGES_H
#include <stdbool.h>
int hugepages_cmd(int argc, char **argv, bool json);
#endif
