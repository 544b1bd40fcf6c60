/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memif_proto.h — the memif protocol, version 2.0, as bytes on the wire and
 * in shared memory. Written from the protocol as DPDK 22.11's net_memif and
 * VPP's memif plugin speak it; nothing here depends on dplite (stdint,
 * stddef and the compiler only), so test programs that play a hostile peer
 * can include it on their own.
 *
 * Control channel: a SOCK_SEQPACKET Unix socket. Every message is exactly
 * MEMIF_MSG_SIZE (128) bytes: a 16-bit type followed by one of the bodies
 * below, zero-padded. A message may carry one fd in an SCM_RIGHTS control
 * message (ADD_REGION: the region's memfd; ADD_RING: the ring's interrupt
 * eventfd). All integers are in host byte order (both ends share a host).
 *
 * Connection sequence (C = client, S = server):
 *   S->C HELLO        server limits: versions, max rings/regions/ring size
 *   C->S INIT         version, interface id, mode, secret, client name
 *   S->C ACK
 *   C->S ADD_REGION   index, size, fd           (repeated per region)
 *   S->C ACK
 *   C->S ADD_RING     C2S/S2C, index, region, offset, log2 size, eventfd
 *   S->C ACK                                    (repeated per ring)
 *   C->S CONNECT      client interface name
 *   S->C CONNECTED    server interface name
 * Either side may send DISCONNECT (code + reason) at any time, then close.
 *
 * Shared memory (created and owned by the client): region 0 holds the rings,
 * C2S rings first then S2C rings, each MEMIF_RING_SIZE(log2) bytes; in copy
 * mode the packet buffers follow in the same region, pkt_buffer_size bytes
 * each, ring by ring, slot by slot. Descriptors name a buffer as
 * (region, offset, length).
 *
 * Ring roles:
 *   C2S ring: the client produces (fills desc[head & mask], then advances
 *             head with release); the server consumes up to head (acquire)
 *             and hands slots back by advancing tail (release).
 *   S2C ring: the client (receiver) offers empty buffers by writing
 *             descriptors and advancing head (release); the server (sender)
 *             fills slots between tail and head (acquire on head), writes
 *             length/flags, then advances tail (release); the client reads
 *             up to tail (acquire).
 * head and tail are free-running 16-bit counters; slot = counter & mask.
 */
#ifndef DPLITE_MEMIF_PROTO_H
#define DPLITE_MEMIF_PROTO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MEMIF_COOKIE		0x3E31F20u
#define MEMIF_VERSION_MAJOR	2
#define MEMIF_VERSION_MINOR	0
#define MEMIF_VERSION		((MEMIF_VERSION_MAJOR << 8) | MEMIF_VERSION_MINOR)
#define MEMIF_NAME_SZ		32
#define MEMIF_SECRET_SZ		24
#define MEMIF_DISC_STRING_SZ	96
#define MEMIF_MSG_SIZE		128
#define MEMIF_CACHELINE		64	/* ring header field spacing */

/* Message types (16 bits on the wire). */
enum memif_msg_type {
	MEMIF_MSG_TYPE_NONE = 0,
	MEMIF_MSG_TYPE_ACK = 1,
	MEMIF_MSG_TYPE_HELLO = 2,
	MEMIF_MSG_TYPE_INIT = 3,
	MEMIF_MSG_TYPE_ADD_REGION = 4,
	MEMIF_MSG_TYPE_ADD_RING = 5,
	MEMIF_MSG_TYPE_CONNECT = 6,
	MEMIF_MSG_TYPE_CONNECTED = 7,
	MEMIF_MSG_TYPE_DISCONNECT = 8,
};

/* Ring directions. */
enum memif_ring_type {
	MEMIF_RING_C2S = 0,	/* client -> server */
	MEMIF_RING_S2C = 1,	/* server -> client */
};

/* Interface modes (8 bits in INIT); dplite, like DPDK, speaks ETHERNET only. */
enum memif_interface_mode {
	MEMIF_INTERFACE_MODE_ETHERNET = 0,
	MEMIF_INTERFACE_MODE_IP = 1,
	MEMIF_INTERFACE_MODE_PUNT_INJECT = 2,
};

typedef uint16_t memif_region_index_t;
typedef uint32_t memif_region_offset_t;
typedef uint64_t memif_region_size_t;
typedef uint16_t memif_ring_index_t;
typedef uint32_t memif_interface_id_t;
typedef uint16_t memif_version_t;
typedef uint8_t memif_log2_ring_size_t;

#define MEMIF_PACKED __attribute__((__packed__))

/* S2C: the server's limits. max_* ring counts and max_region are the
 * highest index allowed (count - 1). */
struct MEMIF_PACKED memif_msg_hello {
	uint8_t name[MEMIF_NAME_SZ];
	memif_version_t min_version;
	memif_version_t max_version;
	memif_region_index_t max_region;
	memif_ring_index_t max_s2c_ring;
	memif_ring_index_t max_c2s_ring;
	memif_log2_ring_size_t max_log2_ring_size;
};

/* C2S: which interface on the socket, and the credentials. The secret is
 * NUL-padded; an all-zero secret means "none". */
struct MEMIF_PACKED memif_msg_init {
	memif_version_t version;
	memif_interface_id_t id;
	uint8_t mode;		/* enum memif_interface_mode */
	uint8_t secret[MEMIF_SECRET_SZ];
	uint8_t name[MEMIF_NAME_SZ];
};

/* C2S: a shared memory region; its fd rides in SCM_RIGHTS. Indices come
 * in order 0, 1, 2, ... */
struct MEMIF_PACKED memif_msg_add_region {
	memif_region_index_t index;
	memif_region_size_t size;
};

#define MEMIF_MSG_ADD_RING_FLAG_C2S	1	/* else S2C */

/* C2S: a ring at (region, offset); its interrupt eventfd rides in
 * SCM_RIGHTS. The sender of a ring's packets writes the eventfd. */
struct MEMIF_PACKED memif_msg_add_ring {
	uint16_t flags;
	memif_ring_index_t index;
	memif_region_index_t region;
	memif_region_offset_t offset;
	memif_log2_ring_size_t log2_ring_size;
	uint16_t private_hdr_size;	/* 0: no per-slot private header */
};

/* C2S CONNECT / S2C CONNECTED: the sender's interface name. */
struct MEMIF_PACKED memif_msg_connect {
	uint8_t if_name[MEMIF_NAME_SZ];
};

struct MEMIF_PACKED memif_msg_connected {
	uint8_t if_name[MEMIF_NAME_SZ];
};

/* Either direction: why the sender is closing the channel. */
struct MEMIF_PACKED memif_msg_disconnect {
	uint32_t code;
	uint8_t string[MEMIF_DISC_STRING_SZ];
};

/* One control message: exactly 128 bytes, type at offset 0, body at 2. */
struct MEMIF_PACKED memif_msg {
	uint16_t type;		/* enum memif_msg_type */
	union MEMIF_PACKED {
		struct memif_msg_hello hello;
		struct memif_msg_init init;
		struct memif_msg_add_region add_region;
		struct memif_msg_add_ring add_ring;
		struct memif_msg_connect connect;
		struct memif_msg_connected connected;
		struct memif_msg_disconnect disconnect;
	} u;
	uint8_t pad[MEMIF_MSG_SIZE - 2 - MEMIF_DISC_STRING_SZ - 4];
};

#define MEMIF_DESC_FLAG_NEXT	1	/* packet continues in the next slot */

/* A buffer descriptor: 16 bytes. */
struct MEMIF_PACKED memif_desc {
	uint16_t flags;
	memif_region_index_t region;
	uint32_t length;
	memif_region_offset_t offset;
	uint32_t metadata;
};

#define MEMIF_RING_FLAG_MASK_INT	1	/* receiver polls: no eventfd kick */

/*
 * A ring header: cookie/flags/head on the first 64-byte line, tail alone on
 * the second, descriptors from byte 128 on.
 *   head: written by the client side of the ring (producer of C2S packets,
 *         producer of S2C empty buffers).
 *   tail: written by the server side (consumer of C2S, producer of S2C).
 *   flags: written by the receiver of the ring's packets.
 */
struct memif_ring {
	uint32_t cookie;	/* MEMIF_COOKIE, written by the client */
	uint16_t flags;
	uint16_t head;
	uint8_t pad0[MEMIF_CACHELINE - 8];
	uint16_t tail;
	uint8_t pad1[MEMIF_CACHELINE - 2];
	struct memif_desc desc[];
};

#define MEMIF_RING_HDR_SIZE	(2 * MEMIF_CACHELINE)

/* Bytes one ring of 2^log2 descriptors takes in region 0. */
static inline uint64_t
memif_ring_size(unsigned int log2_ring_size)
{
	return (uint64_t)MEMIF_RING_HDR_SIZE +
	       ((uint64_t)sizeof(struct memif_desc) << log2_ring_size);
}

#ifdef __cplusplus
}
#endif

#if defined(__cplusplus) && __cplusplus >= 201103L
#define MEMIF_STATIC_ASSERT(c, m) static_assert(c, m)
#else
#define MEMIF_STATIC_ASSERT(c, m) _Static_assert(c, m)
#endif
MEMIF_STATIC_ASSERT(sizeof(struct memif_msg_hello) == 43, "hello size");
MEMIF_STATIC_ASSERT(sizeof(struct memif_msg_init) == 63, "init size");
MEMIF_STATIC_ASSERT(sizeof(struct memif_msg_add_region) == 10, "add_region size");
MEMIF_STATIC_ASSERT(sizeof(struct memif_msg_add_ring) == 13, "add_ring size");
MEMIF_STATIC_ASSERT(sizeof(struct memif_msg_disconnect) == 100, "disconnect size");
MEMIF_STATIC_ASSERT(sizeof(struct memif_msg) == MEMIF_MSG_SIZE, "message size");
MEMIF_STATIC_ASSERT(offsetof(struct memif_msg, u) == 2, "message body offset");
MEMIF_STATIC_ASSERT(sizeof(struct memif_desc) == 16, "descriptor size");
MEMIF_STATIC_ASSERT(offsetof(struct memif_ring, head) == 6, "ring head offset");
MEMIF_STATIC_ASSERT(offsetof(struct memif_ring, tail) == 64, "ring tail offset");
MEMIF_STATIC_ASSERT(offsetof(struct memif_ring, desc) == 128, "ring desc offset");
MEMIF_STATIC_ASSERT(sizeof(struct memif_ring) == MEMIF_RING_HDR_SIZE, "ring header size");

#endif /* DPLITE_MEMIF_PROTO_H */
