/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry client side (dplite-info and the telemetry tests): find a
 * process's dpdk_telemetry.v2 socket, connect, query. */
#ifndef DPLITE_INFO_TELCLIENT_H
#define DPLITE_INFO_TELCLIENT_H
#include <stddef.h>
#include <sys/types.h>

/* Runtime directory of a file prefix, as the EAL and dpdk-telemetry.py
 * compute it: /var/run/dpdk/<p> for root, else $XDG_RUNTIME_DIR/dpdk/<p>
 * or /tmp/dpdk/<p>. -1 if it does not fit. */
int tc_runtime_dir(const char *prefix, char *buf, size_t len);
/* Socket path of instance n (0: the primary's dpdk_telemetry.v2; n > 0:
 * dpdk_telemetry.v2:n, a secondary's). */
int tc_socket_path(const char *prefix, int instance, char *buf, size_t len);
/* Connect and read the banner into banner (NUL-terminated). Returns the fd,
 * or -errno. timeout_ms bounds every later send/receive too. */
int tc_connect(const char *path, char *banner, size_t cap, int timeout_ms);
/* Send req, receive one reply (NUL-terminated) into out. Returns its length
 * or -errno (-EMSGSIZE when the reply did not fit). */
ssize_t tc_query(int fd, const char *req, size_t reqlen, char *out, size_t cap);
#endif
