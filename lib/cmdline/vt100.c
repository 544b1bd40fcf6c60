/* SPDX-License-Identifier: BSD-3-Clause
 * Input bytes to key codes. An ESC starts a sequence; "ESC [" continues it
 * until a final byte 0x40-0x7e, "ESC x" ends at x. The collected bytes are
 * looked up in cmdline_vt100_commands (indexed by CMDLINE_KEY_*). */
#include <string.h>
#include <cmdline_vt100.h>

const char *cmdline_vt100_commands[] = {
	[CMDLINE_KEY_UP_ARR] = vt100_up_arr,
	[CMDLINE_KEY_DOWN_ARR] = vt100_down_arr,
	[CMDLINE_KEY_RIGHT_ARR] = vt100_right_arr,
	[CMDLINE_KEY_LEFT_ARR] = vt100_left_arr,
	[CMDLINE_KEY_BKSPACE] = "\177",
	[CMDLINE_KEY_RETURN] = "\n",
	[CMDLINE_KEY_CTRL_A] = "\001",
	[CMDLINE_KEY_CTRL_E] = "\005",
	[CMDLINE_KEY_CTRL_K] = "\013",
	[CMDLINE_KEY_CTRL_Y] = "\031",
	[CMDLINE_KEY_CTRL_C] = "\003",
	[CMDLINE_KEY_CTRL_F] = "\006",
	[CMDLINE_KEY_CTRL_B] = "\002",
	[CMDLINE_KEY_SUPPR] = vt100_suppr,
	[CMDLINE_KEY_TAB] = vt100_tab,
	[CMDLINE_KEY_CTRL_D] = "\004",
	[CMDLINE_KEY_CTRL_L] = "\014",
	[CMDLINE_KEY_RETURN2] = "\r",
	[CMDLINE_KEY_META_BKSPACE] = "\033\177",
	[CMDLINE_KEY_WLEFT] = vt100_word_left,
	[CMDLINE_KEY_WRIGHT] = vt100_word_right,
	[CMDLINE_KEY_HELP] = "?",
	[CMDLINE_KEY_CTRL_W] = "\027",
	[CMDLINE_KEY_CTRL_P] = "\020",
	[CMDLINE_KEY_CTRL_N] = "\016",
	[CMDLINE_KEY_META_D] = "\033\144",
	[CMDLINE_KEY_BKSPACE2] = vt100_bs,
};

void vt100_init(struct cmdline_vt100 *vt)
{
	if (vt == NULL)
		return;
	vt->state = CMDLINE_VT100_INIT;
	vt->bufpos = 0;
}

static int lookup(const char *buf, unsigned int size)
{
	for (unsigned int i = 0; i < sizeof(cmdline_vt100_commands) / sizeof(cmdline_vt100_commands[0]); i++)
		if (strlen(cmdline_vt100_commands[i]) == size && memcmp(cmdline_vt100_commands[i], buf, size) == 0)
			return (int)i;
	return -1;
}

int vt100_parser(struct cmdline_vt100 *vt, char ch)
{
	unsigned char c = (unsigned char)ch;
	if (vt == NULL)
		return -1;
	if (vt->bufpos >= CMDLINE_VT100_BUF_SIZE) {   /* overlong sequence: drop it */
		vt->state = CMDLINE_VT100_INIT;
		vt->bufpos = 0;
	}
	vt->buf[vt->bufpos++] = (char)c;
	unsigned int size = vt->bufpos;
	switch (vt->state) {
	case CMDLINE_VT100_INIT:
		if (c == 033) {
			vt->state = CMDLINE_VT100_ESCAPE;
			return -2;
		}
		vt->bufpos = 0;
		return lookup(vt->buf, size);
	case CMDLINE_VT100_ESCAPE:
		if (c == '[') {
			vt->state = CMDLINE_VT100_ESCAPE_CSI;
			return -2;
		}
		if (c >= 060 && c <= 0177) {
			vt->bufpos = 0;
			vt->state = CMDLINE_VT100_INIT;
			return lookup(vt->buf, size);
		}
		return -2;
	case CMDLINE_VT100_ESCAPE_CSI:
		if (c >= 0100 && c <= 0176) {
			vt->bufpos = 0;
			vt->state = CMDLINE_VT100_INIT;
			return lookup(vt->buf, size);
		}
		return -2;
	default:
		vt->bufpos = 0;
		return -2;
	}
}
