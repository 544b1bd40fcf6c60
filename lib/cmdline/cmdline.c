/* SPDX-License-Identifier: BSD-3-Clause
 * A command line = line editor + parse context + input/output fds
 * (cmdline.h, cmdline_socket.h). Input is read one byte at a time (so a
 * program can hand the rest of stdin to someone else after quit); every
 * validated line goes to cmdline_parse and, when it is not empty and not the
 * same as the newest history line, into the history. On a terminal,
 * cmdline_stdin_new switches off canonical mode, echo and signal keys (the
 * editor does all three) and cmdline_stdin_exit restores the settings. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_common.h>
#include <cmdline.h>
#include <cmdline_socket.h>
#include "cmdline_private.h"

static void valid_buffer(struct rdline *rdl, const char *buf, unsigned int size)
{
	struct cmdline *cl = rdl->opaque;
	RTE_SET_USED(size);
	int ret = cmdline_parse(cl, buf);
	if (ret == CMDLINE_PARSE_AMBIGUOUS)
		cmdline_printf(cl, "Ambiguous command\n");
	else if (ret == CMDLINE_PARSE_NOMATCH)
		cmdline_printf(cl, "Command not found\n");
	else if (ret == CMDLINE_PARSE_BAD_ARGS)
		cmdline_printf(cl, "Bad arguments\n");
}

static int complete_buffer(struct rdline *rdl, const char *buf, char *dst, unsigned int size, int *state)
{
	return cmdline_complete(rdl->opaque, buf, state, dst, size);
}

int cmdline_write_char(struct rdline *rdl, char c)
{
	if (rdl == NULL)
		return -1;
	struct cmdline *cl = rdl->opaque;
	if (cl == NULL || cl->s_out < 0)
		return 0;
	return (int)write(cl->s_out, &c, 1);
}

void cmdline_set_prompt(struct cmdline *cl, const char *prompt)
{
	if (cl == NULL || prompt == NULL)
		return;
	snprintf(cl->prompt, sizeof(cl->prompt), "%s", prompt);
}

struct cmdline *cmdline_new(cmdline_parse_ctx_t *ctx, const char *prompt, int s_in, int s_out)
{
	if (ctx == NULL || prompt == NULL)
		return NULL;
	struct cmdline *cl = calloc(1, sizeof(*cl));
	if (cl == NULL)
		return NULL;
	cl->s_in = s_in;
	cl->s_out = s_out;
	cl->ctx = ctx;
	dplite_rdline_init(&cl->rdl, cmdline_write_char, valid_buffer, complete_buffer, cl);
	cmdline_set_prompt(cl, prompt);
	rdline_newline(&cl->rdl, cl->prompt);
	return cl;
}

struct rdline *cmdline_get_rdline(struct cmdline *cl)
{
	return cl ? &cl->rdl : NULL;
}

void cmdline_free(struct cmdline *cl)
{
	if (cl == NULL)
		return;
	if (cl->s_in > 2)
		close(cl->s_in);
	if (cl->s_out != cl->s_in && cl->s_out > 2)
		close(cl->s_out);
	free(cl);
}

void cmdline_printf(const struct cmdline *cl, const char *fmt, ...)
{
	va_list ap;
	if (cl == NULL || fmt == NULL || cl->s_out < 0)
		return;
	va_start(ap, fmt);
	vdprintf(cl->s_out, fmt, ap);
	va_end(ap);
}

int cmdline_in(struct cmdline *cl, const char *buf, int size)
{
	if (cl == NULL || buf == NULL)
		return -1;
	int i;
	for (i = 0; i < size; i++) {
		int ret = rdline_char_in(&cl->rdl, buf[i]);
		if (ret == RDLINE_RES_VALIDATED) {
			const char *line = rdline_get_buffer(&cl->rdl);
			const char *newest = rdline_get_history_item(&cl->rdl, 0);
			size_t len = strnlen(line, RDLINE_BUF_SIZE);
			bool same = false;
			if (newest != NULL) {
				size_t hl = strlen(newest);
				same = strncmp(line, newest, hl) == 0 && line[hl] == '\n';
			}
			if (len > 1 && !same)
				rdline_add_history(&cl->rdl, line);
			rdline_newline(&cl->rdl, cl->prompt);
		} else if (ret == RDLINE_RES_EOF || ret == RDLINE_RES_EXITED) {
			return -1;
		}
	}
	return i;
}

void cmdline_quit(struct cmdline *cl)
{
	if (cl == NULL)
		return;
	rdline_quit(&cl->rdl);
}

int cmdline_poll(struct cmdline *cl)
{
	if (cl == NULL)
		return -EINVAL;
	if (cl->rdl.status == RDLINE_EXITED)
		return RDLINE_EXITED;
	struct pollfd pfd = { .fd = cl->s_in, .events = POLLIN };
	int rc = poll(&pfd, 1, 0);
	if (rc < 0)
		return -errno;
	if (rc > 0) {
		char c;
		ssize_t n = read(cl->s_in, &c, 1);
		if (n < 0)
			return -errno;
		if (n == 0)
			cmdline_quit(cl);   /* end of input means quit */
		else if (cmdline_in(cl, &c, 1) < 0 && cl->rdl.status != RDLINE_EXITED)
			return -1;
	}
	return cl->rdl.status;
}

void cmdline_interact(struct cmdline *cl)
{
	char c;
	if (cl == NULL)
		return;
	for (;;) {
		ssize_t n = read(cl->s_in, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (cmdline_in(cl, &c, 1) < 0)
			break;
	}
}

struct cmdline *cmdline_file_new(cmdline_parse_ctx_t *ctx, const char *prompt, const char *path)
{
	if (path == NULL)
		return NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct cmdline *cl = cmdline_new(ctx, prompt, fd, -1);
	if (cl == NULL)
		close(fd);
	return cl;
}

struct cmdline *cmdline_stdin_new(cmdline_parse_ctx_t *ctx, const char *prompt)
{
	struct cmdline *cl = cmdline_new(ctx, prompt, 0, 1);
	if (cl == NULL)
		return NULL;
	if (tcgetattr(0, &cl->oldterm) == 0) {
		struct termios t = cl->oldterm;
		t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
		tcsetattr(0, TCSANOW, &t);
		cl->term_saved = true;
	}
	setbuf(stdin, NULL);
	return cl;
}

void cmdline_stdin_exit(struct cmdline *cl)
{
	if (cl == NULL)
		return;
	if (cl->term_saved)
		tcsetattr(0, TCSANOW, &cl->oldterm);
	cmdline_free(cl);
}
