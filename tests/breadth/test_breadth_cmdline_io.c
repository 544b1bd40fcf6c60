/* A cmdline driven through pipes as a user would drive it: line editing
 * (arrows, Ctrl-A/E/K/W, backspace), history (up arrow), Tab completion,
 * error messages, quit from a command (the rest of the input stays
 * unread), end of input, Ctrl-D, cmdline_file_new, cmdline_poll, and
 * cmdline_stdin_new with commands piped on stdin. Also the rdline history
 * API. */
#include <fcntl.h>
#include <unistd.h>
#include <cmdline.h>
#include <cmdline_parse.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <cmdline_rdline.h>
#include <cmdline_socket.h>
#include "test.h"

struct add_res { cmdline_fixed_string_t add; uint32_t n; };
struct quit_res { cmdline_fixed_string_t quit; };
static uint32_t got[64];
static int ngot;

static void add_cb(void *r, struct cmdline *cl, void *d)
{
	RTE_SET_USED(cl);
	RTE_SET_USED(d);
	if (ngot < 64)
		got[ngot++] = ((struct add_res *)r)->n;
}
static void quit_cb(void *r, struct cmdline *cl, void *d)
{
	RTE_SET_USED(r);
	RTE_SET_USED(d);
	cmdline_quit(cl);
}

static cmdline_parse_token_string_t t_add = TOKEN_STRING_INITIALIZER(struct add_res, add, "add");
static cmdline_parse_token_num_t t_n = TOKEN_NUM_INITIALIZER(struct add_res, n, RTE_UINT32);
static cmdline_parse_inst_t cmd_add = { .f = add_cb, .data = NULL, .help_str = "add <n>",
	.tokens = { (void *)&t_add, (void *)&t_n, NULL } };
static cmdline_parse_token_string_t t_quit = TOKEN_STRING_INITIALIZER(struct quit_res, quit, "quit");
static cmdline_parse_inst_t cmd_quit = { .f = quit_cb, .data = NULL, .help_str = "quit",
	.tokens = { (void *)&t_quit, NULL } };
static cmdline_parse_ctx_t ctx[] = { &cmd_add, &cmd_quit, NULL };

#define LEFT "\033[D"
#define UP "\033[A"

/* Input pipe pre-filled with s (closed for writing), output to a temp file. */
static int input(const char *s)
{
	int p[2];
	REQUIRE(pipe(p) == 0);
	REQUIRE(write(p[1], s, strlen(s)) == (ssize_t)strlen(s));
	close(p[1]);
	return p[0];
}

static int outfile(char *path)
{
	strcpy(path, "/tmp/brcmdlXXXXXX");
	int fd = mkstemp(path);
	REQUIRE(fd >= 0);
	unlink(path);
	return fd;
}

static char *slurp(int fd)
{
	static char buf[16384];
	lseek(fd, 0, SEEK_SET);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static int expect(const uint32_t *want, int n)
{
	if (n != ngot)
		return 0;
	for (int i = 0; i < n; i++)
		if (got[i] != want[i])
			return 0;
	return 1;
}

static void editing(void)
{
	char path[64];
	int out = outfile(path);
	int in = input("add 1\n"
		       "ad 2" LEFT LEFT "d\n"        /* insert in the middle: add 2 */
		       UP "\n"                       /* history: add 2 again */
		       "dd 3\001a\n"                 /* Ctrl-A, insert at the start */
		       "add 44\177\n"                /* backspace */
		       "add 6\001\013add 7\n"        /* Ctrl-K kills the whole line */
		       "add 8\0279\n"                /* Ctrl-W kills the last word */
		       "ad\t10\n"                    /* Tab completes the command */
		       "bogus\n"
		       "add x\n"
		       "quit\n"
		       "add 99\n");                  /* after quit: never read */
	struct cmdline *cl = cmdline_new(ctx, "test> ", in, out);
	REQUIRE(cl != NULL);
	ngot = 0;
	cmdline_interact(cl);
	static const uint32_t want[] = { 1, 2, 2, 3, 4, 7, 9, 10 };
	CHECK_MSG(expect(want, RTE_DIM(want)), "got %d commands", ngot);
	const char *o = slurp(out);
	CHECK(strstr(o, "test> ") != NULL);
	CHECK(strstr(o, "Command not found") != NULL);
	CHECK(strstr(o, "Bad arguments") != NULL);
	char rest[16];
	CHECK(read(in, rest, sizeof(rest)) == 7 && memcmp(rest, "add 99\n", 7) == 0);
	struct rdline *rdl = cmdline_get_rdline(cl);
	CHECK(rdl != NULL && rdline_get_opaque(rdl) == cl);
	CHECK(strcmp(rdline_get_history_item(rdl, 0), "add x") == 0);   /* quit ends before it is kept */
	CHECK(strcmp(rdline_get_history_item(rdl, 1), "bogus") == 0);
	cmdline_free(cl);   /* closes in and out */
}

static void end_of_input(void)
{
	ngot = 0;
	struct cmdline *cl = cmdline_new(ctx, "> ", input("add 11\nadd 12"), -1);
	REQUIRE(cl != NULL);
	cmdline_interact(cl);   /* returns at EOF; the unterminated line is dropped */
	CHECK(ngot == 1 && got[0] == 11);
	cmdline_free(cl);

	ngot = 0;
	cl = cmdline_new(ctx, "> ", input("add 13\n\004add 14\n"), -1);
	REQUIRE(cl != NULL);
	cmdline_interact(cl);   /* Ctrl-D on an empty line ends it */
	CHECK(ngot == 1 && got[0] == 13);
	cmdline_free(cl);
}

static void from_file(void)
{
	char path[] = "/tmp/brcmdfXXXXXX";
	int fd = mkstemp(path);
	REQUIRE(fd >= 0);
	const char *cmds = "add 21\n# comment\n\nadd 22\n";
	REQUIRE(write(fd, cmds, strlen(cmds)) == (ssize_t)strlen(cmds));
	close(fd);
	ngot = 0;
	struct cmdline *cl = cmdline_file_new(ctx, "> ", path);
	REQUIRE(cl != NULL);
	cmdline_interact(cl);
	CHECK(ngot == 2 && got[0] == 21 && got[1] == 22);
	cmdline_free(cl);
	unlink(path);
	CHECK(cmdline_file_new(ctx, "> ", "/nonexistent/file") == NULL);
	CHECK(cmdline_file_new(ctx, "> ", NULL) == NULL);
}

static void polling(void)
{
	int p[2];
	REQUIRE(pipe(p) == 0);
	struct cmdline *cl = cmdline_new(ctx, "> ", p[0], -1);
	REQUIRE(cl != NULL);
	ngot = 0;
	CHECK(cmdline_poll(cl) == RDLINE_RUNNING);   /* nothing there: no block */
	REQUIRE(write(p[1], "add 31\n", 7) == 7);
	for (int i = 0; i < 7; i++)
		CHECK(cmdline_poll(cl) == RDLINE_RUNNING);
	CHECK(ngot == 1 && got[0] == 31);
	close(p[1]);
	CHECK(cmdline_poll(cl) == RDLINE_EXITED);    /* end of input is quit */
	CHECK(cmdline_poll(NULL) == -EINVAL);
	cmdline_free(cl);
}

static void piped_stdin(void)
{
	char path[64];
	int out = outfile(path);
	int saved_in = dup(0), saved_out = dup(1);
	int in = input("add 41\nadd 42\nquit\n");
	dup2(in, 0);
	close(in);
	fflush(stdout);
	dup2(out, 1);
	ngot = 0;
	struct cmdline *cl = cmdline_stdin_new(ctx, "stdin> ");
	REQUIRE(cl != NULL);
	cmdline_interact(cl);
	cmdline_stdin_exit(cl);
	dup2(saved_in, 0);
	dup2(saved_out, 1);
	close(saved_in);
	close(saved_out);
	CHECK(ngot == 2 && got[0] == 41 && got[1] == 42);
	CHECK(strstr(slurp(out), "stdin> add 41") != NULL);
	close(out);
}

static int sink(struct rdline *rdl, char c) { RTE_SET_USED(rdl); RTE_SET_USED(c); return 1; }

static void history_api(void)
{
	CHECK(rdline_new(NULL, NULL, NULL, NULL) == NULL);
	struct rdline *rdl = rdline_new(sink, NULL, NULL, (void *)7);
	REQUIRE(rdl != NULL);
	CHECK(rdline_get_opaque(rdl) == (void *)7);
	CHECK(rdline_char_in(rdl, 'x') == RDLINE_RES_NOT_RUNNING);
	rdline_newline(rdl, "> ");
	CHECK(rdline_char_in(rdl, 'a') == RDLINE_RES_SUCCESS);
	CHECK(rdline_char_in(rdl, 'b') == RDLINE_RES_SUCCESS);
	CHECK(strcmp(rdline_get_buffer(rdl), "ab\n") == 0);
	CHECK(rdline_add_history(rdl, "first\n") == 0);
	CHECK(rdline_add_history(rdl, "second") == 0);
	CHECK(rdline_add_history(NULL, "x") == -EINVAL && rdline_add_history(rdl, NULL) == -EINVAL);
	CHECK(strcmp(rdline_get_history_item(rdl, 0), "second") == 0);
	CHECK(strcmp(rdline_get_history_item(rdl, 1), "first") == 0);
	CHECK(rdline_get_history_item(rdl, 2) == NULL);
	CHECK(rdline_get_history_buffer_size(rdl) > 0);
	for (int i = 0; i < 1000; i++) {   /* old lines make room for new ones */
		char l[32];
		snprintf(l, sizeof(l), "line %d", i);
		CHECK(rdline_add_history(rdl, l) == 0);
	}
	CHECK(strcmp(rdline_get_history_item(rdl, 0), "line 999") == 0);
	rdline_clear_history(rdl);
	CHECK(rdline_get_history_item(rdl, 0) == NULL);
	CHECK(rdline_char_in(rdl, '\n') == RDLINE_RES_VALIDATED);
	rdline_quit(rdl);
	CHECK(rdline_char_in(rdl, 'x') == RDLINE_RES_EXITED);
	CHECK(rdline_char_in(NULL, 'x') == -EINVAL);
	rdline_free(rdl);
}

int main(void)
{
	editing();
	end_of_input();
	from_file();
	polling();
	piped_stdin();
	history_api();
	return test_done();
}
