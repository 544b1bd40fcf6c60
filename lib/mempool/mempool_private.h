/* SPDX-License-Identifier: BSD-3-Clause
 * Internal interface between mempool.c and mempool_ops.c. Not installed. */
#ifndef DPLITE_MEMPOOL_PRIVATE_H
#define DPLITE_MEMPOOL_PRIVATE_H
/* Make this process's rte_mempool_ops_table.ops[idx] hold the functions
 * registered here under the shared name at idx. 0 or -ENOENT/-EINVAL. */
int mp_ops_resolve(int idx);
#endif
