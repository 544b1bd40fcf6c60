/* cmdline parsing without a terminal: every token type (good and bad
 * words, results), cmdline_parse's return values (line length, incomplete,
 * empty and comment lines, no match, bad arguments, ambiguous), completion
 * of a unique prefix and the listing of choices, cirbuf and vt100 basics. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmdline.h>
#include <cmdline_parse.h>
#include <cmdline_parse_string.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_ipaddr.h>
#include <cmdline_parse_etheraddr.h>
#include <cmdline_parse_portlist.h>
#include <cmdline_cirbuf.h>
#include <cmdline_vt100.h>
#include <rte_ether.h>
#include "test.h"

struct set_result {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t what;
	int16_t num;
	cmdline_ipaddr_t ip;
	struct rte_ether_addr mac;
	cmdline_portlist_t ports;
};
static struct set_result last;
static int calls;
static void *last_data;

static void set_cb(void *res, struct cmdline *cl, void *data)
{
	RTE_SET_USED(cl);
	memcpy(&last, res, sizeof(last));
	last_data = data;
	calls++;
}

static cmdline_parse_token_string_t t_set = TOKEN_STRING_INITIALIZER(struct set_result, set, "set");
static cmdline_parse_token_string_t t_what = TOKEN_STRING_INITIALIZER(struct set_result, what, "speed#state");
static cmdline_parse_token_num_t t_num = TOKEN_NUM_INITIALIZER(struct set_result, num, RTE_INT16);
static cmdline_parse_token_ipaddr_t t_ip = TOKEN_IPADDR_INITIALIZER(struct set_result, ip);
static cmdline_parse_token_etheraddr_t t_mac = TOKEN_ETHERADDR_INITIALIZER(struct set_result, mac);
static cmdline_parse_token_portlist_t t_ports = TOKEN_PORTLIST_INITIALIZER(struct set_result, ports);

static cmdline_parse_inst_t cmd_set = {
	.f = set_cb, .data = (void *)0x5e7, .help_str = "set speed|state <n> <ip> <mac> <ports>",
	.tokens = { (void *)&t_set, (void *)&t_what, (void *)&t_num, (void *)&t_ip, (void *)&t_mac,
		    (void *)&t_ports, NULL },
};

struct any_result { cmdline_fixed_string_t word; cmdline_multi_string_t rest; };
static cmdline_parse_token_string_t t_show = TOKEN_STRING_INITIALIZER(struct any_result, word, "show");
static cmdline_parse_token_string_t t_rest = TOKEN_STRING_INITIALIZER(struct any_result, rest, TOKEN_STRING_MULTI);
static char rest_seen[STR_MULTI_TOKEN_SIZE];
static void show_cb(void *res, struct cmdline *cl, void *data)
{
	RTE_SET_USED(cl);
	RTE_SET_USED(data);
	snprintf(rest_seen, sizeof(rest_seen), "%s", ((struct any_result *)res)->rest);
	calls++;
}
static cmdline_parse_inst_t cmd_show = {
	.f = show_cb, .data = NULL, .help_str = "show <anything>",
	.tokens = { (void *)&t_show, (void *)&t_rest, NULL },
};
/* two instructions that both accept "stat": ambiguous */
static cmdline_parse_token_string_t t_stat1 = TOKEN_STRING_INITIALIZER(struct any_result, word, "stat");
static cmdline_parse_token_string_t t_stat2 = TOKEN_STRING_INITIALIZER(struct any_result, word, NULL);
static cmdline_parse_inst_t cmd_stat1 = { .f = show_cb, .data = NULL, .help_str = "stat", .tokens = { (void *)&t_stat1, NULL } };
static cmdline_parse_inst_t cmd_stat2 = { .f = show_cb, .data = NULL, .help_str = "any", .tokens = { (void *)&t_stat2, NULL } };

static cmdline_parse_ctx_t ctx[] = { &cmd_set, &cmd_show, NULL };
static cmdline_parse_ctx_t ctx_amb[] = { &cmd_stat1, &cmd_stat2, NULL };

static void tokens(void)
{
	cmdline_fixed_string_t s;
	int16_t i16;
	uint8_t u8;
	uint64_t u64;
	int64_t i64;
	cmdline_ipaddr_t ip;
	struct rte_ether_addr mac;
	cmdline_portlist_t pl;
	cmdline_parse_token_num_t tu8 = TOKEN_NUM_INITIALIZER(struct set_result, num, RTE_UINT8);
	cmdline_parse_token_num_t tu64 = TOKEN_NUM_INITIALIZER(struct set_result, num, RTE_UINT64);
	cmdline_parse_token_num_t ti64 = TOKEN_NUM_INITIALIZER(struct set_result, num, RTE_INT64);
	cmdline_parse_token_hdr_t *h = &t_what.hdr;

	CHECK(cmdline_parse_string(h, "speed 10", s, sizeof(s)) == 5 && strcmp(s, "speed") == 0);
	CHECK(cmdline_parse_string(h, "state", s, sizeof(s)) == 5);
	CHECK(cmdline_parse_string(h, "spee", s, sizeof(s)) < 0);
	CHECK(cmdline_parse_string(h, "speedy", s, sizeof(s)) < 0);
	CHECK(cmdline_parse_string(h, "speed", s, 4) < 0);          /* result too small */
	CHECK(cmdline_parse_string(h, "", NULL, 0) < 0);
	CHECK(cmdline_complete_get_nb_string(h) == 2);
	CHECK(cmdline_complete_get_elt_string(h, 1, s, sizeof(s)) == 0 && strcmp(s, "state") == 0);
	CHECK(cmdline_complete_get_elt_string(h, 2, s, sizeof(s)) < 0);
	CHECK(cmdline_get_help_string(h, s, sizeof(s)) == 0 && strcmp(s, "Mul-choice STRING") == 0);
	CHECK(cmdline_get_help_string(&t_stat2.hdr, s, sizeof(s)) == 0 && strcmp(s, "Any STRING") == 0);

	CHECK(cmdline_parse_num(&t_num.hdr, "-300 x", &i16, sizeof(i16)) == 4 && i16 == -300);
	CHECK(cmdline_parse_num(&t_num.hdr, "0x7fff", &i16, sizeof(i16)) == 6 && i16 == 0x7fff);
	CHECK(cmdline_parse_num(&t_num.hdr, "-32768", &i16, sizeof(i16)) == 6 && i16 == -32768);
	CHECK(cmdline_parse_num(&t_num.hdr, "32768", &i16, sizeof(i16)) < 0);
	CHECK(cmdline_parse_num(&tu8.hdr, "255", &u8, sizeof(u8)) == 3 && u8 == 255);
	CHECK(cmdline_parse_num(&tu8.hdr, "256", &u8, sizeof(u8)) < 0);
	CHECK(cmdline_parse_num(&tu8.hdr, "-1", &u8, sizeof(u8)) < 0);
	CHECK(cmdline_parse_num(&tu8.hdr, "0b101", &u8, sizeof(u8)) == 5 && u8 == 5);
	CHECK(cmdline_parse_num(&tu8.hdr, "017", &u8, sizeof(u8)) == 3 && u8 == 15);
	CHECK(cmdline_parse_num(&tu8.hdr, "12a", &u8, sizeof(u8)) < 0);
	CHECK(cmdline_parse_num(&tu64.hdr, "18446744073709551615", &u64, sizeof(u64)) == 20 && u64 == UINT64_MAX);
	CHECK(cmdline_parse_num(&tu64.hdr, "18446744073709551616", &u64, sizeof(u64)) < 0);
	CHECK(cmdline_parse_num(&ti64.hdr, "-9223372036854775808", &i64, sizeof(i64)) == 20 && i64 == INT64_MIN);
	CHECK(cmdline_get_help_num(&tu64.hdr, s, sizeof(s)) == 0 && strcmp(s, "UINT64") == 0);

	CHECK(cmdline_parse_ipaddr(&t_ip.hdr, "198.18.0.1", &ip, sizeof(ip)) == 10 && ip.family == AF_INET &&
	      ip.addr.ipv4.s_addr == htonl(0xc6120001));
	CHECK(cmdline_parse_ipaddr(&t_ip.hdr, "2001:db8::1", &ip, sizeof(ip)) == 11 && ip.family == AF_INET6);
	CHECK(cmdline_parse_ipaddr(&t_ip.hdr, "198.18.0.256", &ip, sizeof(ip)) < 0);
	CHECK(cmdline_parse_ipaddr(&t_ip.hdr, "198.18.0.0/15", &ip, sizeof(ip)) < 0);   /* not a network token */
	cmdline_parse_token_ipaddr_t tnet = TOKEN_IPNET_INITIALIZER(struct set_result, ip);
	CHECK(cmdline_parse_ipaddr(&tnet.hdr, "198.18.0.0/15", &ip, sizeof(ip)) == 13 && ip.prefixlen == 15);
	CHECK(cmdline_parse_ipaddr(&tnet.hdr, "198.18.0.0/33", &ip, sizeof(ip)) < 0);
	CHECK(cmdline_parse_ipaddr(&tnet.hdr, "198.18.0.0", &ip, sizeof(ip)) < 0);
	cmdline_parse_token_ipaddr_t t4 = TOKEN_IPV4_INITIALIZER(struct set_result, ip);
	CHECK(cmdline_parse_ipaddr(&t4.hdr, "::1", &ip, sizeof(ip)) < 0);
	CHECK(cmdline_get_help_ipaddr(&t_ip.hdr, s, sizeof(s)) == 0 && strcmp(s, "IPv4/IPv6") == 0);

	CHECK(cmdline_parse_etheraddr(&t_mac.hdr, "02:00:00:00:00:0a", &mac, sizeof(mac)) == 17 &&
	      mac.addr_bytes[0] == 2 && mac.addr_bytes[5] == 10);
	CHECK(cmdline_parse_etheraddr(&t_mac.hdr, "0200:0000:000b", &mac, sizeof(mac)) == 14 && mac.addr_bytes[5] == 11);
	CHECK(cmdline_parse_etheraddr(&t_mac.hdr, "02:00:00:00:00", &mac, sizeof(mac)) < 0);

	CHECK(cmdline_parse_portlist(&t_ports.hdr, "0,2-4,31", &pl, sizeof(pl)) == 8 && pl.map == 0x8000001d);
	CHECK(cmdline_parse_portlist(&t_ports.hdr, "all", &pl, sizeof(pl)) == 3 && pl.map == UINT32_MAX);
	CHECK(cmdline_parse_portlist(&t_ports.hdr, "32", &pl, sizeof(pl)) < 0);
	CHECK(cmdline_parse_portlist(&t_ports.hdr, "4-2", &pl, sizeof(pl)) < 0);
}

static void parse(void)
{
	int devnull = open("/dev/null", O_WRONLY);
	struct cmdline *cl = cmdline_new(ctx, "> ", -1, devnull);
	REQUIRE(cl != NULL);
	const char *line = "set speed -5 198.18.0.7 02:00:00:00:00:01 1-2\n";
	CHECK(cmdline_parse(cl, line) == (int)strlen(line));
	CHECK(calls == 1 && last_data == (void *)0x5e7);
	CHECK(strcmp(last.set, "set") == 0 && strcmp(last.what, "speed") == 0 && last.num == -5);
	CHECK(last.ip.family == AF_INET && last.mac.addr_bytes[5] == 1 && last.ports.map == 6);
	CHECK(cmdline_parse(cl, "  set   state 1 ::1 02:00:00:00:00:02 all  # comment\r\n") > 0 && calls == 2);
	CHECK(cmdline_parse(cl, "set speed 1 198.18.0.7 02:00:00:00:00:01 1") == 0);   /* no newline yet */
	CHECK(calls == 2);
	CHECK(cmdline_parse(cl, "   \n") == 4);
	CHECK(cmdline_parse(cl, "# only a comment\n") == 17);
	CHECK(cmdline_parse(cl, "nothing here\n") == CMDLINE_PARSE_NOMATCH);
	CHECK(cmdline_parse(cl, "set speed 99999 198.18.0.7 02:00:00:00:00:01 1\n") == CMDLINE_PARSE_BAD_ARGS);
	CHECK(cmdline_parse(cl, "set speed 1 198.18.0.7 02:00:00:00:00:01 1 extra\n") == CMDLINE_PARSE_BAD_ARGS);
	CHECK(cmdline_parse(cl, "show me   everything  \n") > 0 && strcmp(rest_seen, "me   everything") == 0);
	CHECK(cmdline_parse_check(cl, "set speed 1 198.18.0.7 02:00:00:00:00:01 1\n") > 0 && calls == 3);
	CHECK(cmdline_parse(NULL, "x\n") == CMDLINE_PARSE_BAD_ARGS);
	CHECK(cmdline_parse(cl, NULL) == CMDLINE_PARSE_BAD_ARGS);

	/* completion */
	char dst[256];
	int state = 0;
	CHECK(cmdline_complete(cl, "se", &state, dst, sizeof(dst)) == CMDLINE_PARSE_COMPLETED_BUFFER &&
	      strcmp(dst, "t ") == 0);
	state = 0;
	CHECK(cmdline_complete(cl, "set st", &state, dst, sizeof(dst)) == CMDLINE_PARSE_COMPLETED_BUFFER &&
	      strcmp(dst, "ate ") == 0);
	state = 0;   /* nothing typed of the next word: list, one per call */
	int n = 0, rc;
	while ((rc = cmdline_complete(cl, "set ", &state, dst, sizeof(dst))) == CMDLINE_PARSE_COMPLETE_AGAIN) {
		CHECK(strncmp(dst, n == 0 ? "speed [Mul-choice STRING]: set" : "state [Mul-choice STRING]: set", 30) == 0);
		if (++n > 5)
			break;
	}
	CHECK(rc == CMDLINE_PARSE_COMPLETE_FINISHED && n == 2);
	state = 0;   /* "s" is common to both: nothing to add, so a list */
	CHECK(cmdline_complete(cl, "set s", &state, dst, sizeof(dst)) == CMDLINE_PARSE_COMPLETE_AGAIN);
	state = 0;
	CHECK(cmdline_complete(cl, "set x", &state, dst, sizeof(dst)) == CMDLINE_PARSE_COMPLETE_FINISHED);
	state = -1;   /* a complete command: [RETURN] */
	CHECK(cmdline_complete(cl, "set speed 1 198.18.0.1 02:00:00:00:00:01 all ", &state, dst, sizeof(dst)) ==
	      CMDLINE_PARSE_COMPLETE_AGAIN && strcmp(dst, "[RETURN]") == 0);
	state = -1;   /* help for a free-form token */
	CHECK(cmdline_complete(cl, "set speed ", &state, dst, sizeof(dst)) == CMDLINE_PARSE_COMPLETE_AGAIN &&
	      strncmp(dst, "[INT16]: set", 12) == 0);
	CHECK(cmdline_complete(cl, "set speed ", &state, dst, sizeof(dst)) == CMDLINE_PARSE_COMPLETE_FINISHED);
	CHECK(cmdline_complete(NULL, "x", &state, dst, sizeof(dst)) == -1);
	cmdline_free(cl);

	struct cmdline *amb = cmdline_new(ctx_amb, "> ", -1, -1);
	REQUIRE(amb != NULL);
	CHECK(cmdline_parse(amb, "stat\n") == CMDLINE_PARSE_AMBIGUOUS);
	CHECK(cmdline_parse(amb, "other\n") > 0);   /* only the any-string one */
	cmdline_free(amb);
	CHECK(cmdline_new(NULL, "> ", 0, 1) == NULL);
	CHECK(cmdline_new(ctx, NULL, 0, 1) == NULL);
}

static void cirbuf_vt100(void)
{
	char mem[8], out[8];
	struct cirbuf cb;
	CHECK(cirbuf_init(&cb, mem, 5, sizeof(mem)) == 0);
	CHECK(cirbuf_add_buf_tail(&cb, "abc", 3) == 3);
	CHECK(cirbuf_add_head_safe(&cb, 'z') == 0);
	CHECK(CIRBUF_GET_LEN(&cb) == 4 && cirbuf_get_head(&cb) == 'z' && cirbuf_get_tail(&cb) == 'c');
	CHECK(cirbuf_get_buf_head(&cb, out, 8) == 4 && memcmp(out, "zabc", 4) == 0);
	CHECK(cirbuf_get_buf_tail(&cb, out, 2) == 2 && memcmp(out, "bc", 2) == 0);
	CHECK(cirbuf_add_buf_tail(&cb, "12345", 5) == -EINVAL);   /* no room */
	CHECK(cirbuf_add_buf_tail(&cb, "1234", 4) == 4 && CIRBUF_IS_FULL(&cb));
	CHECK(cirbuf_add_tail_safe(&cb, 'x') == -EINVAL);
	CHECK(cirbuf_align_left(&cb) == 0 && cb.start == 0 && memcmp(mem, "zabc1234", 8) == 0);
	CHECK(cirbuf_del_buf_head(&cb, 2) == 0 && cirbuf_get_head(&cb) == 'b');
	CHECK(cirbuf_del_buf_tail(&cb, 9) == -EINVAL);
	CHECK(cirbuf_del_buf_tail(&cb, 6) == 0 && CIRBUF_IS_EMPTY(&cb));
	CHECK(cirbuf_del_head_safe(&cb) == -EINVAL);

	struct cmdline_vt100 vt;
	vt100_init(&vt);
	CHECK(vt100_parser(&vt, 'a') == -1);
	CHECK(vt100_parser(&vt, '\033') == -2 && vt100_parser(&vt, '[') == -2);
	CHECK(vt100_parser(&vt, 'A') == CMDLINE_KEY_UP_ARR);
	CHECK(vt100_parser(&vt, '\n') == CMDLINE_KEY_RETURN);
	CHECK(vt100_parser(&vt, '\t') == CMDLINE_KEY_TAB);
	CHECK(strcmp(cmdline_vt100_commands[CMDLINE_KEY_CTRL_A], "\001") == 0);
}

int main(void)
{
	tokens();
	parse();
	cirbuf_vt100();
	return test_done();
}
