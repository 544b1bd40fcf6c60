/* SPDX-License-Identifier: BSD-3-Clause
 * rte_uuid.h: UUIDs are 16 bytes in network order, so byte-wise comparison
 * orders them as their fields would. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <rte_uuid.h>

bool rte_uuid_is_null(const rte_uuid_t uu)
{
	for (int i = 0; i < 16; i++)
		if (uu[i])
			return false;
	return true;
}

int rte_uuid_compare(const rte_uuid_t a, const rte_uuid_t b)
{
	for (int i = 0; i < 16; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

int rte_uuid_parse(const char *in, rte_uuid_t uu)
{
	rte_uuid_t out;
	int k = 0;
	if (in == NULL || uu == NULL || strlen(in) != 36)
		return -1;
	for (int i = 0; i < 36; ) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (in[i] != '-')
				return -1;
			i++;
			continue;
		}
		int hi = hexval(in[i]), lo = hexval(in[i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[k++] = (unsigned char)(hi << 4 | lo);
		i += 2;
	}
	memcpy(uu, out, sizeof(out));
	return 0;
}

void rte_uuid_unparse(const rte_uuid_t uu, char *out, size_t len)
{
	if (out == NULL || len == 0)
		return;
	snprintf(out, len, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 uu[0], uu[1], uu[2], uu[3], uu[4], uu[5], uu[6], uu[7],
		 uu[8], uu[9], uu[10], uu[11], uu[12], uu[13], uu[14], uu[15]);
}
