/* A hostile local user cannot steer another user's dplite through the
 * runtime directory (issue 12 point 2). Two throwaway users, created and
 * removed here (root only, else exit 77): an attacker prepares directories,
 * symlinks and files; the victim starts the EAL and must refuse each trap,
 * naming the path, owner and mode, and nothing of the victim's is touched
 * (a canary file the symlinks point at keeps its content). Also: with
 * XDG_RUNTIME_DIR unset and /tmp/dpdk belonging to someone else, the victim
 * starts in its per-user fallback /tmp/dpdk-<uid>. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <rte_eal.h>
#include "test.h"

static char victim_name[32], attacker_name[32];
static uid_t vuid, auid;
static gid_t vgid, agid;
static char tdir[] = "/tmp/dplite-hostile.XXXXXX";
static char self[1024];
static bool made_tmp_dpdk;   /* /tmp/dpdk was made here (case D): remove it */

static void cleanup_tmp_dpdk(void)
{
	if (made_tmp_dpdk) {
		unlink("/tmp/dpdk/pd");
		rmdir("/tmp/dpdk");
		made_tmp_dpdk = false;
	}
}

static void cleanup(void)
{
	char cmd[256];
	cleanup_tmp_dpdk();
	if (tdir[strlen(tdir) - 1] != 'X') {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tdir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", tdir);
	}
	if (vuid) {
		char fb[64];
		snprintf(fb, sizeof(fb), "/tmp/dpdk-%u", (unsigned int)vuid);
		rmdir(fb);
	}
	snprintf(cmd, sizeof(cmd), "userdel %s >/dev/null 2>&1; userdel %s >/dev/null 2>&1",
		 victim_name, attacker_name);
	if (system(cmd) != 0)
		fprintf(stderr, "userdel failed\n");
}

static int add_user(const char *name, uid_t *uid, gid_t *gid)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "useradd --system --no-create-home --shell /usr/sbin/nologin "
		 "%s >/dev/null 2>&1", name);
	if (system(cmd) != 0)
		return -1;
	struct passwd *pw = getpwnam(name);
	if (pw == NULL)
		return -1;
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

/* Run the EAL as the victim; xdg NULL = unset. Output (stdout+stderr) in out.
 * Returns the exit code: 0 started (stdout has the runtime dir), 10 refused. */
static int run_victim(const char *xdg, const char *prefix, char *out, size_t len)
{
	int p[2];
	REQUIRE(pipe(p) == 0);
	fflush(NULL);
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		if (setgroups(0, NULL) != 0 || setgid(vgid) != 0 || setuid(vuid) != 0)
			_exit(126);
		if (xdg)
			setenv("XDG_RUNTIME_DIR", xdg, 1);
		else
			unsetenv("XDG_RUNTIME_DIR");
		execl(self, self, "as", prefix, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	size_t got = 0;
	ssize_t r;
	while (got + 1 < len && (r = read(p[0], out + got, len - 1 - got)) > 0)
		got += (size_t)r;
	out[got] = '\0';
	close(p[0]);
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int victim_main(const char *prefix)
{
	char arg[128];
	snprintf(arg, sizeof(arg), "--file-prefix=%s", prefix);
	char *argv[] = { (char *)"victim", arg, (char *)"--no-huge", (char *)"-l", (char *)"0", NULL };
	if (rte_eal_init(5, argv) < 0)
		return 10;
	printf("RUNTIME=%s\n", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	return 0;
}

static void mkdir_owned(const char *path, uid_t uid, gid_t gid, mode_t mode)
{
	REQUIRE(mkdir(path, 0700) == 0 || errno == EEXIST);
	REQUIRE(chown(path, uid, gid) == 0 && chmod(path, mode) == 0);
}

static void write_file(const char *path, const char *text, uid_t uid, gid_t gid)
{
	FILE *f = fopen(path, "w");
	REQUIRE(f != NULL);
	fputs(text, f);
	fclose(f);
	REQUIRE(chown(path, uid, gid) == 0 && chmod(path, 0600) == 0);
}

static bool file_is(const char *path, const char *text)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return false;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strcmp(buf, text) == 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "as") == 0)
		return victim_main(argv[2]);
	if (geteuid() != 0)
		TEST_SKIP("needs root to create two throwaway users");
	if (access("/usr/sbin/useradd", X_OK) != 0 && access("/sbin/useradd", X_OK) != 0)
		TEST_SKIP("no useradd");
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	REQUIRE(n > 0);
	self[n] = '\0';
	snprintf(victim_name, sizeof(victim_name), "dplv%d", (int)getpid() % 1000000);
	snprintf(attacker_name, sizeof(attacker_name), "dpla%d", (int)getpid() % 1000000);
	if (add_user(victim_name, &vuid, &vgid) < 0 || add_user(attacker_name, &auid, &agid) < 0) {
		cleanup();
		TEST_SKIP("cannot create throwaway users");
	}
	atexit(cleanup);
	REQUIRE(mkdtemp(tdir) != NULL && chmod(tdir, 01777) == 0);

	/* the victim's precious file, which each trap points at */
	char home[600], canary[700];
	const char *secret = "victim's ssh config\n";
	snprintf(home, sizeof(home), "%s/victim-home", tdir);
	mkdir_owned(home, vuid, vgid, 0700);
	snprintf(canary, sizeof(canary), "%s/config", home);
	write_file(canary, secret, vuid, vgid);

	static char out[16384];
	char path[800], xdg[700], auidstr[32];
	snprintf(auidstr, sizeof(auidstr), "uid %u", (unsigned int)auid);

	/* A: the attacker owns <xdg>/dpdk (world-writable) and planted a symlink
	 * at the victim's prefix pointing at the victim's home */
	snprintf(xdg, sizeof(xdg), "%s/xa", tdir);
	mkdir_owned(xdg, vuid, vgid, 0700);
	snprintf(path, sizeof(path), "%s/dpdk", xdg);
	mkdir_owned(path, auid, agid, 0777);
	snprintf(path, sizeof(path), "%s/dpdk/pa", xdg);
	REQUIRE(symlink(home, path) == 0 && lchown(path, auid, agid) == 0);
	int rc = run_victim(xdg, "pa", out, sizeof(out));
	CHECK_MSG(rc == 10, "A: victim started (rc %d): %s", rc, out);
	snprintf(path, sizeof(path), "%s/dpdk", xdg);
	CHECK_MSG(strstr(out, path) && strstr(out, auidstr) && strstr(out, "0777"),
		  "A: error does not name %s, %s, 0777: %s", path, auidstr, out);

	/* B: the victim's own base, but a symlink planted at the prefix */
	snprintf(xdg, sizeof(xdg), "%s/xb", tdir);
	mkdir_owned(xdg, vuid, vgid, 0700);
	snprintf(path, sizeof(path), "%s/dpdk", xdg);
	mkdir_owned(path, vuid, vgid, 0700);
	snprintf(path, sizeof(path), "%s/dpdk/pb", xdg);
	REQUIRE(symlink(home, path) == 0 && lchown(path, auid, agid) == 0);
	rc = run_victim(xdg, "pb", out, sizeof(out));
	CHECK_MSG(rc == 10, "B: victim started (rc %d): %s", rc, out);
	CHECK_MSG(strstr(out, path) && strstr(out, "symbolic link") && strstr(out, auidstr),
		  "B: error does not name the symlink %s: %s", path, out);

	/* C: a pre-created world-writable prefix directory of the attacker, with
	 * a planted config and mp_socket (the attacker's "primary") */
	snprintf(xdg, sizeof(xdg), "%s/xc", tdir);
	mkdir_owned(xdg, vuid, vgid, 0700);
	snprintf(path, sizeof(path), "%s/dpdk", xdg);
	mkdir_owned(path, vuid, vgid, 0700);
	snprintf(path, sizeof(path), "%s/dpdk/pc", xdg);
	mkdir_owned(path, auid, agid, 0777);
	char planted[900];
	snprintf(planted, sizeof(planted), "%s/config", path);
	write_file(planted, "planted by the attacker\n", auid, agid);
	rc = run_victim(xdg, "pc", out, sizeof(out));
	CHECK_MSG(rc == 10, "C: victim started (rc %d): %s", rc, out);
	CHECK_MSG(strstr(out, path) && strstr(out, auidstr) && strstr(out, "0777"),
		  "C: error does not name %s, owner, mode: %s", path, out);
	CHECK(file_is(planted, "planted by the attacker\n"));

	/* nothing of the victim's was touched */
	CHECK_MSG(file_is(canary, secret), "the victim's file was changed");
	CHECK(test_count_dir(home) == 3);

	/* D: XDG_RUNTIME_DIR unset, /tmp/dpdk not the victim's: the per-user
	 * fallback. When /tmp/dpdk is absent we make it the attacker's (with a
	 * symlink trap inside) for the length of this check. */
	struct stat st;
	if (lstat("/tmp/dpdk", &st) != 0) {
		made_tmp_dpdk = true;
		mkdir_owned("/tmp/dpdk", auid, agid, 0777);
		REQUIRE(symlink(home, "/tmp/dpdk/pd") == 0);
	}
	rc = run_victim(NULL, "pd", out, sizeof(out));
	char expect[64];
	snprintf(expect, sizeof(expect), "RUNTIME=/tmp/dpdk-%u/pd", (unsigned int)vuid);
	CHECK_MSG(rc == 0 && strstr(out, expect), "D: expected %s (rc %d): %s", expect, rc, out);
	snprintf(path, sizeof(path), "/tmp/dpdk-%u/pd", (unsigned int)vuid);
	CHECK_MSG(lstat(path, &st) != 0, "D: clean exit left %s", path);
	snprintf(path, sizeof(path), "/tmp/dpdk-%u", (unsigned int)vuid);
	CHECK(lstat(path, &st) == 0 && st.st_uid == vuid && (st.st_mode & 077) == 0);
	cleanup_tmp_dpdk();
	CHECK_MSG(file_is(canary, secret), "the victim's file was changed");

	/* E: control: a private XDG_RUNTIME_DIR works and is left clean */
	snprintf(xdg, sizeof(xdg), "%s/xe", tdir);
	mkdir_owned(xdg, vuid, vgid, 0700);
	rc = run_victim(xdg, "pe", out, sizeof(out));
	CHECK_MSG(rc == 0, "E: victim did not start (rc %d): %s", rc, out);
	snprintf(path, sizeof(path), "%s/dpdk/pe", xdg);
	CHECK_MSG(lstat(path, &st) != 0, "E: clean exit left %s", path);
	(void)argc;
	return test_done();
}
