/* SPDX-License-Identifier: BSD-3-Clause
 * Command lines on stdin/stdout (terminal put in raw mode, restored by
 * cmdline_stdin_exit) or reading a file. */
#ifndef _CMDLINE_SOCKET_H_
#define _CMDLINE_SOCKET_H_

#include <cmdline_parse.h>

#ifdef __cplusplus
extern "C" {
#endif

struct cmdline *cmdline_file_new(cmdline_parse_ctx_t *ctx, const char *prompt, const char *path);
struct cmdline *cmdline_stdin_new(cmdline_parse_ctx_t *ctx, const char *prompt);
/* Restores the terminal and frees cl. */
void cmdline_stdin_exit(struct cmdline *cl);

#ifdef __cplusplus
}
#endif
#endif
