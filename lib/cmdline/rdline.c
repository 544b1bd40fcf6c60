/* SPDX-License-Identifier: BSD-3-Clause
 * The line editor (cmdline_rdline.h). The line is two cirbufs: `left` holds
 * the characters before the cursor, `right` those after it; every edit
 * updates them and redraws what changed with VT100 sequences through
 * write_char. History keeps whole lines newest first; while the user walks
 * it (history_cur_line >= 0) the line being typed is kept as item 0. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
#include "cmdline_private.h"

static bool isblank2(char c) { return c == ' ' || c == '\t'; }

static void puts_rd(struct rdline *rdl, const char *s)
{
	while (*s)
		rdl->write_char(rdl, *s++);
}

static void printf_rd(struct rdline *rdl, const char *fmt, unsigned int n)
{
	char buf[32];
	snprintf(buf, sizeof(buf), fmt, n);
	puts_rd(rdl, buf);
}

int dplite_rdline_init(struct rdline *rdl, rdline_write_char_t *write_char, rdline_validate_t *validate,
		rdline_complete_t *complete, void *opaque)
{
	if (rdl == NULL || write_char == NULL)
		return -EINVAL;
	memset(rdl, 0, sizeof(*rdl));
	rdl->status = RDLINE_INIT;
	rdl->write_char = write_char;
	rdl->validate = validate;
	rdl->complete = complete;
	rdl->opaque = opaque;
	rdl->history_cur_line = -1;
	vt100_init(&rdl->vt100);
	cirbuf_init(&rdl->left, rdl->left_buf, 0, RDLINE_BUF_SIZE);
	cirbuf_init(&rdl->right, rdl->right_buf, 0, RDLINE_BUF_SIZE);
	return 0;
}

struct rdline *rdline_new(rdline_write_char_t *write_char, rdline_validate_t *validate,
			  rdline_complete_t *complete, void *opaque)
{
	if (write_char == NULL)
		return NULL;
	struct rdline *rdl = malloc(sizeof(*rdl));
	if (rdl == NULL)
		return NULL;
	dplite_rdline_init(rdl, write_char, validate, complete, opaque);
	return rdl;
}

void rdline_free(struct rdline *rdl)
{
	free(rdl);
}

static void line_clear(struct rdline *rdl)
{
	vt100_init(&rdl->vt100);
	cirbuf_init(&rdl->left, rdl->left_buf, 0, RDLINE_BUF_SIZE);
	cirbuf_init(&rdl->right, rdl->right_buf, 0, RDLINE_BUF_SIZE);
}

void rdline_newline(struct rdline *rdl, const char *prompt)
{
	if (rdl == NULL || prompt == NULL)
		return;
	line_clear(rdl);
	snprintf(rdl->prompt, sizeof(rdl->prompt), "%s", prompt);
	rdl->prompt_size = (unsigned int)strlen(rdl->prompt);
	puts_rd(rdl, rdl->prompt);
	rdl->status = RDLINE_RUNNING;
	rdl->history_cur_line = -1;
}

void rdline_stop(struct rdline *rdl) { if (rdl) rdl->status = RDLINE_INIT; }
void rdline_quit(struct rdline *rdl) { if (rdl) rdl->status = RDLINE_EXITED; }
void rdline_restart(struct rdline *rdl) { if (rdl) rdl->status = RDLINE_RUNNING; }

void rdline_reset(struct rdline *rdl)
{
	if (rdl == NULL)
		return;
	line_clear(rdl);
	rdl->status = RDLINE_RUNNING;
	rdl->history_cur_line = -1;
}

const char *rdline_get_buffer(struct rdline *rdl)
{
	if (rdl == NULL)
		return NULL;
	cirbuf_align_left(&rdl->left);
	unsigned int l = CIRBUF_GET_LEN(&rdl->left);
	unsigned int r = (unsigned int)cirbuf_get_buf_head(&rdl->right, rdl->left_buf + l, RDLINE_BUF_SIZE - l);
	rdl->left_buf[l + r] = '\n';
	rdl->left_buf[l + r + 1] = '\0';
	return rdl->left_buf;
}

/* Redraw the text right of the cursor and put the cursor back. */
static void display_right(struct rdline *rdl, bool force)
{
	if (!force && CIRBUF_IS_EMPTY(&rdl->right))
		return;
	puts_rd(rdl, vt100_clear_right);
	unsigned int n = CIRBUF_GET_LEN(&rdl->right);
	if (n == 0)
		return;
	unsigned int i;
	char e;
	CIRBUF_FOREACH(&rdl->right, i, e)
		rdl->write_char(rdl, e);
	printf_rd(rdl, vt100_multi_left, n);
}

void rdline_redisplay(struct rdline *rdl)
{
	if (rdl == NULL)
		return;
	unsigned int i;
	char e;
	puts_rd(rdl, vt100_home);
	puts_rd(rdl, rdl->prompt);
	CIRBUF_FOREACH(&rdl->left, i, e)
		rdl->write_char(rdl, e);
	display_right(rdl, true);
}

/* ---- history ----------------------------------------------------------------------- */
static char *history_nth(struct rdline *rdl, unsigned int i)
{
	char *p = rdl->history_buf;
	if (i >= rdl->history_n)
		return NULL;
	while (i--)
		p += strlen(p) + 1;
	return p;
}

static void history_drop_oldest(struct rdline *rdl)
{
	char *last = history_nth(rdl, rdl->history_n - 1);
	rdl->history_len = (unsigned int)(last - rdl->history_buf);
	rdl->history_n--;
}

static void history_drop_newest(struct rdline *rdl)
{
	if (rdl->history_n == 0)
		return;
	size_t l = strlen(rdl->history_buf) + 1;
	memmove(rdl->history_buf, rdl->history_buf + l, rdl->history_len - l);
	rdl->history_len -= (unsigned int)l;
	rdl->history_n--;
}

int rdline_add_history(struct rdline *rdl, const char *buf)
{
	if (rdl == NULL || buf == NULL)
		return -EINVAL;
	size_t len = strnlen(buf, RDLINE_BUF_SIZE);
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\n' || buf[i] == '\r') {
			len = i;
			break;
		}
	if (len + 1 > RDLINE_HISTORY_BUF_SIZE)
		return -1;
	while (rdl->history_n > 0 &&
	       (rdl->history_len + len + 1 > RDLINE_HISTORY_BUF_SIZE || rdl->history_n >= RDLINE_HISTORY_MAX_LINE))
		history_drop_oldest(rdl);
	memmove(rdl->history_buf + len + 1, rdl->history_buf, rdl->history_len);
	memcpy(rdl->history_buf, buf, len);
	rdl->history_buf[len] = '\0';
	rdl->history_len += (unsigned int)len + 1;
	rdl->history_n++;
	return 0;
}

void rdline_clear_history(struct rdline *rdl)
{
	if (rdl == NULL)
		return;
	rdl->history_len = 0;
	rdl->history_n = 0;
}

char *rdline_get_history_item(struct rdline *rdl, unsigned int i)
{
	if (rdl == NULL)
		return NULL;
	char *p = history_nth(rdl, i);
	if (p == NULL)
		return NULL;
	size_t n = strnlen(p, RDLINE_BUF_SIZE);   /* items are at most a line long */
	memcpy(rdl->history_item, p, n);
	rdl->history_item[n] = '\0';
	return rdl->history_item;
}

size_t rdline_get_history_buffer_size(struct rdline *rdl)
{
	RTE_SET_USED(rdl);
	return RDLINE_HISTORY_BUF_SIZE;
}

void *rdline_get_opaque(struct rdline *rdl)
{
	return rdl ? rdl->opaque : NULL;
}

static void load_line(struct rdline *rdl, const char *s)
{
	line_clear(rdl);
	size_t n = strnlen(s, RDLINE_BUF_SIZE);
	if (n)
		cirbuf_add_buf_tail(&rdl->left, s, (unsigned int)n);
	rdline_redisplay(rdl);
}

/* ---- editing --------------------------------------------------------------------------- */
static void cursor_left(struct rdline *rdl)
{
	char c = cirbuf_get_tail(&rdl->left);
	cirbuf_del_tail(&rdl->left);
	cirbuf_add_head(&rdl->right, c);
	puts_rd(rdl, vt100_left_arr);
}

static void cursor_right(struct rdline *rdl)
{
	char c = cirbuf_get_head(&rdl->right);
	cirbuf_del_head(&rdl->right);
	cirbuf_add_tail(&rdl->left, c);
	puts_rd(rdl, vt100_right_arr);
}

static void kill_left_word(struct rdline *rdl)
{
	while (!CIRBUF_IS_EMPTY(&rdl->left) && isblank2(cirbuf_get_tail(&rdl->left))) {
		puts_rd(rdl, vt100_bs);
		cirbuf_del_tail(&rdl->left);
	}
	while (!CIRBUF_IS_EMPTY(&rdl->left) && !isblank2(cirbuf_get_tail(&rdl->left))) {
		puts_rd(rdl, vt100_bs);
		cirbuf_del_tail(&rdl->left);
	}
	display_right(rdl, true);
}

static void kill_right_word(struct rdline *rdl)
{
	while (!CIRBUF_IS_EMPTY(&rdl->right) && isblank2(cirbuf_get_head(&rdl->right)))
		cirbuf_del_head(&rdl->right);
	while (!CIRBUF_IS_EMPTY(&rdl->right) && !isblank2(cirbuf_get_head(&rdl->right)))
		cirbuf_del_head(&rdl->right);
	display_right(rdl, true);
}

static int complete_key(struct rdline *rdl, int cmd)
{
	if (rdl->complete == NULL)
		return RDLINE_RES_COMPLETE;
	cirbuf_align_left(&rdl->left);
	rdl->left_buf[CIRBUF_GET_LEN(&rdl->left)] = '\0';
	char tmp[BUFSIZ];
	int state = cmd == CMDLINE_KEY_TAB ? 0 : -1;
	int ret = rdl->complete(rdl, rdl->left_buf, tmp, sizeof(tmp), &state);
	if (ret <= 0)
		return RDLINE_RES_COMPLETE;
	if (ret == CMDLINE_PARSE_COMPLETED_BUFFER) {
		/* append the completed text at the cursor */
		for (size_t i = 0; tmp[i] && CIRBUF_GET_LEN(&rdl->left) + CIRBUF_GET_LEN(&rdl->right) < RDLINE_BUF_SIZE; i++) {
			cirbuf_add_tail(&rdl->left, tmp[i]);
			rdl->write_char(rdl, tmp[i]);
		}
		display_right(rdl, true);
		return RDLINE_RES_COMPLETE;
	}
	/* a list of choices, one per call */
	puts_rd(rdl, "\r\n");
	while (ret > 0) {
		rdl->write_char(rdl, ' ');
		puts_rd(rdl, tmp);
		puts_rd(rdl, "\r\n");
		ret = rdl->complete(rdl, rdl->left_buf, tmp, sizeof(tmp), &state);
	}
	rdline_redisplay(rdl);
	return RDLINE_RES_COMPLETE;
}

int rdline_char_in(struct rdline *rdl, char c)
{
	if (rdl == NULL)
		return -EINVAL;
	if (rdl->status == RDLINE_EXITED)
		return RDLINE_RES_EXITED;
	if (rdl->status != RDLINE_RUNNING)
		return RDLINE_RES_NOT_RUNNING;

	int cmd = vt100_parser(&rdl->vt100, c);
	if (cmd == -2)
		return RDLINE_RES_SUCCESS;   /* inside an escape sequence */
	if (cmd < 0) {
		/* an ordinary character: insert it at the cursor */
		if (!isprint((unsigned char)c) && c != '\t')
			return RDLINE_RES_SUCCESS;
		if (CIRBUF_GET_LEN(&rdl->left) + CIRBUF_GET_LEN(&rdl->right) >= RDLINE_BUF_SIZE)
			return RDLINE_RES_SUCCESS;
		if (cirbuf_add_tail_safe(&rdl->left, c) < 0)
			return RDLINE_RES_SUCCESS;
		rdl->write_char(rdl, c);
		display_right(rdl, false);
		return RDLINE_RES_SUCCESS;
	}

	switch (cmd) {
	case CMDLINE_KEY_CTRL_B:
	case CMDLINE_KEY_LEFT_ARR:
		if (!CIRBUF_IS_EMPTY(&rdl->left))
			cursor_left(rdl);
		break;
	case CMDLINE_KEY_CTRL_F:
	case CMDLINE_KEY_RIGHT_ARR:
		if (!CIRBUF_IS_EMPTY(&rdl->right))
			cursor_right(rdl);
		break;
	case CMDLINE_KEY_WLEFT:
		while (!CIRBUF_IS_EMPTY(&rdl->left) && isblank2(cirbuf_get_tail(&rdl->left)))
			cursor_left(rdl);
		while (!CIRBUF_IS_EMPTY(&rdl->left) && !isblank2(cirbuf_get_tail(&rdl->left)))
			cursor_left(rdl);
		break;
	case CMDLINE_KEY_WRIGHT:
		while (!CIRBUF_IS_EMPTY(&rdl->right) && isblank2(cirbuf_get_head(&rdl->right)))
			cursor_right(rdl);
		while (!CIRBUF_IS_EMPTY(&rdl->right) && !isblank2(cirbuf_get_head(&rdl->right)))
			cursor_right(rdl);
		break;
	case CMDLINE_KEY_BKSPACE:
	case CMDLINE_KEY_BKSPACE2:
		if (cirbuf_del_tail_safe(&rdl->left) == 0) {
			puts_rd(rdl, vt100_bs);
			display_right(rdl, true);
		}
		break;
	case CMDLINE_KEY_META_BKSPACE:
	case CMDLINE_KEY_CTRL_W:
		kill_left_word(rdl);
		break;
	case CMDLINE_KEY_META_D:
		kill_right_word(rdl);
		break;
	case CMDLINE_KEY_SUPPR:
	case CMDLINE_KEY_CTRL_D:
		if (cmd == CMDLINE_KEY_CTRL_D && CIRBUF_IS_EMPTY(&rdl->left) && CIRBUF_IS_EMPTY(&rdl->right))
			return RDLINE_RES_EOF;
		if (cirbuf_del_head_safe(&rdl->right) == 0)
			display_right(rdl, true);
		break;
	case CMDLINE_KEY_CTRL_A:
		if (!CIRBUF_IS_EMPTY(&rdl->left))
			printf_rd(rdl, vt100_multi_left, CIRBUF_GET_LEN(&rdl->left));
		while (!CIRBUF_IS_EMPTY(&rdl->left)) {
			char t = cirbuf_get_tail(&rdl->left);
			cirbuf_del_tail(&rdl->left);
			cirbuf_add_head(&rdl->right, t);
		}
		break;
	case CMDLINE_KEY_CTRL_E:
		if (!CIRBUF_IS_EMPTY(&rdl->right))
			printf_rd(rdl, vt100_multi_right, CIRBUF_GET_LEN(&rdl->right));
		while (!CIRBUF_IS_EMPTY(&rdl->right)) {
			char t = cirbuf_get_head(&rdl->right);
			cirbuf_del_head(&rdl->right);
			cirbuf_add_tail(&rdl->left, t);
		}
		break;
	case CMDLINE_KEY_CTRL_K:
		rdl->kill_size = (unsigned int)cirbuf_get_buf_head(&rdl->right, rdl->kill_buf, RDLINE_BUF_SIZE);
		cirbuf_init(&rdl->right, rdl->right_buf, 0, RDLINE_BUF_SIZE);
		puts_rd(rdl, vt100_clear_right);
		break;
	case CMDLINE_KEY_CTRL_Y:
		for (unsigned int i = 0; i < rdl->kill_size &&
		     CIRBUF_GET_LEN(&rdl->left) + CIRBUF_GET_LEN(&rdl->right) < RDLINE_BUF_SIZE; i++) {
			cirbuf_add_tail(&rdl->left, rdl->kill_buf[i]);
			rdl->write_char(rdl, rdl->kill_buf[i]);
		}
		display_right(rdl, false);
		break;
	case CMDLINE_KEY_CTRL_C:
		puts_rd(rdl, "\r\n");
		rdline_newline(rdl, rdl->prompt);
		break;
	case CMDLINE_KEY_CTRL_L:
		rdline_redisplay(rdl);
		break;
	case CMDLINE_KEY_TAB:
	case CMDLINE_KEY_HELP:
		return complete_key(rdl, cmd);
	case CMDLINE_KEY_RETURN:
	case CMDLINE_KEY_RETURN2:
		rdline_get_buffer(rdl);
		rdl->status = RDLINE_INIT;
		puts_rd(rdl, "\r\n");
		if (rdl->history_cur_line != -1)
			history_drop_newest(rdl);   /* the saved unfinished line */
		if (rdl->validate)
			rdl->validate(rdl, rdl->left_buf, CIRBUF_GET_LEN(&rdl->left) + 2);
		if (rdl->status == RDLINE_EXITED)
			return RDLINE_RES_EXITED;
		return RDLINE_RES_VALIDATED;
	case CMDLINE_KEY_UP_ARR:
	case CMDLINE_KEY_CTRL_P: {
		if (rdl->history_cur_line == 0)
			history_drop_newest(rdl);
		if (rdl->history_cur_line <= 0) {
			/* keep the line being typed as item 0 */
			rdline_add_history(rdl, rdline_get_buffer(rdl));
			rdl->history_cur_line = 0;
		}
		char *item = rdline_get_history_item(rdl, (unsigned int)rdl->history_cur_line + 1);
		if (item == NULL)
			break;
		rdl->history_cur_line++;
		load_line(rdl, item);
		break;
	}
	case CMDLINE_KEY_DOWN_ARR:
	case CMDLINE_KEY_CTRL_N: {
		if (rdl->history_cur_line <= 0)
			break;
		rdl->history_cur_line--;
		char *item = rdline_get_history_item(rdl, (unsigned int)rdl->history_cur_line);
		if (item == NULL)
			break;
		load_line(rdl, item);
		break;
	}
	default:
		break;
	}
	return RDLINE_RES_SUCCESS;
}
