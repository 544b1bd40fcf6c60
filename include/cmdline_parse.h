/* SPDX-License-Identifier: BSD-3-Clause
 * Command parsing. A context is a NULL-terminated array of instructions;
 * an instruction is a NULL-terminated list of tokens plus the function to
 * call with the parsed result. Each token parses one word of the line into
 * the result structure at its offset. */
#ifndef _CMDLINE_PARSE_H_
#define _CMDLINE_PARSE_H_

#include <stddef.h>
#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef offsetof
#define offsetof(type, field) ((size_t)&(((type *)0)->field))
#endif

#define CMDLINE_PARSE_SUCCESS     0
#define CMDLINE_PARSE_AMBIGUOUS  -1
#define CMDLINE_PARSE_NOMATCH    -2
#define CMDLINE_PARSE_BAD_ARGS   -3

#define CMDLINE_PARSE_COMPLETE_FINISHED 0
#define CMDLINE_PARSE_COMPLETE_AGAIN    1
#define CMDLINE_PARSE_COMPLETED_BUFFER  2

#define CMDLINE_PARSE_RESULT_BUFSIZE 8192

struct cmdline_token_hdr {
	struct cmdline_token_ops *ops;
	unsigned int offset;   /* where the value goes in the result struct */
};
typedef struct cmdline_token_hdr cmdline_parse_token_hdr_t;

struct cmdline_token_ops {
	/* bytes consumed (> 0) or < 0 no match; res may be NULL (check only) */
	int (*parse)(cmdline_parse_token_hdr_t *, const char *, void *, unsigned int);
	/* number of completion choices */
	int (*complete_get_nb)(cmdline_parse_token_hdr_t *);
	/* choice idx into dstbuf: 0 or -1 */
	int (*complete_get_elt)(cmdline_parse_token_hdr_t *, int, char *, unsigned int);
	/* help text into dstbuf */
	int (*get_help)(cmdline_parse_token_hdr_t *, char *, unsigned int);
};

struct cmdline;

struct cmdline_inst {
	void (*f)(void *, struct cmdline *, void *);   /* f(result, cl, data) */
	void *data;
	const char *help_str;
	cmdline_parse_token_hdr_t *tokens[];
};
typedef struct cmdline_inst cmdline_parse_inst_t;

typedef cmdline_parse_inst_t *cmdline_parse_ctx_t;

/* Parses one line (it must end with '\n' or '\r') and calls the matching
 * instruction: the line length on success (also for an empty or comment
 * line), 0 for an unterminated line, or CMDLINE_PARSE_AMBIGUOUS / NOMATCH /
 * BAD_ARGS (also for NULL arguments). */
int cmdline_parse(struct cmdline *cl, const char *buf);
/* The same without calling anything. */
__rte_experimental int cmdline_parse_check(struct cmdline *cl, const char *buf);
/* Completion of the partial line buf. *state 0: complete (returns
 * CMDLINE_PARSE_COMPLETED_BUFFER with the text to append in dst, or moves
 * on to listing); *state -1 or later calls: one choice per call in dst,
 * CMDLINE_PARSE_COMPLETE_AGAIN while there are more, FINISHED at the end;
 * -1 on bad arguments. */
int cmdline_complete(struct cmdline *cl, const char *buf, int *state, char *dst, unsigned int size);
/* true for '\0', '#', blank or end of line */
int cmdline_isendoftoken(char c);
/* true for '\0', '#' or end of line */
int cmdline_isendofcommand(char c);

#ifdef __cplusplus
}
#endif
#endif
