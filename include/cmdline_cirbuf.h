/* SPDX-License-Identifier: BSD-3-Clause
 * Circular character buffer used by the line editor. start indexes the first
 * element and end the last (equal when empty or holding one); add/del at
 * either end. The _safe forms return 0 or -EINVAL (full/empty); the others
 * assume the caller checked. */
#ifndef _CIRBUF_H_
#define _CIRBUF_H_

#ifdef __cplusplus
extern "C" {
#endif

struct cirbuf {
	unsigned int maxlen;   /* capacity */
	unsigned int start;    /* index of the first element */
	unsigned int end;      /* index of the last element */
	unsigned int len;      /* elements held */
	char *buf;
};

#ifdef RTE_LIBRTE_CMDLINE_DEBUG
#define dprintf_(fmt, ...) printf("line %3.3d - " fmt "%.0s", __LINE__, __VA_ARGS__)
#define dprintf(...) dprintf_(__VA_ARGS__, "dummy")
#else
#define dprintf(...) (void)0
#endif

/* 0; -EINVAL (NULL). */
int cirbuf_init(struct cirbuf *cbuf, char *buf, unsigned int start, unsigned int maxlen);

#define CIRBUF_IS_FULL(cirbuf) ((cirbuf)->maxlen == (cirbuf)->len)
#define CIRBUF_IS_EMPTY(cirbuf) ((cirbuf)->len == 0)
#define CIRBUF_GET_LEN(cirbuf) ((cirbuf)->len)
#define CIRBUF_GET_MAXLEN(cirbuf) ((cirbuf)->maxlen)
#define CIRBUF_GET_FREELEN(cirbuf) ((cirbuf)->maxlen - (cirbuf)->len)
#define CIRBUF_FOREACH(c, i, e) \
	for (i = 0, e = (c)->buf[(c)->start]; \
	     i < ((c)->len); \
	     i++, e = (c)->buf[((c)->start + i) % ((c)->maxlen)])

int cirbuf_add_head_safe(struct cirbuf *cbuf, char c);
void cirbuf_add_head(struct cirbuf *cbuf, char c);
int cirbuf_add_tail_safe(struct cirbuf *cbuf, char c);
void cirbuf_add_tail(struct cirbuf *cbuf, char c);
int cirbuf_del_head_safe(struct cirbuf *cbuf);
void cirbuf_del_head(struct cirbuf *cbuf);
int cirbuf_del_tail_safe(struct cirbuf *cbuf);
void cirbuf_del_tail(struct cirbuf *cbuf);
char cirbuf_get_head(struct cirbuf *cbuf);
char cirbuf_get_tail(struct cirbuf *cbuf);
/* n added, or -EINVAL (n 0 or more than the free room). */
int cirbuf_add_buf_head(struct cirbuf *cbuf, const char *c, unsigned int n);
int cirbuf_add_buf_tail(struct cirbuf *cbuf, const char *c, unsigned int n);
/* 0, or -EINVAL (size 0 or more than held). */
int cirbuf_del_buf_head(struct cirbuf *cbuf, unsigned int size);
int cirbuf_del_buf_tail(struct cirbuf *cbuf, unsigned int size);
/* bytes copied (at most size). */
int cirbuf_get_buf_head(struct cirbuf *cbuf, char *c, unsigned int size);
int cirbuf_get_buf_tail(struct cirbuf *cbuf, char *c, unsigned int size);
/* Rotate the content to start (left) or end (right) at the array's edge. */
int cirbuf_align_left(struct cirbuf *cbuf);
int cirbuf_align_right(struct cirbuf *cbuf);

#ifdef __cplusplus
}
#endif
#endif
