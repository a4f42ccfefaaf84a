// GNU FriBidi: the Unicode bidirectional algorithm (UAX #9), which orders a line that mixes
// left-to-right and right-to-left text. The constants and tests below are macros over bit
// masks, which Swift does not import.
#ifndef TERMCUT_CFRIBIDI_SHIM_H
#define TERMCUT_CFRIBIDI_SHIM_H
#include <fribidi.h>

/// The paragraph direction "from its first strong character" (rule P2/P3).
static inline FriBidiParType termcut_fribidi_par_auto(void) { return FRIBIDI_PAR_ON; }
/// A resolved paragraph direction is right to left.
static inline int termcut_fribidi_par_is_rtl(FriBidiParType p) { return FRIBIDI_IS_RTL(p) ? 1 : 0; }
/// Whitespace, isolate and explicit-format types, which UAX #9 rule L1 resets to the paragraph
/// level at the end of a line.
static inline int termcut_fribidi_resets_at_line_end(FriBidiCharType t) {
    return FRIBIDI_IS_EXPLICIT_OR_BN_OR_WS(t) || FRIBIDI_IS_ISOLATE(t);
}
#endif
