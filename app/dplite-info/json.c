/* SPDX-License-Identifier: BSD-3-Clause
 * Strict recursive-descent JSON reader (see json.h). */
#include <stdlib.h>
#include <string.h>
#include "json.h"

#define JV_MAX_DEPTH 64

struct rd {
	const unsigned char *p, *end;
};

static void ws(struct rd *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static bool lit(struct rd *r, const char *s)
{
	size_t n = strlen(s);
	if ((size_t)(r->end - r->p) < n || memcmp(r->p, s, n) != 0)
		return false;
	r->p += n;
	return true;
}

static int hexv(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool u4(struct rd *r, unsigned int *cp)
{
	unsigned int v = 0;
	if (r->end - r->p < 4)
		return false;
	for (int i = 0; i < 4; i++) {
		int h = hexv(r->p[i]);
		if (h < 0)
			return false;
		v = v * 16 + (unsigned int)h;
	}
	r->p += 4;
	*cp = v;
	return true;
}

static size_t put_utf8(char *o, unsigned int cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Well-formed UTF-8 sequence length at p, 0 if none. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;
	size_t need;
	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		if (c == 0xe0)
			lo = 0xa0;
		if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		if (c == 0xf0)
			lo = 0x90;
		if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if ((size_t)(end - p) < need || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return need;
}

static bool str(struct rd *r, char **out, size_t *outn)
{
	if (r->p >= r->end || *r->p != '"')
		return false;
	r->p++;
	/* the decoded string is never longer than the source */
	char *o = malloc((size_t)(r->end - r->p) + 1);
	size_t n = 0;
	if (o == NULL)
		return false;
	while (r->p < r->end && *r->p != '"') {
		unsigned char c = *r->p;
		if (c < 0x20)
			goto bad;
		if (c == '\\') {
			r->p++;
			if (r->p >= r->end)
				goto bad;
			char e = (char)*r->p++;
			unsigned int cp;
			switch (e) {
			case '"': o[n++] = '"'; break;
			case '\\': o[n++] = '\\'; break;
			case '/': o[n++] = '/'; break;
			case 'b': o[n++] = '\b'; break;
			case 'f': o[n++] = '\f'; break;
			case 'n': o[n++] = '\n'; break;
			case 'r': o[n++] = '\r'; break;
			case 't': o[n++] = '\t'; break;
			case 'u':
				if (!u4(r, &cp))
					goto bad;
				if (cp >= 0xd800 && cp < 0xdc00) {
					unsigned int lo;
					if (!lit(r, "\\u") || !u4(r, &lo) || lo < 0xdc00 || lo > 0xdfff)
						goto bad;
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				} else if (cp >= 0xdc00 && cp <= 0xdfff)
					goto bad;
				n += put_utf8(o + n, cp);
				break;
			default:
				goto bad;
			}
			continue;
		}
		if (c < 0x80) {
			o[n++] = (char)c;
			r->p++;
			continue;
		}
		size_t q = utf8_len(r->p, r->end);
		if (q == 0)
			goto bad;
		memcpy(o + n, r->p, q);
		n += q;
		r->p += q;
	}
	if (r->p >= r->end)
		goto bad;
	r->p++;
	o[n] = '\0';
	*out = o;
	*outn = n;
	return true;
bad:
	free(o);
	return false;
}

static bool num(struct rd *r, struct jv *v)
{
	const unsigned char *s = r->p;
	bool neg = false, frac = false;
	uint64_t u = 0;
	bool ovf = false;
	if (r->p < r->end && *r->p == '-') {
		neg = true;
		r->p++;
	}
	if (r->p >= r->end || *r->p < '0' || *r->p > '9')
		return false;
	if (*r->p == '0')
		r->p++;
	else
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
			unsigned int dgt = (unsigned int)(*r->p - '0');
			if (u > (UINT64_MAX - dgt) / 10)
				ovf = true;
			u = u * 10 + dgt;
			r->p++;
		}
	if (r->p < r->end && *r->p == '.') {
		frac = true;
		r->p++;
		if (r->p >= r->end || *r->p < '0' || *r->p > '9')
			return false;
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		frac = true;
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (r->p >= r->end || *r->p < '0' || *r->p > '9')
			return false;
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	}
	char tmp[64];
	size_t l = (size_t)(r->p - s);
	if (l >= sizeof(tmp))
		l = sizeof(tmp) - 1;
	memcpy(tmp, s, l);
	tmp[l] = '\0';
	v->t = JV_NUM;
	v->d = strtod(tmp, NULL);
	v->is_int = !frac && !ovf;
	v->neg = neg;
	v->u = u;
	return true;
}

static bool value(struct rd *r, struct jv *v, int depth);

static bool array(struct rd *r, struct jv *v, int depth)
{
	size_t cap = 0;
	r->p++;
	v->t = JV_ARR;
	ws(r);
	if (r->p < r->end && *r->p == ']') {
		r->p++;
		return true;
	}
	for (;;) {
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			struct jv *nv = realloc(v->v, cap * sizeof(*nv));
			if (nv == NULL)
				return false;
			v->v = nv;
		}
		memset(&v->v[v->n], 0, sizeof(v->v[0]));
		v->n++;
		if (!value(r, &v->v[v->n - 1], depth + 1))
			return false;
		ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == ']') {
			r->p++;
			return true;
		}
		return false;
	}
}

static bool object(struct rd *r, struct jv *v, int depth)
{
	size_t cap = 0;
	r->p++;
	v->t = JV_OBJ;
	ws(r);
	if (r->p < r->end && *r->p == '}') {
		r->p++;
		return true;
	}
	for (;;) {
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			struct jv *nv = realloc(v->v, cap * sizeof(*nv));
			if (nv == NULL)
				return false;
			v->v = nv;
			char **nk = realloc(v->keys, cap * sizeof(*nk));
			if (nk == NULL)
				return false;
			v->keys = nk;
		}
		size_t kn;
		ws(r);
		memset(&v->v[v->n], 0, sizeof(v->v[0]));
		v->keys[v->n] = NULL;
		v->n++;
		if (!str(r, &v->keys[v->n - 1], &kn))
			return false;
		ws(r);
		if (r->p >= r->end || *r->p != ':')
			return false;
		r->p++;
		if (!value(r, &v->v[v->n - 1], depth + 1))
			return false;
		ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '}') {
			r->p++;
			return true;
		}
		return false;
	}
}

static bool value(struct rd *r, struct jv *v, int depth)
{
	if (depth > JV_MAX_DEPTH)
		return false;
	ws(r);
	if (r->p >= r->end)
		return false;
	switch (*r->p) {
	case '{': return object(r, v, depth);
	case '[': return array(r, v, depth);
	case '"': v->t = JV_STR; return str(r, &v->s, &v->n);
	case 't': v->t = JV_BOOL; v->b = true; return lit(r, "true");
	case 'f': v->t = JV_BOOL; return lit(r, "false");
	case 'n': v->t = JV_NULL; return lit(r, "null");
	default: return num(r, v);
	}
}

static void jv_clear(struct jv *v)
{
	if (v->t == JV_ARR || v->t == JV_OBJ) {
		for (size_t i = 0; i < v->n; i++) {
			jv_clear(&v->v[i]);
			if (v->keys)
				free(v->keys[i]);
		}
		free(v->v);
		free(v->keys);
	}
	free(v->s);
}

struct jv *jv_parse(const char *text, size_t len)
{
	struct rd r = { (const unsigned char *)text, (const unsigned char *)text + len };
	struct jv *v = calloc(1, sizeof(*v));
	if (v == NULL)
		return NULL;
	bool ok = value(&r, v, 0);
	ws(&r);
	if (!ok || r.p != r.end) {
		jv_free(v);
		return NULL;
	}
	return v;
}

void jv_free(struct jv *v)
{
	if (v == NULL)
		return;
	jv_clear(v);
	free(v);
}

const struct jv *jv_get(const struct jv *v, const char *key)
{
	if (v == NULL || v->t != JV_OBJ)
		return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->v[i];
	return NULL;
}

uint64_t jv_u64(const struct jv *v)
{
	return v && v->t == JV_NUM && v->is_int && !v->neg ? v->u : 0;
}

int64_t jv_i64(const struct jv *v)
{
	if (v == NULL || v->t != JV_NUM || !v->is_int)
		return 0;
	return v->neg ? -(int64_t)v->u : (int64_t)v->u;
}

static void print_scalar(FILE *f, const struct jv *v)
{
	switch (v->t) {
	case JV_NULL: fputs("null", f); break;
	case JV_BOOL: fputs(v->b ? "true" : "false", f); break;
	case JV_NUM:
		if (v->is_int)
			fprintf(f, "%s%llu", v->neg ? "-" : "", (unsigned long long)v->u);
		else
			fprintf(f, "%g", v->d);
		break;
	case JV_STR:
		for (size_t i = 0; i < v->n; i++) {
			unsigned char c = (unsigned char)v->s[i];
			if (c < 0x20 || c == 0x7f)
				fprintf(f, "\\x%02x", c);
			else
				fputc(c, f);
		}
		break;
	default: break;
	}
}

static bool scalars_only(const struct jv *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].t == JV_ARR || v->v[i].t == JV_OBJ)
			return false;
	return true;
}

void jv_print(FILE *f, const struct jv *v, int indent)
{
	if (v->t == JV_OBJ) {
		size_t w = 0;
		for (size_t i = 0; i < v->n; i++)
			if (strlen(v->keys[i]) > w)
				w = strlen(v->keys[i]);
		if (v->n == 0)
			fprintf(f, "%*s(empty)\n", indent, "");
		for (size_t i = 0; i < v->n; i++) {
			const struct jv *m = &v->v[i];
			fprintf(f, "%*s%-*s ", indent, "", (int)w + 1, v->keys[i]);
			if ((m->t == JV_OBJ && m->n) || (m->t == JV_ARR && !scalars_only(m))) {
				fputc('\n', f);
				jv_print(f, m, indent + 2);
			} else {
				jv_print(f, m, 0);
			}
		}
	} else if (v->t == JV_ARR) {
		if (scalars_only(v)) {
			fprintf(f, "%*s", indent, "");
			for (size_t i = 0; i < v->n; i++) {
				if (i)
					fputs(", ", f);
				print_scalar(f, &v->v[i]);
			}
			fputc('\n', f);
		} else {
			for (size_t i = 0; i < v->n; i++) {
				fprintf(f, "%*s[%zu]\n", indent, "", i);
				jv_print(f, &v->v[i], indent + 2);
			}
		}
	} else {
		fprintf(f, "%*s", indent, "");
		print_scalar(f, v);
		fputc('\n', f);
	}
}
