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

/* ---- completion --------------------------------------------------------------------------
 * The words of buf before the last blank are complete; what follows is the
 * partial word. Candidates come from the next token of every instruction
 * whose first words match: tokens with fixed choices offer each choice that
 * starts with the partial word (plus a blank), other tokens offer only
 * their help. *state 0 with a non-empty partial word: append the longest
 * common continuation of the choices (CMDLINE_PARSE_COMPLETED_BUFFER).
 * Otherwise list one candidate per call, *state counting them. */
static unsigned int split_words(const char *buf, const char **partial)
{
	unsigned int nb = 0;
	*partial = buf;
	for (unsigned int i = 0; buf[i]; i++) {
		if (!isblank2(buf[i]) && isblank2(buf[i + 1]))
			nb++;
		if (isblank2(buf[i]) && !isblank2(buf[i + 1]))
			*partial = buf + i + 1;
	}
	return nb;
}

#define COMPLETE_BUF 512

/* Choice e of token tk followed by a blank, in out; false if none. */
static bool choice(cmdline_parse_token_hdr_t *tk, int e, char *out)
{
	if (tk->ops->complete_get_elt(tk, e, out, COMPLETE_BUF - 1) < 0)
		return false;
	size_t l = strnlen(out, COMPLETE_BUF - 2);
	out[l] = ' ';
	out[l + 1] = '\0';
	return true;
}

static int nb_choices(cmdline_parse_token_hdr_t *tk)
{
	if (tk == NULL || tk->ops->complete_get_nb == NULL || tk->ops->complete_get_elt == NULL)
		return 0;
	return tk->ops->complete_get_nb(tk);
}

int cmdline_complete(struct cmdline *cl, const char *buf, int *state, char *dst, unsigned int size)
{
	if (cl == NULL || buf == NULL || state == NULL || dst == NULL || size == 0)
		return -1;
	const char *partial;
	unsigned int nb = split_words(buf, &partial);
	size_t plen = strnlen(partial, RDLINE_BUF_SIZE);
	char tmp[COMPLETE_BUF], common[COMPLETE_BUF];

	if (*state <= 0) {
		unsigned int completable = 0, other = 0;
		int clen = -1;
		for (unsigned int k = 0; cl->ctx[k] != NULL; k++) {
			cmdline_parse_inst_t *inst = cl->ctx[k];
			if (nb && match_inst(inst, buf, nb, NULL, 0) != 0)
				continue;
			cmdline_parse_token_hdr_t *tk = token_at(inst, nb);
			int n = nb_choices(tk);
			if (n <= 0) {
				other++;
				continue;
			}
			for (int e = 0; e < n; e++) {
				if (!choice(tk, e, tmp) || strncmp(partial, tmp, plen) != 0)
					continue;
				const char *rest = tmp + plen;
				if (clen < 0) {
					snprintf(common, sizeof(common), "%s", rest);
					clen = (int)strlen(common);
				} else {
					int c = 0;
					while (c < clen && common[c] == rest[c])
						c++;
					clen = c;
					common[c] = '\0';
				}
				completable++;
			}
		}
		if (completable == 0 && other == 0)
			return 0;   /* nothing can follow */
		if (*state == 0 && plen > 0 && clen > 0) {
			if ((unsigned int)clen + 1 > size)
				return 0;
			snprintf(dst, size, "%s", common);
			return CMDLINE_PARSE_COMPLETED_BUFFER;
		}
	}
	if (*state == -1)
		*state = 0;

	/* listing: skip the *state candidates already given */
	int seen = 0;
	for (unsigned int k = 0; cl->ctx[k] != NULL; k++) {
		cmdline_parse_inst_t *inst = cl->ctx[k];
		if (nb && match_inst(inst, buf, nb, NULL, 0) != 0)
			continue;
		cmdline_parse_token_hdr_t *tk = token_at(inst, nb);
		const char *ih = inst->help_str ? inst->help_str : "No help";
		int n = nb_choices(tk);
		if (n <= 0) {
			if (seen++ < *state)
				continue;
			(*state)++;
			if (tk != NULL && tk->ops->get_help) {
				tk->ops->get_help(tk, tmp, sizeof(tmp));
				snprintf(dst, size, "[%s]: %s", tmp, ih);
			} else {
				snprintf(dst, size, "[RETURN]");
			}
			return CMDLINE_PARSE_COMPLETE_AGAIN;
		}
		for (int e = 0; e < n; e++) {
			if (!choice(tk, e, tmp) || strncmp(partial, tmp, plen) != 0)
				continue;
			if (seen++ < *state)
				continue;
			(*state)++;
			char help[COMPLETE_BUF] = "";
			if (tk->ops->get_help)
				tk->ops->get_help(tk, help, sizeof(help));
			snprintf(dst, size, "%s[%s]: %s", tmp, help, ih);
			return CMDLINE_PARSE_COMPLETE_AGAIN;
		}
	}
	return CMDLINE_PARSE_COMPLETE_FINISHED;
}
