/* SPDX-License-Identifier: BSD-3-Clause
 * Read-only views of EAL state for tools that run inside the process
 * (lib/telemetry). Not installed. Everything here only reads, takes at most
 * the lock the public walkers take, and calls nothing above lib/eal. */
#ifndef DPLITE_EAL_INTROSPECT_H
#define DPLITE_EAL_INTROSPECT_H
#include <stdint.h>
#include <stddef.h>
#include <rte_memzone.h>

/* rte_eal_init's argv, saved before option parsing reorders it: EAL
 * arguments up to "--" (argv[0] included), application arguments after it.
 * Each list is NULL-terminated; both are NULL before the first init. */
void eal_args_save(int argc, char **argv);
char *const *eal_saved_eal_args(void);
char *const *eal_saved_app_args(void);

/* Heap table slot idx (0 .. eal_heap_slots() - 1). */
struct eal_heap_desc {
	char name[32];
	int socket_id;
	int external;
};
unsigned int eal_heap_slots(void);
int eal_heap_describe(unsigned int idx, struct eal_heap_desc *d); /* -ENOENT unused */

/* Live bytes and blocks per rte_malloc type string: fills out[] with every
 * type in the table (names copied under one hold of the heap root lock,
 * counters summed without it) and returns how many; name is "" for the
 * NULL/"" type. */
struct eal_heap_type_stat {
	char name[32];
	int64_t bytes;
	int64_t count;
};
unsigned int eal_heap_types_read(struct eal_heap_type_stat *out, unsigned int max);

/* Slot index of a memzone (stable while it lives), -1 if mz is not one. */
int eal_memzone_index(const struct rte_memzone *mz);

/* PID that holds lcore id in this prefix (0 none). */
int eal_lcore_owner(unsigned int lcore_id);
#endif
