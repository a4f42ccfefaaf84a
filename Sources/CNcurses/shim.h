// Only what Swift cannot import from ncurses: function-like macros, the ACS
// table and wide-character output. No logic lives here.
#ifndef TERMCUT_CNCURSES_SHIM_H
#define TERMCUT_CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D flags: without these the wide-character API
// (cchar_t, get_wch, add_wch, setcchar) is invisible.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline int tc_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int tc_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline int tc_color_pair(int n) { return COLOR_PAIR(n); }
static inline attr_t tc_a_bold(void) { return A_BOLD; }
static inline attr_t tc_a_reverse(void) { return A_REVERSE; }
static inline attr_t tc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tc_a_dim(void) { return A_DIM; }
static inline attr_t tc_a_normal(void) { return A_NORMAL; }
static inline attr_t tc_a_italic(void) { return A_ITALIC; }
static inline int tc_key_resize(void) { return KEY_RESIZE; }
static inline int tc_key_mouse(void) { return KEY_MOUSE; }
static inline int tc_key_code_yes(void) { return KEY_CODE_YES; }
static inline int tc_key_f(int n) { return KEY_F(n); }
static inline int tc_err(void) { return ERR; }
static inline int tc_ok(void) { return OK; }
static inline WINDOW *tc_stdscr(void) { return stdscr; }
static inline int tc_lines(void) { return LINES; }
static inline int tc_cols(void) { return COLS; }
static inline int tc_colors(void) { return COLORS; }
static inline int tc_color_pairs(void) { return COLOR_PAIRS; }

// ACS_* are indexes into a runtime table (acs_map), so they are macros Swift cannot see.
static inline chtype tc_acs_hline(void) { return ACS_HLINE; }
static inline chtype tc_acs_vline(void) { return ACS_VLINE; }
static inline chtype tc_acs_ulcorner(void) { return ACS_ULCORNER; }
static inline chtype tc_acs_urcorner(void) { return ACS_URCORNER; }
static inline chtype tc_acs_llcorner(void) { return ACS_LLCORNER; }
static inline chtype tc_acs_lrcorner(void) { return ACS_LRCORNER; }
static inline chtype tc_acs_ltee(void) { return ACS_LTEE; }
static inline chtype tc_acs_rtee(void) { return ACS_RTEE; }
static inline chtype tc_acs_ttee(void) { return ACS_TTEE; }
static inline chtype tc_acs_btee(void) { return ACS_BTEE; }
static inline chtype tc_acs_plus(void) { return ACS_PLUS; }

// newterm wants the C stdio streams, which Swift 6 will not touch as globals.
// newterm (unlike initscr) returns NULL instead of exiting when TERM is unusable.
static inline SCREEN *tc_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline const char *tc_codeset(void) { return nl_langinfo(CODESET); }

// Writes one cell: a spacing character plus up to four combining characters
// (wstr is NUL-terminated), with attributes and an extended colour pair.
// cchar_t setup is macro-heavy and the int pair travels in setcchar's opts.
static inline int tc_put_cell(int y, int x, const wchar_t *wstr, attr_t attrs, int pair) {
    cchar_t cc;
    if (setcchar(&cc, wstr, attrs, 0, &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cc);
}
// Writes an ACS line-drawing character (non-UTF-8 locales) with attributes and pair.
static inline int tc_put_acs(int y, int x, chtype ch, attr_t attrs, int pair) {
    attr_set(attrs, 0, &pair);
    int rc = mvaddch(y, x, ch);
    int zero = 0;
    attr_set(A_NORMAL, 0, &zero);
    return rc;
}

// Writes one wide character with attributes and colour pair: cchar_t setup is macro-heavy.
static inline int tc_mvadd_wch(int y, int x, wchar_t ch, attr_t attrs, short pair) {
    cchar_t cc;
    wchar_t wstr[2] = { ch, L'\0' };
    setcchar(&cc, wstr, attrs, pair, NULL);
    return mvadd_wch(y, x, &cc);
}
static inline int tc_wget_wch(WINDOW *w, wint_t *out) { return wget_wch(w, out); }
static inline mmask_t tc_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t tc_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t tc_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t tc_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t tc_button5_pressed(void) { return BUTTON5_PRESSED; }

#endif
