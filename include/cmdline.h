/* SPDX-License-Identifier: BSD-3-Clause
 * An interactive command line: a line editor (cmdline_rdline.h) reading
 * from s_in, echoing to s_out, parsing each validated line against a
 * context (cmdline_parse.h). cmdline_stdin_new / cmdline_file_new
 * (cmdline_socket.h) make one on the terminal or a file. */
#ifndef _CMDLINE_H_
#define _CMDLINE_H_

#include <rte_common.h>
#include <rte_compat.h>
#include <cmdline_rdline.h>
#include <cmdline_parse.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rdline_status {
	RDLINE_INIT,
	RDLINE_RUNNING,
	RDLINE_EXITED
};

struct cmdline;

/* NULL for a NULL ctx or prompt, or no memory. s_out < 0: no output. */
struct cmdline *cmdline_new(cmdline_parse_ctx_t *ctx, const char *prompt, int s_in, int s_out);
void cmdline_set_prompt(struct cmdline *cl, const char *prompt);
void cmdline_free(struct cmdline *cl);
void cmdline_printf(const struct cmdline *cl, const char *fmt, ...) __rte_format_printf(2, 3);
/* Feeds size bytes: size, or -1 at end of input (Ctrl-D) or after quit. */
int cmdline_in(struct cmdline *cl, const char *buf, int size);
int cmdline_write_char(struct rdline *rdl, char c);
__rte_experimental struct rdline *cmdline_get_rdline(struct cmdline *cl);
/* Reads what is ready on s_in without blocking: RDLINE_RUNNING,
 * RDLINE_EXITED (quit, or end of input), or a negative value on error. */
int cmdline_poll(struct cmdline *cl);
/* Reads and runs commands until end of input or cmdline_quit(). */
void cmdline_interact(struct cmdline *cl);
void cmdline_quit(struct cmdline *cl);

#ifdef __cplusplus
}
#endif
#endif
