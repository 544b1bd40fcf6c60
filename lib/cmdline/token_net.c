/* SPDX-License-Identifier: BSD-3-Clause
 * Network tokens: IP addresses and networks (cmdline_parse_ipaddr.h),
 * Ethernet addresses (cmdline_parse_etheraddr.h) and port lists
 * (cmdline_parse_portlist.h). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
#include <rte_ether.h>
#include <cmdline_parse.h>
#include <cmdline_parse_etheraddr.h>
#include <cmdline_parse_ipaddr.h>
#include <cmdline_parse_portlist.h>

struct cmdline_token_ops cmdline_token_ipaddr_ops = {
	.parse = cmdline_parse_ipaddr,
	.complete_get_nb = NULL,
	.complete_get_elt = NULL,
	.get_help = cmdline_get_help_ipaddr,
};
struct cmdline_token_ops cmdline_token_etheraddr_ops = {
	.parse = cmdline_parse_etheraddr,
	.complete_get_nb = NULL,
	.complete_get_elt = NULL,
	.get_help = cmdline_get_help_etheraddr,
};
struct cmdline_token_ops cmdline_token_portlist_ops = {
	.parse = cmdline_parse_portlist,
	.complete_get_nb = NULL,
	.complete_get_elt = NULL,
	.get_help = cmdline_get_help_portlist,
};

/* Copy the word at buf into w (NUL-terminated); its length or -1. */
static int word(const char *buf, char *w, size_t wsize)
{
	size_t n = 0;
	while (!cmdline_isendoftoken(buf[n]))
		n++;
	if (n == 0 || n >= wsize)
		return -1;
	memcpy(w, buf, n);
	w[n] = '\0';
	return (int)n;
}

int cmdline_parse_ipaddr(cmdline_parse_token_hdr_t *tk, const char *buf, void *res, unsigned ressize)
{
	if (tk == NULL || buf == NULL)
		return -1;
	uint8_t flags = ((const struct cmdline_token_ipaddr *)tk)->ipaddr_data.flags;
	char w[INET6_ADDRSTRLEN + 8];
	struct cmdline_ipaddr ip;
	if (res && ressize < sizeof(ip))
		return -1;
	int n = word(buf, w, sizeof(w));
	if (n < 0)
		return -1;
	memset(&ip, 0, sizeof(ip));
	char *slash = strchr(w, '/');
	if (slash != NULL) {
		if (!(flags & CMDLINE_IPADDR_NETWORK))
			return -1;
		char *end;
		*slash = '\0';
		unsigned long pl = strtoul(slash + 1, &end, 10);
		if (slash[1] == '\0' || *end != '\0')
			return -1;
		ip.prefixlen = (unsigned int)pl;
	} else if (flags & CMDLINE_IPADDR_NETWORK) {
		return -1;   /* a network needs its prefix length */
	}
	if ((flags & CMDLINE_IPADDR_V4) && inet_pton(AF_INET, w, &ip.addr.ipv4) == 1) {
		if (ip.prefixlen > 32)
			return -1;
		ip.family = AF_INET;
	} else if ((flags & CMDLINE_IPADDR_V6) && inet_pton(AF_INET6, w, &ip.addr.ipv6) == 1) {
		if (ip.prefixlen > 128)
			return -1;
		ip.family = AF_INET6;
	} else {
		return -1;
	}
	if (res)
		memcpy(res, &ip, sizeof(ip));
	return n;
}

int cmdline_get_help_ipaddr(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size)
{
	if (tk == NULL || dstbuf == NULL)
		return -1;
	const char *h;
	switch (((const struct cmdline_token_ipaddr *)tk)->ipaddr_data.flags) {
	case CMDLINE_IPADDR_V4: h = "IPv4"; break;
	case CMDLINE_IPADDR_V6: h = "IPv6"; break;
	case CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_V6: h = "IPv4/IPv6"; break;
	case CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_NETWORK: h = "IPv4/mask"; break;
	case CMDLINE_IPADDR_V6 | CMDLINE_IPADDR_NETWORK: h = "IPv6/mask"; break;
	case CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_V6 | CMDLINE_IPADDR_NETWORK: h = "IPv4/mask or IPv6/mask"; break;
	default: h = "IPaddr (bad flags)"; break;
	}
	snprintf(dstbuf, size, "%s", h);
	return 0;
}

int cmdline_parse_etheraddr(cmdline_parse_token_hdr_t *tk, const char *buf, void *res, unsigned ressize)
{
	char w[32];
	struct rte_ether_addr ea;
	if (tk == NULL || buf == NULL)
		return -1;
	if (res && ressize < sizeof(ea))
		return -1;
	int n = word(buf, w, sizeof(w));
	if (n < 0 || rte_ether_unformat_addr(w, &ea) != 0)
		return -1;
	if (res)
		memcpy(res, &ea, sizeof(ea));
	return n;
}

int cmdline_get_help_etheraddr(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size)
{
	if (tk == NULL || dstbuf == NULL)
		return -1;
	snprintf(dstbuf, size, "Ethernet address");
	return 0;
}

int cmdline_parse_portlist(cmdline_parse_token_hdr_t *tk, const char *buf, void *res, unsigned ressize)
{
	char w[PORTLIST_TOKEN_SIZE];
	cmdline_portlist_t pl = { 0 };
	if (tk == NULL || buf == NULL)
		return -1;
	if (res && ressize < sizeof(pl))
		return -1;
	int n = word(buf, w, sizeof(w));
	if (n < 0)
		return -1;
	if (strcmp(w, "all") == 0) {
		pl.map = UINT32_MAX;
	} else {
		const char *p = w;
		for (;;) {
			char *end;
			if (*p < '0' || *p > '9')
				return -1;
			unsigned long a = strtoul(p, &end, 10), b = a;
			p = end;
			if (*p == '-') {
				p++;
				if (*p < '0' || *p > '9')
					return -1;
				b = strtoul(p, &end, 10);
				p = end;
			}
			if (a > b || b >= PORTLIST_MAX_TOKENS)
				return -1;
			for (unsigned long i = a; i <= b; i++)
				pl.map |= UINT32_C(1) << i;
			if (*p == '\0')
				break;
			if (*p != ',')
				return -1;
			p++;
		}
	}
	if (res)
		memcpy(res, &pl, sizeof(pl));
	return n;
}

int cmdline_get_help_portlist(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size)
{
	if (tk == NULL || dstbuf == NULL)
		return -1;
	snprintf(dstbuf, size, "range of ports as 3,4-6,8-19,20");
	return 0;
}
