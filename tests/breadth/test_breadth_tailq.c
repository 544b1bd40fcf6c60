/* Shared tail queues: a list registered with EAL_REGISTER_TAILQ (before
 * init) and one registered after init get shared heads; an entry the
 * primary inserts (in shared memory) is found by an exec'd secondary through
 * RTE_TAILQ_LOOKUP, and one the secondary inserts is seen by the primary.
 * Duplicate and bad registrations fail. */
#include <sys/wait.h>
#include <rte_eal_memconfig.h>
#include <rte_malloc.h>
#include <rte_tailq.h>
#include "test.h"

static struct rte_tailq_elem early = { .name = "BR_EARLY" };
EAL_REGISTER_TAILQ(early)
static struct rte_tailq_elem late = { .name = "BR_LATE" };

RTE_TAILQ_HEAD(br_list, rte_tailq_entry);

static int count_with(const char *name, const char *tag)
{
	struct br_list *l = RTE_TAILQ_LOOKUP(name, br_list);
	struct rte_tailq_entry *e;
	int n = 0;
	if (l == NULL)
		return -1;
	rte_mcfg_tailq_read_lock();
	TAILQ_FOREACH(e, l, next)
		n += strcmp((const char *)e->data, tag) == 0;
	rte_mcfg_tailq_read_unlock();
	return n;
}

static void insert(struct rte_tailq_head *h, const char *tag)
{
	struct rte_tailq_entry *e = rte_zmalloc(NULL, sizeof(*e) + 32, 0);
	REQUIRE(e != NULL);
	e->data = e + 1;
	strcpy((char *)e->data, tag);
	rte_mcfg_tailq_write_lock();
	TAILQ_INSERT_TAIL(RTE_TAILQ_CAST(h, br_list), e, next);
	rte_mcfg_tailq_write_unlock();
}

static int secondary(const char *prefix)
{
	char *argv[8] = { (char *)"sec", (char *)prefix, (char *)"--proc-type=secondary",
			  (char *)"--lcores=1@0", NULL };
	int argc = 4;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	REQUIRE(rte_eal_init(argc, argv) >= 0);
	CHECK(early.head != NULL);
	CHECK(count_with("BR_EARLY", "from-primary") == 1);
	CHECK(count_with("BR_LATE", "late-primary") == 1);
	insert(early.head, "from-secondary");
	rte_eal_cleanup();
	return test_done();
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "secondary") == 0)
		return secondary(argv[2]);

	CHECK(early.head == NULL);   /* registered, not yet attached */
	const char *extra[] = { "-l", "0", NULL };
	test_eal_init("brtailq", extra);
	REQUIRE(early.head != NULL);
	CHECK(rte_eal_tailq_lookup("BR_EARLY") == early.head);
	CHECK(strcmp(early.head->name, "BR_EARLY") == 0);
	CHECK(rte_eal_tailq_register(&late) == 0 && late.head != NULL);
	static struct rte_tailq_elem dup = { .name = "BR_EARLY" };
	CHECK(rte_eal_tailq_register(&dup) == -1 && rte_errno == EEXIST);
	static struct rte_tailq_elem empty = { .name = "" };
	CHECK(rte_eal_tailq_register(&empty) == -1);
	CHECK(rte_eal_tailq_register(NULL) == -1);
	CHECK(rte_eal_tailq_lookup("BR_NONE") == NULL);
	CHECK(rte_eal_tailq_lookup(NULL) == NULL);

	insert(early.head, "from-primary");
	insert(late.head, "late-primary");
	CHECK(count_with("BR_EARLY", "from-primary") == 1);
	rte_dump_tailq(stdout);

	/* the secondary: same process image, exec'd */
	char prefix[128];
	snprintf(prefix, sizeof(prefix), "--file-prefix=brtailq_%d", (int)getpid());   /* as test_eal_init made it */
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		execl(argv[0], argv[0], "secondary", prefix, (char *)NULL);
		_exit(127);
	}
	int st;
	REQUIRE(waitpid(pid, &st, 0) == pid);
	CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "secondary status 0x%x", st);
	CHECK(count_with("BR_EARLY", "from-secondary") == 1);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
