/* SPDX-License-Identifier: BSD-3-Clause
 * String tokens (cmdline_parse_string.h). A token's str is NULL (any word),
 * "" (the rest of the command) or "a#b#c" (one of those words). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <rte_common.h>
#include <cmdline_parse.h>
#include <cmdline_parse_string.h>

struct cmdline_token_ops cmdline_token_string_ops = {
	.parse = cmdline_parse_string,
	.complete_get_nb = cmdline_complete_get_nb_string,
	.complete_get_elt = cmdline_complete_get_elt_string,
	.get_help = cmdline_get_help_string,
};

/* Length of the alternative starting at s (up to '#' or the end). */
static unsigned int alt_len(const char *s)
{
	unsigned int n = 0;
	while (s[n] && s[n] != '#')
		n++;
	return n;
}

/* Length of the word at buf. */
static unsigned int word_len(const char *buf)
{
	unsigned int n = 0;
	while (!cmdline_isendoftoken(buf[n]))
		n++;
	return n;
}

int cmdline_parse_string(cmdline_parse_token_hdr_t *tk, const char *buf, void *res, unsigned ressize)
{
	if (tk == NULL || buf == NULL || *buf == '\0')
		return -1;
	const struct cmdline_token_string *t = (const struct cmdline_token_string *)tk;
	const char *str = t->string_data.str;
	unsigned int len;

	if (res && ressize < STR_TOKEN_SIZE)
		return -1;
	if (str != NULL && str[0] == '\0') {
		/* multi: everything up to the end of the command */
		len = 0;
		while (!cmdline_isendofcommand(buf[len]))
			len++;
		while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\t'))
			len--;
		if (res && ressize < STR_MULTI_TOKEN_SIZE)
			return -1;
		if (len >= STR_MULTI_TOKEN_SIZE)
			return -1;
	} else {
		len = word_len(buf);
		if (len == 0 || len >= STR_TOKEN_SIZE)
			return -1;
		if (str != NULL) {
			bool ok = false;
			for (const char *a = str; ; a += alt_len(a) + 1) {
				unsigned int al = alt_len(a);
				if (al == len && strncmp(a, buf, len) == 0) {
					ok = true;
					break;
				}
				if (a[al] == '\0')
					break;
			}
			if (!ok)
				return -1;
		}
	}
	if (res) {
		memcpy(res, buf, len);
		((char *)res)[len] = '\0';
	}
	return (int)len;
}

int cmdline_complete_get_nb_string(cmdline_parse_token_hdr_t *tk)
{
	if (tk == NULL)
		return -1;
	const char *str = ((const struct cmdline_token_string *)tk)->string_data.str;
	if (str == NULL || str[0] == '\0')
		return 0;
	int n = 1;
	for (const char *p = str; *p; p++)
		n += *p == '#';
	return n;
}

int cmdline_complete_get_elt_string(cmdline_parse_token_hdr_t *tk, int idx, char *dstbuf, unsigned int size)
{
	if (tk == NULL || dstbuf == NULL || idx < 0)
		return -1;
	const char *a = ((const struct cmdline_token_string *)tk)->string_data.str;
	if (a == NULL || a[0] == '\0')
		return -1;
	while (idx-- > 0) {
		a += alt_len(a);
		if (*a == '\0')
			return -1;
		a++;
	}
	unsigned int l = alt_len(a);
	if (l + 1 > size)
		return -1;
	memcpy(dstbuf, a, l);
	dstbuf[l] = '\0';
	return 0;
}

int cmdline_get_help_string(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size)
{
	if (tk == NULL || dstbuf == NULL)
		return -1;
	const char *str = ((const struct cmdline_token_string *)tk)->string_data.str;
	const char *h = str == NULL ? "Any STRING" : str[0] == '\0' ? "Any STRINGS" :
			strchr(str, '#') ? "Mul-choice STRING" : "Fixed STRING";
	snprintf(dstbuf, size, "%s", h);
	return 0;
}
