/* SPDX-License-Identifier: BSD-3-Clause
 * Default mempool ops for pktmbuf pools. The platform and user choices are
 * kept in two small shared memzones ("mbuf_platform_pool_ops",
 * "mbuf_user_pool_ops", each holding a NUL-terminated ops name) so that
 * secondaries follow the primary's choice. */
#include <string.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_mempool.h>
#include <rte_memzone.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

static int mbuf_ops_set(const char *zone, const char *name, int once)
{
	const struct rte_memzone *mz;

	if (name == NULL || strnlen(name, RTE_MEMPOOL_OPS_NAMESIZE) >= RTE_MEMPOOL_OPS_NAMESIZE) {
		RTE_LOG(ERR, MBUF, "invalid mempool ops name\n");
		return -EINVAL;
	}
	mz = rte_memzone_lookup(zone);
	if (mz == NULL) {
		mz = rte_memzone_reserve(zone, RTE_MEMPOOL_OPS_NAMESIZE, SOCKET_ID_ANY, 0);
		if (mz == NULL && rte_errno == EEXIST)
			mz = rte_memzone_lookup(zone);
		if (mz == NULL)
			return -ENOMEM;
	} else if (once && strcmp(mz->addr, name) != 0) {
		RTE_LOG(ERR, MBUF, "platform mempool ops already set to %s\n", (char *)mz->addr);
		return -EACCES;
	}
	snprintf(mz->addr, RTE_MEMPOOL_OPS_NAMESIZE, "%s", name);
	return 0;
}

static const char *mbuf_ops_get(const char *zone)
{
	const struct rte_memzone *mz = rte_memzone_lookup(zone);

	return mz && ((char *)mz->addr)[0] ? mz->addr : NULL;
}

int rte_mbuf_set_platform_mempool_ops(const char *ops_name)
{
	return mbuf_ops_set("mbuf_platform_pool_ops", ops_name, 1);
}
const char *rte_mbuf_platform_mempool_ops(void)
{
	return mbuf_ops_get("mbuf_platform_pool_ops");
}
int rte_mbuf_set_user_mempool_ops(const char *ops_name)
{
	return mbuf_ops_set("mbuf_user_pool_ops", ops_name, 0);
}
const char *rte_mbuf_user_mempool_ops(void)
{
	const char *name = mbuf_ops_get("mbuf_user_pool_ops");

	return name ? name : rte_eal_mbuf_user_pool_ops();
}
const char *rte_mbuf_best_mempool_ops(void)
{
	const char *name = rte_mbuf_user_mempool_ops();

	if (name == NULL)
		name = rte_mbuf_platform_mempool_ops();
	return name ? name : RTE_MBUF_DEFAULT_MEMPOOL_OPS;
}
