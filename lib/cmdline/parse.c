/* SPDX-License-Identifier: BSD-3-Clause
 * Matching a line against a context (cmdline_parse.h).
 * A line is complete when it holds an end-of-line character; text after '#'
 * is a comment. An instruction matches when each of its tokens parses the
 * next word and nothing but blanks or a comment follows; exactly one
 * instruction must match (two: ambiguous). If none matches but one parsed
 * at least a word, the answer is "bad arguments", else "no match".
 * Results are parsed into an aligned scratch buffer that the matching
 * instruction's function receives. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <rte_common.h>
#include "cmdline_private.h"

static bool iscomment(char c) { return c == '#'; }
static bool isendofline(char c) { return c == '\n' || c == '\r'; }
static bool isblank2(char c) { return c == ' ' || c == '\t'; }

int cmdline_isendoftoken(char c)
{
	return !c || iscomment(c) || isblank2(c) || isendofline(c);
}

int cmdline_isendofcommand(char c)
{
	return !c || iscomment(c) || isendofline(c);
}

static cmdline_parse_token_hdr_t *token_at(cmdline_parse_inst_t *inst, unsigned int i)
{
	return inst->tokens[i];
}

/* Parse the first nb tokens of inst (all when nb is 0) from buf.
 * 0: matched (all tokens and nothing left when nb is 0); > 0: that many
 * tokens matched before failing; -1: not even the first. */
static int match_inst(cmdline_parse_inst_t *inst, const char *buf, unsigned int nb, void *res,
		      unsigned int ressize)
{
	unsigned int i = 0;
	cmdline_parse_token_hdr_t *tk = NULL;

	if (res)
		memset(res, 0, ressize);
	while (nb == 0 || i < nb) {
		tk = token_at(inst, i);
		if (tk == NULL)
			break;
		while (isblank2(*buf))
			buf++;
		if (isendofline(*buf) || iscomment(*buf) || *buf == '\0')
			break;
		int n;
		if (res == NULL) {
			n = tk->ops->parse(tk, buf, NULL, 0);
		} else {
			if (tk->offset > ressize) {
				printf("Parse error: token offset %u beyond the result buffer (%u)\n",
				       tk->offset, ressize);
				return -1;
			}
			n = tk->ops->parse(tk, buf, (char *)res + tk->offset, ressize - tk->offset);
		}
		if (n < 0)
			break;
		i++;
		buf += n;
	}
	if (i == 0)
		return -1;
	if (nb)
		return i == nb ? 0 : (int)i;
	if (tk != NULL)
		return (int)i;   /* a token was left over or failed */
	while (isblank2(*buf))
		buf++;
	if (cmdline_isendofcommand(*buf))
		return 0;
	return (int)i;   /* garbage after the last token */
}

static int parse_line(struct cmdline *cl, const char *buf, bool call)
{
	union {
		char buf[CMDLINE_PARSE_RESULT_BUFSIZE];
		long double align;
	} result, scratch;
	void (*f)(void *, struct cmdline *, void *) = NULL;
	void *data = NULL;
	char *res = result.buf;
	int err = CMDLINE_PARSE_NOMATCH;

	if (cl == NULL || buf == NULL)
		return CMDLINE_PARSE_BAD_ARGS;

	int linelen = 0;
	bool words = false, comment = false;
	for (const char *p = buf; !isendofline(*p); p++, linelen++) {
		if (*p == '\0')
			return 0;   /* incomplete line */
		if (iscomment(*p))
			comment = true;
		if (!isblank2(*p) && !comment)
			words = true;
	}
	while (isendofline(buf[linelen]))
		linelen++;
	if (!words)
		return linelen;

	for (unsigned int k = 0; cl->ctx[k] != NULL; k++) {
		int tok = match_inst(cl->ctx[k], buf, 0, res, CMDLINE_PARSE_RESULT_BUFSIZE);
		if (tok > 0) {
			err = CMDLINE_PARSE_BAD_ARGS;
		} else if (tok == 0) {
			if (f != NULL) {
				f = NULL;
				err = CMDLINE_PARSE_AMBIGUOUS;
				break;
			}
			f = cl->ctx[k]->f;
			data = cl->ctx[k]->data;
			res = scratch.buf;   /* keep the first match's result */
		}
	}
	if (f == NULL)
		return err;
	if (call)
		f(result.buf, cl, data);
	return linelen;
}

int cmdline_parse(struct cmdline *cl, const char *buf)
{
	return parse_line(cl, buf, true);
}

int cmdline_parse_check(struct cmdline *cl, const char *buf)
{
	return parse_line(cl, buf, false);
}

/* ---- completion -------------------------------------------------------------------------- */
/* Split buf into complete words (their count) and the partial last word. */
static unsigned int count_words(const char *buf, const char **partial)
{
	unsigned int n = 0;
	const char *p = buf, *last = buf;
	while (*p) {
		while (isblank2(*p))
			p++;
		if (*p == '\0')
			break;
		last = p;
		while (*p && !isblank2(*p))
			p++;
		if (*p)   /* a blank follows: the word is complete */
			n++;
		else
			break;
	}
	*partial = (*p == '\0' && p > buf && !isblank2(p[-1])) ? last : p;
	return n;
}

/* Visit every completion choice (instruction k, element e) in order; stop
 * at the ordinal `want` and describe it in dst. Returns the number of
 * choices seen (the visit stops after `want`). */
static int list_choices(struct cmdline *cl, const char *buf, int want, char *dst, unsigned int size)
{
	const char *partial;
	unsigned int nb = count_words(buf, &partial);
	size_t plen = strlen(partial);
	int ord = 0;
	char tmp[128];
	for (unsigned int k = 0; cl->ctx[k] != NULL; k++) {
		cmdline_parse_inst_t *inst = cl->ctx[k];
		if (nb && match_inst(inst, buf, nb, NULL, 0) != 0)
			continue;
		cmdline_parse_token_hdr_t *tk = token_at(inst, nb);
		if (tk == NULL)
			continue;
		int n = tk->ops->complete_get_nb ? tk->ops->complete_get_nb(tk) : 0;
		if (n <= 0) {
			/* no fixed choices: describe the token */
			if (ord++ == want) {
				char help[64] = "";
				if (tk->ops->get_help)
					tk->ops->get_help(tk, help, sizeof(help));
				snprintf(dst, size, "[%s]: %s", help, inst->help_str ? inst->help_str : "No help");
				return ord;
			}
			continue;
		}
		for (int e = 0; e < n; e++) {
			if (tk->ops->complete_get_elt(tk, e, tmp, sizeof(tmp)) < 0)
				continue;
			if (strncmp(tmp, partial, plen) != 0)
				continue;
			if (ord++ == want) {
				snprintf(dst, size, "%s [%s]", tmp, inst->help_str ? inst->help_str : "No help");
				return ord;
			}
		}
	}
	return ord;
}

int cmdline_complete(struct cmdline *cl, const char *buf, int *state, char *dst, unsigned int size)
{
	if (cl == NULL || buf == NULL || state == NULL || dst == NULL || size == 0)
		return -1;
	if (*state == 0) {
		/* try to extend the partial word: the common prefix of every
		 * fixed choice that starts with it */
		const char *partial;
		unsigned int nb = count_words(buf, &partial);
		size_t plen = strlen(partial);
		char common[128] = "", tmp[128];
		bool any = false, free_form = false;
		unsigned int full_matches = 0;
		for (unsigned int k = 0; cl->ctx[k] != NULL; k++) {
			cmdline_parse_inst_t *inst = cl->ctx[k];
			if (nb && match_inst(inst, buf, nb, NULL, 0) != 0)
				continue;
			cmdline_parse_token_hdr_t *tk = token_at(inst, nb);
			if (tk == NULL)
				continue;
			int n = tk->ops->complete_get_nb ? tk->ops->complete_get_nb(tk) : 0;
			if (n <= 0)
				free_form = true;
			for (int e = 0; e < n; e++) {
				if (tk->ops->complete_get_elt(tk, e, tmp, sizeof(tmp)) < 0 ||
				    strncmp(tmp, partial, plen) != 0)
					continue;
				if (!any) {
					snprintf(common, sizeof(common), "%s", tmp);
					any = true;
					full_matches = 1;
				} else if (strcmp(common, tmp) != 0) {
					size_t c = 0;
					while (common[c] && common[c] == tmp[c])
						c++;
					common[c] = '\0';
					full_matches++;
				}
			}
		}
		if (any && !free_form && strlen(common) > plen) {
			snprintf(dst, size, "%s%s", common + plen, full_matches == 1 ? " " : "");
			return CMDLINE_PARSE_COMPLETED_BUFFER;
		}
		if (any && !free_form && full_matches == 1) {
			snprintf(dst, size, " ");
			return CMDLINE_PARSE_COMPLETED_BUFFER;
		}
		*state = -1;   /* fall back to listing the choices */
	}
	int want = *state < 0 ? 0 : *state;
	int seen = list_choices(cl, buf, want, dst, size);
	if (seen <= want)
		return CMDLINE_PARSE_COMPLETE_FINISHED;
	*state = want + 1;
	return CMDLINE_PARSE_COMPLETE_AGAIN;
}
