/* SPDX-License-Identifier: BSD-3-Clause
 * The opaque structs of lib/cmdline (not installed). */
#ifndef DPLITE_CMDLINE_PRIVATE_H
#define DPLITE_CMDLINE_PRIVATE_H

#include <stdbool.h>
#include <termios.h>
#include <cmdline.h>
#include <cmdline_rdline.h>

#define RDLINE_BUF_SIZE 512
#define RDLINE_PROMPT_SIZE 32
#define RDLINE_VT100_BUF_SIZE 8
#define RDLINE_HISTORY_BUF_SIZE BUFSIZ
#define RDLINE_HISTORY_MAX_LINE 64

struct rdline {
	enum rdline_status status;
	/* the line: left of the cursor, right of the cursor */
	struct cirbuf left;
	struct cirbuf right;
	char left_buf[RDLINE_BUF_SIZE + 2];   /* + "\n\0" for rdline_get_buffer */
	char right_buf[RDLINE_BUF_SIZE];
	char prompt[RDLINE_PROMPT_SIZE];
	unsigned int prompt_size;
	char kill_buf[RDLINE_BUF_SIZE];       /* last Ctrl-K/Ctrl-W text, for Ctrl-Y */
	unsigned int kill_size;
	/* history: lines newest first, '\0'-separated, packed in history_buf */
	char history_buf[RDLINE_HISTORY_BUF_SIZE];
	unsigned int history_len;             /* bytes used */
	unsigned int history_n;               /* lines */
	char history_item[RDLINE_BUF_SIZE + 1];
	int history_cur_line;                 /* -1: editing a new line */
	rdline_write_char_t *write_char;
	rdline_validate_t *validate;
	rdline_complete_t *complete;
	struct cmdline_vt100 vt100;
	void *opaque;
};

struct cmdline {
	int s_in;
	int s_out;
	cmdline_parse_ctx_t *ctx;
	struct rdline rdl;
	char prompt[RDLINE_PROMPT_SIZE];
	struct termios oldterm;
	bool term_saved;
};

int dplite_rdline_init(struct rdline *rdl, rdline_write_char_t *write_char, rdline_validate_t *validate,
		rdline_complete_t *complete, void *opaque);

#endif
