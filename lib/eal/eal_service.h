/* SPDX-License-Identifier: BSD-3-Clause
 * Service-lcore options (-s coremask, -S corelist), parsed by eal.c through
 * service_opts.c and read by service.c at init (not installed). */
#ifndef DPLITE_EAL_SERVICE_H
#define DPLITE_EAL_SERVICE_H
#include <stdbool.h>
/* opt 's' (hex mask) or 'S' (list "1,3-4"); 0, or -1 after one log line. */
int eal_service_opt_parse(char opt, const char *arg);
void eal_service_opt_reset(void);
bool eal_service_opt_lcore(unsigned int lcore);
#endif
