/* SPDX-License-Identifier: BSD-3-Clause
 * Circular character buffer (cmdline_cirbuf.h). Indices: start is the first
 * element, end the last; both equal when the buffer holds 0 or 1 element. */
#include <errno.h>
#include <string.h>
#include <cmdline_cirbuf.h>

int cirbuf_init(struct cirbuf *cbuf, char *buf, unsigned int start, unsigned int maxlen)
{
	if (cbuf == NULL || buf == NULL)
		return -EINVAL;
	cbuf->maxlen = maxlen;
	cbuf->len = 0;
	cbuf->start = start;
	cbuf->end = start;
	cbuf->buf = buf;
	return 0;
}

static unsigned int next(const struct cirbuf *c, unsigned int i) { return (i + 1) % c->maxlen; }
static unsigned int prev(const struct cirbuf *c, unsigned int i) { return (i + c->maxlen - 1) % c->maxlen; }

int cirbuf_add_head_safe(struct cirbuf *cbuf, char c)
{
	if (cbuf == NULL || CIRBUF_IS_FULL(cbuf))
		return -EINVAL;
	if (!CIRBUF_IS_EMPTY(cbuf))
		cbuf->start = prev(cbuf, cbuf->start);
	cbuf->buf[cbuf->start] = c;
	cbuf->len++;
	return 0;
}
void cirbuf_add_head(struct cirbuf *cbuf, char c) { cirbuf_add_head_safe(cbuf, c); }

int cirbuf_add_tail_safe(struct cirbuf *cbuf, char c)
{
	if (cbuf == NULL || CIRBUF_IS_FULL(cbuf))
		return -EINVAL;
	if (!CIRBUF_IS_EMPTY(cbuf))
		cbuf->end = next(cbuf, cbuf->end);
	cbuf->buf[cbuf->end] = c;
	cbuf->len++;
	return 0;
}
void cirbuf_add_tail(struct cirbuf *cbuf, char c) { cirbuf_add_tail_safe(cbuf, c); }

int cirbuf_del_head_safe(struct cirbuf *cbuf)
{
	if (cbuf == NULL || CIRBUF_IS_EMPTY(cbuf))
		return -EINVAL;
	cbuf->len--;
	if (!CIRBUF_IS_EMPTY(cbuf))
		cbuf->start = next(cbuf, cbuf->start);
	else
		cbuf->end = cbuf->start;
	return 0;
}
void cirbuf_del_head(struct cirbuf *cbuf) { cirbuf_del_head_safe(cbuf); }

int cirbuf_del_tail_safe(struct cirbuf *cbuf)
{
	if (cbuf == NULL || CIRBUF_IS_EMPTY(cbuf))
		return -EINVAL;
	cbuf->len--;
	if (!CIRBUF_IS_EMPTY(cbuf))
		cbuf->end = prev(cbuf, cbuf->end);
	else
		cbuf->start = cbuf->end;
	return 0;
}
void cirbuf_del_tail(struct cirbuf *cbuf) { cirbuf_del_tail_safe(cbuf); }

char cirbuf_get_head(struct cirbuf *cbuf) { return cbuf->buf[cbuf->start]; }
char cirbuf_get_tail(struct cirbuf *cbuf) { return cbuf->buf[cbuf->end]; }

int cirbuf_add_buf_head(struct cirbuf *cbuf, const char *c, unsigned int n)
{
	if (cbuf == NULL || c == NULL || n == 0 || n > CIRBUF_GET_FREELEN(cbuf))
		return -EINVAL;
	for (unsigned int i = n; i > 0; i--)
		cirbuf_add_head(cbuf, c[i - 1]);
	return (int)n;
}

int cirbuf_add_buf_tail(struct cirbuf *cbuf, const char *c, unsigned int n)
{
	if (cbuf == NULL || c == NULL || n == 0 || n > CIRBUF_GET_FREELEN(cbuf))
		return -EINVAL;
	for (unsigned int i = 0; i < n; i++)
		cirbuf_add_tail(cbuf, c[i]);
	return (int)n;
}

int cirbuf_del_buf_head(struct cirbuf *cbuf, unsigned int size)
{
	if (cbuf == NULL || size == 0 || size > CIRBUF_GET_LEN(cbuf))
		return -EINVAL;
	while (size--)
		cirbuf_del_head(cbuf);
	return 0;
}

int cirbuf_del_buf_tail(struct cirbuf *cbuf, unsigned int size)
{
	if (cbuf == NULL || size == 0 || size > CIRBUF_GET_LEN(cbuf))
		return -EINVAL;
	while (size--)
		cirbuf_del_tail(cbuf);
	return 0;
}

int cirbuf_get_buf_head(struct cirbuf *cbuf, char *c, unsigned int size)
{
	if (cbuf == NULL || c == NULL)
		return -EINVAL;
	unsigned int n = size < cbuf->len ? size : cbuf->len;
	for (unsigned int i = 0; i < n; i++)
		c[i] = cbuf->buf[(cbuf->start + i) % cbuf->maxlen];
	return (int)n;
}

int cirbuf_get_buf_tail(struct cirbuf *cbuf, char *c, unsigned int size)
{
	if (cbuf == NULL || c == NULL)
		return -EINVAL;
	unsigned int n = size < cbuf->len ? size : cbuf->len;
	unsigned int first = (cbuf->start + cbuf->len - n) % cbuf->maxlen;
	for (unsigned int i = 0; i < n; i++)
		c[i] = cbuf->buf[(first + i) % cbuf->maxlen];
	return (int)n;
}

/* Rotate the contents so that the first element sits at index `to`. */
static void rotate_to(struct cirbuf *cbuf, unsigned int to)
{
	char tmp[cbuf->len ? cbuf->len : 1];
	unsigned int n = cbuf->len;
	cirbuf_get_buf_head(cbuf, tmp, n);
	for (unsigned int i = 0; i < n; i++)
		cbuf->buf[(to + i) % cbuf->maxlen] = tmp[i];
	cbuf->start = to;
	cbuf->end = n ? (to + n - 1) % cbuf->maxlen : to;
}

int cirbuf_align_left(struct cirbuf *cbuf)
{
	if (cbuf == NULL)
		return -EINVAL;
	rotate_to(cbuf, 0);
	return 0;
}

int cirbuf_align_right(struct cirbuf *cbuf)
{
	if (cbuf == NULL)
		return -EINVAL;
	rotate_to(cbuf, cbuf->len ? cbuf->maxlen - cbuf->len : cbuf->maxlen - 1);
	return 0;
}
