/* SPDX-License-Identifier: BSD-3-Clause
 * Dynamic mbuf field/flag registry.
 *
 * Shared layout (memzone "rte_mbuf_dyn", struct mbuf_dyn_shm): a per-byte
 * map of struct rte_mbuf telling which bytes are free for dynamic fields
 * (initially exactly dynfield1[]), a bitmap of free ol_flags bits
 * (RTE_MBUF_F_FIRST_FREE..RTE_MBUF_F_LAST_FREE), and the registered names.
 * Everything is guarded by the spinlock inside the zone. A zone full of
 * zeroes is "not initialised yet" (init flag 0); the first registrant fills
 * the maps under the lock.
 */
#include <string.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>
#include <rte_errno.h>
#include <rte_log.h>

#define MBUF_DYN_MZ "rte_mbuf_dyn"
#define MBUF_DYN_MAX_FIELDS 64
#define MBUF_DYN_MAX_FLAGS 64

struct mbuf_dyn_shm {
	rte_spinlock_t lock;
	uint32_t initialised;
	uint8_t free_byte[sizeof(struct rte_mbuf)];   /* 1 = usable, not taken */
	uint64_t free_flags;                          /* 1 = usable, not taken */
	uint32_t nb_fields, nb_flags;
	struct { struct rte_mbuf_dynfield p; int offset; } fields[MBUF_DYN_MAX_FIELDS];
	struct { struct rte_mbuf_dynflag p; unsigned int bit; } flags[MBUF_DYN_MAX_FLAGS];
};

static struct mbuf_dyn_shm *dyn_shm(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(MBUF_DYN_MZ);
	struct mbuf_dyn_shm *shm;

	if (mz == NULL) {
		mz = rte_memzone_reserve(MBUF_DYN_MZ, sizeof(*shm), SOCKET_ID_ANY, 0);
		if (mz == NULL && rte_errno == EEXIST)
			mz = rte_memzone_lookup(MBUF_DYN_MZ);
		if (mz == NULL)
			return NULL;
	}
	shm = mz->addr;
	rte_spinlock_lock(&shm->lock);
	if (!shm->initialised) {
		size_t off = offsetof(struct rte_mbuf, dynfield1);
		memset(shm->free_byte, 0, sizeof(shm->free_byte));
		memset(shm->free_byte + off, 1, sizeof(((struct rte_mbuf *)0)->dynfield1));
		shm->free_flags = 0;
		for (uint64_t m = RTE_MBUF_F_FIRST_FREE; m <= RTE_MBUF_F_LAST_FREE; m <<= 1)
			shm->free_flags |= m;
		shm->initialised = 1;
	}
	rte_spinlock_unlock(&shm->lock);
	return shm;
}

static int dyn_field_fits(const struct mbuf_dyn_shm *shm, size_t off, size_t size)
{
	if (off + size > sizeof(shm->free_byte))
		return 0;
	for (size_t i = 0; i < size; i++)
		if (!shm->free_byte[off + i])
			return 0;
	return 1;
}

int rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params, size_t req)
{
	struct mbuf_dyn_shm *shm;
	size_t off;
	int ret = -1;

	if (params == NULL || params->flags != 0 || params->size == 0 ||
	    params->align == 0 || !rte_is_power_of_2((uint32_t)params->align) ||
	    params->size > sizeof(struct rte_mbuf) ||
	    strnlen(params->name, RTE_MBUF_DYN_NAMESIZE) == 0 ||
	    strnlen(params->name, RTE_MBUF_DYN_NAMESIZE) >= RTE_MBUF_DYN_NAMESIZE ||
	    (req != SIZE_MAX && (req % params->align) != 0)) {
		RTE_LOG(ERR, MBUF, "dynfield: invalid parameters\n");
		rte_errno = EINVAL;
		return -1;
	}
	shm = dyn_shm();
	if (shm == NULL) {
		rte_errno = ENOMEM;
		return -1;
	}
	rte_spinlock_lock(&shm->lock);
	for (uint32_t i = 0; i < shm->nb_fields; i++) {
		if (strcmp(shm->fields[i].p.name, params->name) != 0)
			continue;
		if (shm->fields[i].p.size == params->size && shm->fields[i].p.align == params->align &&
		    (req == SIZE_MAX || (size_t)shm->fields[i].offset == req)) {
			ret = shm->fields[i].offset;
		} else {
			RTE_LOG(ERR, MBUF, "dynfield %s: registered with other parameters\n",
				params->name);
			rte_errno = EEXIST;
		}
		goto out;
	}
	if (shm->nb_fields == MBUF_DYN_MAX_FIELDS) {
		rte_errno = ENOENT;
		goto out;
	}
	if (req != SIZE_MAX) {
		if (!dyn_field_fits(shm, req, params->size)) {
			RTE_LOG(ERR, MBUF, "dynfield %s: offset %zu not available\n", params->name, req);
			rte_errno = EBUSY;
			goto out;
		}
		off = req;
	} else {
		for (off = 0; off < sizeof(shm->free_byte); off += params->align)
			if (dyn_field_fits(shm, off, params->size))
				break;
		if (off >= sizeof(shm->free_byte)) {
			RTE_LOG(ERR, MBUF, "dynfield %s: no room for %zu bytes\n", params->name,
				params->size);
			rte_errno = ENOENT;
			goto out;
		}
	}
	memset(shm->free_byte + off, 0, params->size);
	shm->fields[shm->nb_fields].p = *params;
	shm->fields[shm->nb_fields].offset = (int)off;
	shm->nb_fields++;
	ret = (int)off;
out:
	rte_spinlock_unlock(&shm->lock);
	return ret;
}

int rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params)
{
	return rte_mbuf_dynfield_register_offset(params, SIZE_MAX);
}

int rte_mbuf_dynfield_lookup(const char *name, struct rte_mbuf_dynfield *params)
{
	struct mbuf_dyn_shm *shm = name ? dyn_shm() : NULL;
	int ret = -1;

	rte_errno = ENOENT;
	if (shm == NULL)
		return -1;
	rte_spinlock_lock(&shm->lock);
	for (uint32_t i = 0; i < shm->nb_fields; i++) {
		if (strcmp(shm->fields[i].p.name, name) == 0) {
			if (params)
				*params = shm->fields[i].p;
			ret = shm->fields[i].offset;
			break;
		}
	}
	rte_spinlock_unlock(&shm->lock);
	return ret;
}

int rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params, unsigned int req)
{
	struct mbuf_dyn_shm *shm;
	int ret = -1;
	unsigned int bit;

	if (params == NULL || params->flags != 0 ||
	    strnlen(params->name, RTE_MBUF_DYN_NAMESIZE) == 0 ||
	    strnlen(params->name, RTE_MBUF_DYN_NAMESIZE) >= RTE_MBUF_DYN_NAMESIZE ||
	    (req != UINT_MAX && req >= 64)) {
		RTE_LOG(ERR, MBUF, "dynflag: invalid parameters\n");
		rte_errno = EINVAL;
		return -1;
	}
	shm = dyn_shm();
	if (shm == NULL) {
		rte_errno = ENOMEM;
		return -1;
	}
	rte_spinlock_lock(&shm->lock);
	for (uint32_t i = 0; i < shm->nb_flags; i++) {
		if (strcmp(shm->flags[i].p.name, params->name) != 0)
			continue;
		if (req == UINT_MAX || shm->flags[i].bit == req) {
			ret = (int)shm->flags[i].bit;
		} else {
			RTE_LOG(ERR, MBUF, "dynflag %s: registered at another bit\n", params->name);
			rte_errno = EEXIST;
		}
		goto out;
	}
	if (req != UINT_MAX) {
		if (!(shm->free_flags & (1ULL << req))) {
			RTE_LOG(ERR, MBUF, "dynflag %s: bit %u not available\n", params->name, req);
			rte_errno = EBUSY;
			goto out;
		}
		bit = req;
	} else {
		if (shm->free_flags == 0) {
			RTE_LOG(ERR, MBUF, "dynflag %s: no free bit\n", params->name);
			rte_errno = ENOENT;
			goto out;
		}
		bit = (unsigned int)__builtin_ctzll(shm->free_flags);   /* lowest free, as DPDK */
	}
	shm->free_flags &= ~(1ULL << bit);
	shm->flags[shm->nb_flags].p = *params;
	shm->flags[shm->nb_flags].bit = bit;
	shm->nb_flags++;
	ret = (int)bit;
out:
	rte_spinlock_unlock(&shm->lock);
	return ret;
}

int rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params)
{
	return rte_mbuf_dynflag_register_bitnum(params, UINT_MAX);
}

int rte_mbuf_dynflag_lookup(const char *name, struct rte_mbuf_dynflag *params)
{
	struct mbuf_dyn_shm *shm = name ? dyn_shm() : NULL;
	int ret = -1;

	rte_errno = ENOENT;
	if (shm == NULL)
		return -1;
	rte_spinlock_lock(&shm->lock);
	for (uint32_t i = 0; i < shm->nb_flags; i++) {
		if (strcmp(shm->flags[i].p.name, name) == 0) {
			if (params)
				*params = shm->flags[i].p;
			ret = (int)shm->flags[i].bit;
			break;
		}
	}
	rte_spinlock_unlock(&shm->lock);
	return ret;
}

void rte_mbuf_dyn_dump(FILE *out)
{
	struct mbuf_dyn_shm *shm = dyn_shm();

	if (out == NULL || shm == NULL)
		return;
	rte_spinlock_lock(&shm->lock);
	fprintf(out, "Reserved fields:\n");
	for (uint32_t i = 0; i < shm->nb_fields; i++)
		fprintf(out, "  name=%s offset=%d size=%zu align=%zu\n", shm->fields[i].p.name,
			shm->fields[i].offset, shm->fields[i].p.size, shm->fields[i].p.align);
	fprintf(out, "Reserved flags:\n");
	for (uint32_t i = 0; i < shm->nb_flags; i++)
		fprintf(out, "  name=%s bitnum=%u\n", shm->flags[i].p.name, shm->flags[i].bit);
	fprintf(out, "Free flags mask: 0x%016llx\n", (unsigned long long)shm->free_flags);
	rte_spinlock_unlock(&shm->lock);
}

static int dyn_timestamp_register(int *field_offset, uint64_t *flag, const char *flag_name)
{
	static const struct rte_mbuf_dynfield field = {
		.name = RTE_MBUF_DYNFIELD_TIMESTAMP_NAME,
		.size = sizeof(rte_mbuf_timestamp_t),
		.align = __alignof__(rte_mbuf_timestamp_t),
	};
	struct rte_mbuf_dynflag fl;
	int off, bit;

	memset(&fl, 0, sizeof(fl));
	snprintf(fl.name, sizeof(fl.name), "%s", flag_name);
	off = rte_mbuf_dynfield_register(&field);
	if (off < 0)
		return -1;
	bit = rte_mbuf_dynflag_register(&fl);
	if (bit < 0)
		return -1;
	if (field_offset)
		*field_offset = off;
	if (flag)
		*flag = 1ULL << bit;
	return 0;
}

int rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag)
{
	return dyn_timestamp_register(field_offset, rx_flag, RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME);
}

int rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag)
{
	return dyn_timestamp_register(field_offset, tx_flag, RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME);
}
