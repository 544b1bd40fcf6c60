/* SPDX-License-Identifier: BSD-3-Clause
 * The reply writer: rte_tel_data -> one JSON text of bounded size.
 *
 * Invariants (what makes a reply safe to parse whatever the data):
 *  - the output is built in a buffer with a moving limit: opening a
 *    container lowers the limit by the one byte its closing bracket needs,
 *    so a closer always fits;
 *  - every array element or dict member is written whole or not at all
 *    (on overflow the length goes back to where the member started);
 *  - strings are escaped byte by byte: '"', '\\' and all bytes below 0x20
 *    (and 0x7f) become escapes, well-formed UTF-8 is copied, any other byte
 *    becomes \ufffd, so the text is valid UTF-8 JSON for any input bytes;
 *  - nesting deeper than TEL_MAX_DEPTH (only possible through cycles made by
 *    a buggy callback) is written as null. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "telemetry_internal.h"

struct out {
	char *buf;
	size_t len;   /* bytes written */
	size_t lim;   /* writes may not go past this (closers reserved after it) */
	bool trunc;
};

static bool put(struct out *o, const char *s, size_t n)
{
	if (n > o->lim - o->len)
		return false;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	return true;
}

/* Length of the well-formed UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xbf;   /* allowed range of the 2nd byte */
	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		if (c == 0xe0)
			lo = 0xa0;          /* no overlongs */
		else if (c == 0xed)
			hi = 0x9f;          /* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;          /* <= U+10FFFF */
	} else
		return 0;
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return need;
}

static bool put_string(struct out *o, const char *str, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str;
	size_t start = o->len;
	if (!put(o, "\"", 1))
		return false;
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		char esc[8];
		size_t k;
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			k = 2;
		} else if (c < 0x20 || c == 0x7f) {
			const char *named = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" :
					    c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
			if (named) {
				memcpy(esc, named, 2);
				k = 2;
			} else {
				memcpy(esc, "\\u00", 4);
				esc[4] = hex[c >> 4];
				esc[5] = hex[c & 15];
				k = 6;
			}
		} else if (c < 0x80) {
			esc[0] = (char)c;
			k = 1;
		} else {
			size_t q = utf8_seq(s + i, n - i);
			if (q) {
				if (!put(o, (const char *)s + i, q))
					goto full;
				i += q;
				continue;
			}
			memcpy(esc, "\\ufffd", 6);
			k = 6;
		}
		if (!put(o, esc, k))
			goto full;
		i++;
	}
	if (put(o, "\"", 1))
		return true;
full:
	o->len = start;
	return false;
}

bool tel_json_string(char *buf, size_t cap, size_t *len, const char *s, size_t n)
{
	struct out o = { .buf = buf, .len = *len, .lim = cap };
	if (*len > cap || !put_string(&o, s, n))
		return false;
	*len = o.len;
	return true;
}

static bool put_value(struct out *o, const struct rte_tel_data *d, const struct tel_entry *x,
		      int depth);

/* A whole container; false (nothing written) if not even its brackets fit. */
static bool put_container(struct out *o, const struct rte_tel_data *d, int depth)
{
	if (d == NULL || depth > TEL_MAX_DEPTH || (d->kind != TEL_DICT && d->kind != TEL_ARRAY))
		return put(o, "null", 4);
	bool dict = d->kind == TEL_DICT;
	if (o->lim - o->len < 2 || !put(o, dict ? "{" : "[", 1))
		return false;
	o->lim--;                                  /* the closer's byte */
	for (unsigned int i = 0; i < d->n; i++) {
		const struct tel_entry *x = &d->e[i];
		size_t mark = o->len;
		bool ok = (i == 0 || put(o, ",", 1));
		if (ok && dict)
			ok = put_string(o, tel_str(d, x->name), strlen(tel_str(d, x->name))) &&
			     put(o, ":", 1);
		if (ok)
			ok = put_value(o, d, x, depth);
		if (!ok) {
			o->len = mark;
			o->trunc = true;
			break;                     /* later members would reorder the output */
		}
	}
	o->lim++;
	o->buf[o->len++] = dict ? '}' : ']';
	return true;
}

static bool put_value(struct out *o, const struct rte_tel_data *d, const struct tel_entry *x,
		      int depth)
{
	char num[32];
	int k;
	switch (x->type) {
	case RTE_TEL_STRING_VAL: {
		const char *s = tel_str(d, x->v.s);
		return put_string(o, s, strlen(s));
	}
	case RTE_TEL_INT_VAL:
		k = snprintf(num, sizeof(num), "%d", x->v.i);
		return put(o, num, (size_t)k);
	case RTE_TEL_U64_VAL:
		k = snprintf(num, sizeof(num), "%" PRIu64, x->v.u);
		return put(o, num, (size_t)k);
	case RTE_TEL_CONTAINER:
		return put_container(o, x->v.c, depth + 1);
	}
	return put(o, "null", 4);
}

/* Longest prefix of s (n bytes) that escapes into at most room bytes,
 * quotes included, cut on a character boundary. */
static size_t fit_prefix(const char *s, size_t n, size_t room, char *scratch)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {                          /* largest m with escaped(m) <= room */
		size_t m = lo + (hi - lo + 1) / 2, len = 0;
		if (tel_json_string(scratch, room, &len, s, m))
			lo = m;
		else
			hi = m - 1;
	}
	return lo;
}

size_t tel_json_reply(char *buf, size_t cap, const char *key, size_t keylen,
		      const struct rte_tel_data *data, bool *truncated)
{
	struct out o = { .buf = buf, .len = 0, .lim = cap - 2 };   /* '}' and NUL */
	bool ok;

	if (truncated)
		*truncated = false;
	if (cap < 16) {
		if (cap)
			buf[0] = '\0';
		return 0;
	}
	if (keylen > TEL_MAX_CMD_LEN)
		keylen = TEL_MAX_CMD_LEN;
	put(&o, "{", 1);
	if (!put_string(&o, key, keylen))
		put_string(&o, "", 0);
	put(&o, ":", 1);
	size_t mark = o.len;
	if (data == NULL || data->kind == TEL_NULL) {
		ok = put(&o, "null", 4);
	} else if (data->kind == TEL_STRING) {
		const char *s = tel_str(data, 0);
		size_t n = strlen(s);
		ok = put_string(&o, s, n);
		if (!ok) {
			/* shorten rather than drop: scratch space is the free tail of buf */
			size_t room = o.lim - o.len;
			size_t m = fit_prefix(s, n, room, buf + o.len);
			o.trunc = true;
			ok = put_string(&o, s, m);
		}
	} else {
		ok = put_container(&o, data, 0);
	}
	if (!ok) {
		o.len = mark;
		o.trunc = true;
		put(&o, "null", 4);
	}
	o.buf[o.len++] = '}';
	o.buf[o.len] = '\0';
	if (truncated)
		*truncated = o.trunc;
	return o.len;
}
