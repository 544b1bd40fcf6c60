/* SPDX-License-Identifier: BSD-3-Clause
 * Line editor: feed it input bytes (rdline_char_in); it keeps the line
 * being edited (cursor movement, kill/yank, history, completion) and echoes
 * through write_char. On Enter it calls validate(line); on Tab/'?' it asks
 * complete(). The struct is opaque (rdline_new). */
#ifndef _RDLINE_H_
#define _RDLINE_H_

#include <stdio.h>
#include <rte_compat.h>
#include <cmdline_cirbuf.h>
#include <cmdline_vt100.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rdline;

typedef int (rdline_write_char_t)(struct rdline *rdl, char);
typedef void (rdline_validate_t)(struct rdline *rdl, const char *buf, unsigned int size);
typedef int (rdline_complete_t)(struct rdline *rdl, const char *buf, char *dstbuf, unsigned int dstsize,
				int *state);

/* NULL (write_char NULL, or no memory). */
__rte_experimental struct rdline *rdline_new(rdline_write_char_t *write_char, rdline_validate_t *validate,
					     rdline_complete_t *complete, void *opaque);
__rte_experimental void rdline_free(struct rdline *rdl);

/* Start a new line: print the prompt, state RUNNING. */
void rdline_newline(struct rdline *rdl, const char *prompt);
void rdline_stop(struct rdline *rdl);
void rdline_quit(struct rdline *rdl);
void rdline_restart(struct rdline *rdl);
void rdline_redisplay(struct rdline *rdl);
void rdline_reset(struct rdline *rdl);

#define RDLINE_RES_SUCCESS       0
#define RDLINE_RES_VALIDATED     1
#define RDLINE_RES_COMPLETE      2
#define RDLINE_RES_NOT_RUNNING  -1
#define RDLINE_RES_EOF          -2
#define RDLINE_RES_EXITED       -3

/* One input byte: RDLINE_RES_*, or -EINVAL for a NULL rdl. */
int rdline_char_in(struct rdline *rdl, char c);
/* The whole line with "\n" appended (valid until the next edit). */
const char *rdline_get_buffer(struct rdline *rdl);
/* 0; -EINVAL, -1 (line too long for the history). */
int rdline_add_history(struct rdline *rdl, const char *buf);
void rdline_clear_history(struct rdline *rdl);
/* Item i (0: newest), or NULL. */
char *rdline_get_history_item(struct rdline *rdl, unsigned int i);
__rte_experimental size_t rdline_get_history_buffer_size(struct rdline *rdl);
__rte_experimental void *rdline_get_opaque(struct rdline *rdl);

#ifdef __cplusplus
}
#endif
#endif
