// Generated from keymaps/*.toml and themes/*.toml; BuiltinFilesTests fails when they drift.
// Regenerate: TERMCUT_REGENERATE_BUILTINS=1 swift test --filter BuiltinFilesTests
/// The shipped keymaps and themes, compiled in so an installed binary always has them.
enum BuiltinFiles {
    static let files: [String: String] = [
        "keymaps/default.toml": #"""
# termcut default keymap: Premiere Pro keys, with Avid's V/B/Z/T where they do not clash.
#
#   ,  .   insert / overwrite (Premiere)     v  b  the same (Avid splice-in / overwrite)
#   ;  '   lift / extract (Premiere)         z     lift (Avid)
#   i o x  mark in / out / mark clip         J K L shuttle: reverse, stop, forward
#
# Override single keys in ~/.config/termcut/keymap.toml (same tables); "" unbinds a key.
# Quote keys that are not letters or digits: "[" = "trim -1".
# Terminals cannot tell ctrl-shift-z from ctrl-z, so redo is also on ctrl-r and U.
# Trim mode (t): [ ] trim by -1/+1, { } by -10/+10; a = A side (outgoing tail), b = B side
# (incoming head), r = both sides (roll), tab cycles; keys not bound in [trim] fall through to [normal] (J/K/L, arrows).
# Bins (tab to focus them): - and + close/open a bin (arrows still step the monitor), enter loads media (or opens a bin), / searches, S sorts.

[normal]
J = "play-reverse"
K = "stop"
L = "play-forward"
j = "play-reverse"
k = "stop"
l = "play-forward"
space = "play-toggle"
left = "step -1"
right = "step +1"
shift-left = "step -10"
shift-right = "step +10"
up = "previous-edit"
down = "next-edit"
home = "home"
end = "end"
i = "mark-in"
o = "mark-out"
x = "mark-clip"
I = "go-to-in"
O = "go-to-out"
ctrl-x = "clear-marks"
"," = "insert"
"." = "overwrite"
v = "insert"
b = "overwrite"
";" = "lift"
"'" = "extract"
z = "lift"
ctrl-k = "razor"
c = "razor"
shift-delete = "ripple-delete"
delete = "delete"
backspace = "delete"
u = "undo"
ctrl-z = "undo"
ctrl-shift-z = "redo"
ctrl-r = "redo"
U = "redo"
t = "trim-mode"
g = "grade-mode"
m = "add-marker"
f = "match-frame"
s = "monitor toggle"
"=" = "zoom-in"
"-" = "zoom-out"
"\\" = "zoom-fit"
tab = "focus-next"
backtab = "focus-prev"
ctrl-s = "save"
ctrl-l = "redraw"
q = "quit"
"?" = "help"
f1 = "help"
":" = "palette"
enter = "select-clip"
esc = "select-none"
M = "next-marker"
N = "previous-marker"
w = "scope-next"
W = "scope-prev"

# Playback beyond J/K/L: quarter speed (Avid's K+J / K+L, which terminals cannot chord),
# play in to out, play around the playhead, loop, and the preview window's overlays.
"<" = "play-slow-reverse"
">" = "play-slow-forward"
p = "play-in-to-out"
P = "play-around"
r = "loop"
ctrl-t = "preview-timecode"
ctrl-g = "preview-guides"
F = "preview-fullscreen"
V = "preview"
"]" = "clip-gain-nudge +1"
"[" = "clip-gain-nudge -1"
"}" = "clip-gain-nudge +3"
"{" = "clip-gain-nudge -3"
"(" = "fade-in 1s"
")" = "fade-out 1s"
D = "crossfade"
ctrl-d = "add-default-transition"
X = "mixer-pane"
alt-up = "track-volume-nudge +0.5"
alt-down = "track-volume-nudge -0.5"
alt-pageup = "track-volume-nudge +3"
alt-pagedown = "track-volume-nudge -3"
alt-right = "mixer-select next"
alt-left = "mixer-select prev"
# Clean-up (per clip: high-pass, noise reduction, bypass to compare) and the master limiter;
# alt-v records a voice-over between the record marks.
alt-h = "highpass"
alt-e = "denoise"
alt-b = "cleanup-bypass"
alt-l = "master-limiter"
alt-v = "record-voiceover"
# Automated editing: detect silences, then review the proposals (next, previous, drop, accept, cancel).
alt-s = "detect-silences"
alt-n = "proposal-next"
alt-p = "proposal-prev"
alt-d = "proposal-drop"
alt-a = "proposal-accept"
alt-c = "proposal-cancel"
# Track selectors (Resolve's alt-digits): alt-1…4 pick or drop V1…V4, alt-5…8 A1…A4, alt-0 all.
alt-1 = "toggle-track V1"
alt-2 = "toggle-track V2"
alt-3 = "toggle-track V3"
alt-4 = "toggle-track V4"
alt-5 = "toggle-track A1"
alt-6 = "toggle-track A2"
alt-7 = "toggle-track A3"
alt-8 = "toggle-track A4"
# Source-to-record patch (Avid's patch panel): shift-alt-1…4 (alt-! @ # $ on a US keyboard) patch
# the source's picture to V1…V4, shift-alt-5…8 (alt-% ^ & *) its sound to A1…A4; the patched
# track again unpatches it. The track header shows the patch as ▸.
"alt-!" = "patch V1"
"alt-@" = "patch V2"
"alt-#" = "patch V3"
"alt-$" = "patch V4"
"alt-%" = "patch A1"
"alt-^" = "patch A2"
"alt-&" = "patch A3"
"alt-*" = "patch A4"
alt-0 = "select-tracks all"
# The chosen tracks (else the patched ones): alt-u mute, alt-o solo, alt-k sync lock, alt-g lock.
alt-u = "toggle-mute"
alt-o = "toggle-solo"
alt-k = "toggle-sync-lock"
alt-g = "toggle-lock"
alt-m = "marker-list"
# Proxies (termcut proxies makes them): the preview and scopes decode them, renders never.
alt-y = "proxy toggle"
# Speed (Premiere's Speed/Duration choices): alt-r reverse (-100%), alt-f freeze the first frame,
# alt-z slow motion at 50% with frame blending, alt-x back to 100%; other speeds through the palette.
alt-r = "speed -100"
alt-f = "speed freeze"
alt-z = "speed 50 blend=on"
alt-x = "speed 100"
# Subtitles on the picture (preview and render) on or off.
alt-t = "subtitles toggle"

[trim]
space = "play-around"
"[" = "trim -1"
"]" = "trim +1"
"{" = "trim -10"
"}" = "trim +10"
"," = "trim -1"
"." = "trim +1"
tab = "trim-side cycle"
a = "trim-side a"
b = "trim-side b"
r = "trim-side both"
t = "trim-mode"
esc = "trim-mode"
# Avid: up/down go to the previous/next edit keeping the side; slip, slide, extend edit.
up = "trim-edit previous"
down = "trim-edit next"
"<" = "slip -1"
">" = "slip +1"
ctrl-left = "slide -1"
ctrl-right = "slide +1"
e = "extend"
# Overwrite (non-ripple) trim: the growing side overwrites its neighbour, the shrinking side leaves gap.
"(" = "overwrite-trim -1"
")" = "overwrite-trim +1"
# Edit points on other tracks at the same cut (alt-1…4 V1…V4, alt-5…8 A1…A4): each press cycles
# that track through A side, B side, roll and off, so sides can differ per track (asymmetric trim).
alt-1 = "trim-track V1"
alt-2 = "trim-track V2"
alt-3 = "trim-track V3"
alt-4 = "trim-track V4"
alt-5 = "trim-track A1"
alt-6 = "trim-track A2"
alt-7 = "trim-track A3"
alt-8 = "trim-track A4"

[grade]
# Grading mode (g; again or esc leaves): the keyboard as a control surface, the scopes in view.
# Lift: 1 2 3 4 raise red, green, blue, master; q w e r lower them. Gamma: 5 6 7 8 / t y u i.
# Gain: 9 0 - = / o p [ ]. With alt, ten times the step: lift ±0.005 (alt ±0.05), gamma and gain
# ±0.01 (alt ±0.1); { and } stand for alt-[ and alt-], which terminals send as escape sequences.
# x bypasses to compare, backspace resets; c copies the grade, v pastes it on the clip, m proposes a
# match (grade-match: white balance and levels from neutral areas, one undo step),
# a adds an adjustment layer at the playhead; space, J/K/L and arrows work as in normal.
"1" = "grade-nudge lift r +0.005"
alt-1 = "grade-nudge lift r +0.05"
"2" = "grade-nudge lift g +0.005"
alt-2 = "grade-nudge lift g +0.05"
"3" = "grade-nudge lift b +0.005"
alt-3 = "grade-nudge lift b +0.05"
"4" = "grade-nudge lift m +0.005"
alt-4 = "grade-nudge lift m +0.05"
q = "grade-nudge lift r -0.005"
alt-q = "grade-nudge lift r -0.05"
w = "grade-nudge lift g -0.005"
alt-w = "grade-nudge lift g -0.05"
e = "grade-nudge lift b -0.005"
alt-e = "grade-nudge lift b -0.05"
r = "grade-nudge lift m -0.005"
alt-r = "grade-nudge lift m -0.05"
"5" = "grade-nudge gamma r +0.01"
alt-5 = "grade-nudge gamma r +0.1"
"6" = "grade-nudge gamma g +0.01"
alt-6 = "grade-nudge gamma g +0.1"
"7" = "grade-nudge gamma b +0.01"
alt-7 = "grade-nudge gamma b +0.1"
"8" = "grade-nudge gamma m +0.01"
alt-8 = "grade-nudge gamma m +0.1"
t = "grade-nudge gamma r -0.01"
alt-t = "grade-nudge gamma r -0.1"
y = "grade-nudge gamma g -0.01"
alt-y = "grade-nudge gamma g -0.1"
u = "grade-nudge gamma b -0.01"
alt-u = "grade-nudge gamma b -0.1"
i = "grade-nudge gamma m -0.01"
alt-i = "grade-nudge gamma m -0.1"
"9" = "grade-nudge gain r +0.01"
alt-9 = "grade-nudge gain r +0.1"
"0" = "grade-nudge gain g +0.01"
alt-0 = "grade-nudge gain g +0.1"
"-" = "grade-nudge gain b +0.01"
"alt--" = "grade-nudge gain b +0.1"
"=" = "grade-nudge gain m +0.01"
"alt-=" = "grade-nudge gain m +0.1"
o = "grade-nudge gain r -0.01"
alt-o = "grade-nudge gain r -0.1"
p = "grade-nudge gain g -0.01"
alt-p = "grade-nudge gain g -0.1"
"[" = "grade-nudge gain b -0.01"
"{" = "grade-nudge gain b -0.1"
"]" = "grade-nudge gain m -0.01"
"}" = "grade-nudge gain m -0.1"
x = "grade-bypass"
backspace = "grade-reset"
c = "grade-copy"
v = "grade-paste"
m = "grade-match"
a = "adjustment-add"
tab = "scope-next"
backtab = "scope-prev"
g = "grade-mode"
esc = "grade-mode"

[bins]
up = "bins-up"
down = "bins-down"
home = "bins-top"
end = "bins-bottom"
enter = "source {media}"
"-" = "bins-collapse"
"+" = "bins-expand"
"/" = "bins-search"
S = "bins-sort next"

[palette]
tab = "palette-complete"
up = "palette-history-prev"
down = "palette-history-next"
enter = "palette-accept"
esc = "palette-cancel"
ctrl-c = "palette-cancel"

[help]
"?" = "help-close"
esc = "help-close"
q = "help-close"
up = "scroll-up"
down = "scroll-down"
k = "scroll-up"
j = "scroll-down"
pageup = "page-up"
pagedown = "page-down"
space = "page-down"

[alias]
q = "quit"
w = "save"

"""#,
        "keymaps/vim.toml": #"""
# termcut keymap for vim hands. Start from the default keymap's ideas, bent to vim:
# h/l step a frame, w/b next/previous edit, gg/G start/end, dd extract, x lift,
# u undo, ctrl-r redo, p insert, P overwrite, :w save, :q quit.

[normal]
J = "play-reverse"
K = "stop"
L = "play-forward"
space = "play-toggle"
h = "step -1"
l = "step +1"
H = "step -10"
left = "step -1"
right = "step +1"
w = "next-edit"
b = "previous-edit"
down = "next-edit"
up = "previous-edit"
G = "end"
"0" = "home"
"$" = "end"
i = "mark-in"
o = "mark-out"
v = "mark-clip"
p = "insert"
P = "overwrite"
x = "lift"
s = "razor"
u = "undo"
ctrl-r = "redo"
t = "trim-mode"
m = "add-marker"
"*" = "match-frame"
S = "monitor toggle"
"+" = "zoom-in"
"=" = "zoom-in"
"-" = "zoom-out"
tab = "focus-next"
backtab = "focus-prev"
ctrl-s = "save"
ctrl-l = "redraw"
"?" = "help"
":" = "palette"
enter = "select-clip"
esc = "select-none"
M = "next-marker"
N = "previous-marker"
W = "scope-next"

"<" = "play-slow-reverse"
">" = "play-slow-forward"
ctrl-t = "preview-timecode"
ctrl-g = "preview-guides"
"]" = "clip-gain-nudge +1"
"[" = "clip-gain-nudge -1"
"}" = "clip-gain-nudge +3"
"{" = "clip-gain-nudge -3"
"(" = "fade-in 1s"
")" = "fade-out 1s"
D = "crossfade"
ctrl-d = "add-default-transition"
X = "mixer-pane"
alt-up = "track-volume-nudge +0.5"
alt-down = "track-volume-nudge -0.5"
alt-pageup = "track-volume-nudge +3"
alt-pagedown = "track-volume-nudge -3"
alt-right = "mixer-select next"
alt-left = "mixer-select prev"
# Clean-up (per clip: high-pass, noise reduction, bypass to compare) and the master limiter;
# alt-v records a voice-over between the record marks.
alt-h = "highpass"
alt-e = "denoise"
alt-b = "cleanup-bypass"
alt-l = "master-limiter"
alt-v = "record-voiceover"
# Automated editing: detect silences, then review the proposals (next, previous, drop, accept, cancel).
alt-s = "detect-silences"
alt-n = "proposal-next"
alt-p = "proposal-prev"
alt-d = "proposal-drop"
alt-a = "proposal-accept"
alt-c = "proposal-cancel"
# Track selectors (Resolve's alt-digits): alt-1…4 pick or drop V1…V4, alt-5…8 A1…A4, alt-0 all.
alt-1 = "toggle-track V1"
alt-2 = "toggle-track V2"
alt-3 = "toggle-track V3"
alt-4 = "toggle-track V4"
alt-5 = "toggle-track A1"
alt-6 = "toggle-track A2"
alt-7 = "toggle-track A3"
alt-8 = "toggle-track A4"
# Source-to-record patch (Avid's patch panel): shift-alt-1…4 (alt-! @ # $ on a US keyboard) patch
# the source's picture to V1…V4, shift-alt-5…8 (alt-% ^ & *) its sound to A1…A4; the patched
# track again unpatches it. The track header shows the patch as ▸.
"alt-!" = "patch V1"
"alt-@" = "patch V2"
"alt-#" = "patch V3"
"alt-$" = "patch V4"
"alt-%" = "patch A1"
"alt-^" = "patch A2"
"alt-&" = "patch A3"
"alt-*" = "patch A4"
alt-0 = "select-tracks all"
# The chosen tracks (else the patched ones): alt-u mute, alt-o solo, alt-k sync lock, alt-g lock.
alt-u = "toggle-mute"
alt-o = "toggle-solo"
alt-k = "toggle-sync-lock"
alt-g = "toggle-lock"
alt-m = "marker-list"
# Proxies (termcut proxies makes them): the preview and scopes decode them, renders never.
alt-y = "proxy toggle"
# Speed (Premiere's Speed/Duration choices): alt-r reverse (-100%), alt-f freeze the first frame,
# alt-z slow motion at 50% with frame blending, alt-x back to 100%; other speeds through the palette.
alt-r = "speed -100"
alt-f = "speed freeze"
alt-z = "speed 50 blend=on"
alt-x = "speed 100"
# Subtitles on the picture (preview and render) on or off.
alt-t = "subtitles toggle"

[normal.d]
d = "extract"

[normal.g]
g = "home"
c = "grade-mode"

[normal.Z]
Z = "save; quit"
Q = "quit"

[trim]
space = "play-around"
h = "trim -1"
l = "trim +1"
H = "trim -10"
L = "trim +10"
"[" = "trim -1"
"]" = "trim +1"
"{" = "trim -10"
"}" = "trim +10"
tab = "trim-side cycle"
a = "trim-side a"
b = "trim-side b"
r = "trim-side both"
t = "trim-mode"
esc = "trim-mode"
# Avid: up/down go to the previous/next edit keeping the side; slip, slide, extend edit.
up = "trim-edit previous"
down = "trim-edit next"
"<" = "slip -1"
">" = "slip +1"
ctrl-left = "slide -1"
ctrl-right = "slide +1"
e = "extend"
# Overwrite (non-ripple) trim: the growing side overwrites its neighbour, the shrinking side leaves gap.
"(" = "overwrite-trim -1"
")" = "overwrite-trim +1"
# Edit points on other tracks at the same cut (alt-1…4 V1…V4, alt-5…8 A1…A4): each press cycles
# that track through A side, B side, roll and off, so sides can differ per track (asymmetric trim).
alt-1 = "trim-track V1"
alt-2 = "trim-track V2"
alt-3 = "trim-track V3"
alt-4 = "trim-track V4"
alt-5 = "trim-track A1"
alt-6 = "trim-track A2"
alt-7 = "trim-track A3"
alt-8 = "trim-track A4"

[grade]
# Grading mode (gc; again or esc leaves): the keyboard as a control surface, the scopes in view.
# Lift: 1 2 3 4 raise red, green, blue, master; q w e r lower them. Gamma: 5 6 7 8 / t y u i.
# Gain: 9 0 - = / o p [ ]. With alt, ten times the step: lift ±0.005 (alt ±0.05), gamma and gain
# ±0.01 (alt ±0.1); { and } stand for alt-[ and alt-], which terminals send as escape sequences.
# x bypasses to compare, backspace resets; c copies the grade, v pastes it on the clip, m proposes a
# match (grade-match: white balance and levels from neutral areas, one undo step),
# a adds an adjustment layer at the playhead; space, J/K/L and arrows work as in normal.
"1" = "grade-nudge lift r +0.005"
alt-1 = "grade-nudge lift r +0.05"
"2" = "grade-nudge lift g +0.005"
alt-2 = "grade-nudge lift g +0.05"
"3" = "grade-nudge lift b +0.005"
alt-3 = "grade-nudge lift b +0.05"
"4" = "grade-nudge lift m +0.005"
alt-4 = "grade-nudge lift m +0.05"
q = "grade-nudge lift r -0.005"
alt-q = "grade-nudge lift r -0.05"
w = "grade-nudge lift g -0.005"
alt-w = "grade-nudge lift g -0.05"
e = "grade-nudge lift b -0.005"
alt-e = "grade-nudge lift b -0.05"
r = "grade-nudge lift m -0.005"
alt-r = "grade-nudge lift m -0.05"
"5" = "grade-nudge gamma r +0.01"
alt-5 = "grade-nudge gamma r +0.1"
"6" = "grade-nudge gamma g +0.01"
alt-6 = "grade-nudge gamma g +0.1"
"7" = "grade-nudge gamma b +0.01"
alt-7 = "grade-nudge gamma b +0.1"
"8" = "grade-nudge gamma m +0.01"
alt-8 = "grade-nudge gamma m +0.1"
t = "grade-nudge gamma r -0.01"
alt-t = "grade-nudge gamma r -0.1"
y = "grade-nudge gamma g -0.01"
alt-y = "grade-nudge gamma g -0.1"
u = "grade-nudge gamma b -0.01"
alt-u = "grade-nudge gamma b -0.1"
i = "grade-nudge gamma m -0.01"
alt-i = "grade-nudge gamma m -0.1"
"9" = "grade-nudge gain r +0.01"
alt-9 = "grade-nudge gain r +0.1"
"0" = "grade-nudge gain g +0.01"
alt-0 = "grade-nudge gain g +0.1"
"-" = "grade-nudge gain b +0.01"
"alt--" = "grade-nudge gain b +0.1"
"=" = "grade-nudge gain m +0.01"
"alt-=" = "grade-nudge gain m +0.1"
o = "grade-nudge gain r -0.01"
alt-o = "grade-nudge gain r -0.1"
p = "grade-nudge gain g -0.01"
alt-p = "grade-nudge gain g -0.1"
"[" = "grade-nudge gain b -0.01"
"{" = "grade-nudge gain b -0.1"
"]" = "grade-nudge gain m -0.01"
"}" = "grade-nudge gain m -0.1"
x = "grade-bypass"
backspace = "grade-reset"
c = "grade-copy"
v = "grade-paste"
m = "grade-match"
a = "adjustment-add"
tab = "scope-next"
backtab = "scope-prev"
esc = "grade-mode"

[bins]
j = "bins-down"
k = "bins-up"
down = "bins-down"
up = "bins-up"
g = "bins-top"
G = "bins-bottom"
enter = "source {media}"
# h/l and the arrows keep stepping the source monitor with the bins focused; - and + close and open bins.
"-" = "bins-collapse"
"+" = "bins-expand"
"/" = "bins-search"
S = "bins-sort next"

[palette]
tab = "palette-complete"
up = "palette-history-prev"
down = "palette-history-next"
ctrl-p = "palette-history-prev"
ctrl-n = "palette-history-next"
enter = "palette-accept"
esc = "palette-cancel"

[help]
"?" = "help-close"
esc = "help-close"
q = "help-close"
j = "scroll-down"
k = "scroll-up"
down = "scroll-down"
up = "scroll-up"
ctrl-d = "page-down"
ctrl-u = "page-up"
pagedown = "page-down"
pageup = "page-up"

[alias]
q = "quit"
"q!" = "quit"
w = "save"
wq = "save; quit"
x = "save; quit"

"""#,
        "themes/16color.toml": #"""
# termcut for 8/16-colour terminals: only the ANSI colour names, so what you see
# is what the terminal's own palette makes of them.

"ui" = { fg = "default", bg = "default" }
"ui.border" = { fg = "bright-black" }
"ui.border.focused" = { fg = "cyan", modifiers = ["bold"] }
"ui.title" = { fg = "white" }
"ui.title.focused" = { fg = "cyan", modifiers = ["bold"] }
"ui.text.dim" = { fg = "bright-black" }
"ui.statusline" = { fg = "black", bg = "white" }
"ui.statusline.mode" = { fg = "black", bg = "cyan", modifiers = ["bold"] }
"ui.statusline.flag" = { fg = "black", bg = "yellow", modifiers = ["bold"] }
"ui.statusline.timecode" = { fg = "black", bg = "white", modifiers = ["bold"] }
"ui.message.info" = { fg = "default" }
"ui.message.error" = { fg = "red", modifiers = ["bold"] }
"ui.help" = { fg = "default", bg = "default" }
"ui.help.key" = { fg = "yellow", modifiers = ["bold"] }
"ui.help.title" = { fg = "cyan", modifiers = ["bold"] }
"ui.palette" = { fg = "default" }
"ui.palette.hint" = { fg = "bright-black" }
"ui.palette.completion" = { fg = "black", bg = "cyan" }
"ui.notice" = { fg = "yellow", modifiers = ["bold"] }

"bins.header" = { fg = "white", modifiers = ["underline"] }
"bins.bin" = { fg = "yellow", modifiers = ["bold"] }
"bins.row" = { fg = "default" }
"bins.row.selected" = { modifiers = ["reverse"] }
"bins.row.offline" = { fg = "red" }

"timeline.ruler" = { fg = "white" }
"timeline.ruler.label" = { fg = "bright-white" }
"timeline.track.header" = { fg = "black", bg = "white" }
"timeline.track.header.flag" = { fg = "black", bg = "yellow", modifiers = ["bold"] }
"timeline.clip.video" = { fg = "bright-white", bg = "blue" }
"timeline.clip.audio" = { fg = "black", bg = "green" }
"timeline.clip.selected" = { fg = "black", bg = "yellow", modifiers = ["bold"] }
"timeline.clip.offline" = { fg = "bright-white", bg = "red" }
"timeline.gap" = { fg = "bright-black" }
"timeline.transition" = { fg = "black", bg = "magenta" }
"timeline.marker" = { fg = "yellow", modifiers = ["bold"] }
"timeline.playhead" = { fg = "bright-white", bg = "red", modifiers = ["bold"] }
"timeline.inout" = { modifiers = ["underline"] }
"timeline.proposal" = { fg = "bright-white", bg = "red" }
"timeline.proposal.current" = { fg = "black", bg = "bright-red", modifiers = ["bold"] }

"ui.scope.trace" = { fg = "green" }
"ui.scope.trace.dim" = { fg = "green", modifiers = ["dim"] }
"ui.scope.trace.bright" = { fg = "bright-green" }
"ui.scope.red" = { fg = "red" }
"ui.scope.green" = { fg = "green" }
"ui.scope.blue" = { fg = "blue" }
"ui.scope.graticule" = { fg = "bright-black" }
"ui.scope.legal" = { fg = "yellow" }
"ui.scope.target" = { fg = "yellow", modifiers = ["bold"] }
"ui.scope.skin" = { fg = "magenta" }
"ui.scope.label" = { fg = "white" }
"ui.meter" = { fg = "green" }
"ui.meter.warn" = { fg = "yellow" }
"ui.meter.over" = { fg = "red" }
"ui.meter.hold" = { fg = "default", modifiers = ["bold"] }
"ui.meter.clip" = { fg = "black", bg = "red", modifiers = ["bold"] }

"""#,
        "themes/dark.toml": #"""
# termcut dark theme. Roles are dotted scopes: "ui.statusline.mode" falls back to
# "ui.statusline", then "ui". A role is "colour" (foreground only) or a table
# { fg, bg, modifiers = ["bold", "reverse", "underline", "dim", "italic"] }.
# Colours: "#rrggbb", ANSI names ("red", "bright-blue"), or a name from [palette].
# On terminals with fewer colours each colour is mapped to the nearest one they have.

"ui" = { fg = "text", bg = "base" }
"ui.border" = { fg = "overlay" }
"ui.border.focused" = { fg = "accent", modifiers = ["bold"] }
"ui.title" = { fg = "subtext" }
"ui.title.focused" = { fg = "accent", modifiers = ["bold"] }
"ui.text.dim" = { fg = "subtext" }
"ui.statusline" = { fg = "text", bg = "surface" }
"ui.statusline.mode" = { fg = "base", bg = "accent", modifiers = ["bold"] }
"ui.statusline.flag" = { fg = "base", bg = "peach", modifiers = ["bold"] }
"ui.statusline.timecode" = { fg = "yellow", bg = "surface", modifiers = ["bold"] }
"ui.message.info" = { fg = "text" }
"ui.message.error" = { fg = "red", modifiers = ["bold"] }
"ui.help" = { fg = "text", bg = "mantle" }
"ui.help.key" = { fg = "yellow", modifiers = ["bold"] }
"ui.help.title" = { fg = "accent", modifiers = ["bold"] }
"ui.palette" = { fg = "text", bg = "mantle" }
"ui.palette.hint" = { fg = "subtext" }
"ui.palette.completion" = { fg = "base", bg = "accent" }
"ui.notice" = { fg = "yellow", modifiers = ["bold"] }

"bins.header" = { fg = "subtext", modifiers = ["underline"] }
"bins.bin" = { fg = "peach", modifiers = ["bold"] }
"bins.row" = { fg = "text" }
"bins.row.selected" = { fg = "base", bg = "accent" }
"bins.row.offline" = { fg = "red" }

"timeline.ruler" = { fg = "subtext", bg = "mantle" }
"timeline.ruler.label" = { fg = "text", bg = "mantle" }
"timeline.track.header" = { fg = "text", bg = "surface" }
"timeline.track.header.flag" = { fg = "base", bg = "peach", modifiers = ["bold"] }
"timeline.clip.video" = { fg = "#e8ecff", bg = "#3a4f8a" }
"timeline.clip.audio" = { fg = "#e8ffe8", bg = "#2f6b45" }
"timeline.clip.selected" = { fg = "base", bg = "yellow", modifiers = ["bold"] }
"timeline.clip.offline" = { fg = "#ffffff", bg = "#8a2f3a" }
"timeline.gap" = { fg = "overlay" }
"timeline.transition" = { fg = "base", bg = "mauve" }
"timeline.marker" = { fg = "peach", modifiers = ["bold"] }
"timeline.playhead" = { fg = "base", bg = "red" }
"timeline.inout" = { bg = "#45475a" }
"timeline.proposal" = { fg = "#ffe8ec", bg = "#7a3344" }
"timeline.proposal.current" = { fg = "base", bg = "#f38ba8", modifiers = ["bold"] }

"ui.scope.trace" = { fg = "#7fd88f" }
"ui.scope.trace.dim" = { fg = "#3f7a4a" }
# Colour only, no bold: leaving bold resets every attribute on the terminal, and a trace
# mixes intensities cell by cell, so bold cost more bytes per frame step than the dots.
"ui.scope.trace.bright" = { fg = "#d8ffd8" }
"ui.scope.red" = { fg = "#f38ba8" }
"ui.scope.green" = { fg = "#a6e3a1" }
"ui.scope.blue" = { fg = "#89b4fa" }
"ui.scope.graticule" = { fg = "overlay" }
"ui.scope.legal" = { fg = "peach" }
"ui.scope.target" = { fg = "yellow" }
"ui.scope.skin" = { fg = "mauve" }
"ui.scope.label" = { fg = "subtext" }
"ui.meter" = { fg = "#a6e3a1" }
"ui.meter.warn" = { fg = "yellow" }
"ui.meter.over" = { fg = "red" }
"ui.meter.hold" = { fg = "text", modifiers = ["bold"] }
"ui.meter.clip" = { fg = "base", bg = "red", modifiers = ["bold"] }

[palette]
base = "#1e1e2e"
mantle = "#181825"
surface = "#313244"
overlay = "#6c7086"
text = "#cdd6f4"
subtext = "#a6adc8"
accent = "#89b4fa"
yellow = "#f9e2af"
peach = "#fab387"
red = "#f38ba8"
mauve = "#cba6f7"

"""#,
        "themes/high-contrast.toml": #"""
# termcut high-contrast theme: black and white with a few pure colours, bold
# borders, and selection shown by reversal as well as colour.
inherits = "dark"

"ui" = { fg = "white", bg = "black" }
"ui.border" = { fg = "white" }
"ui.border.focused" = { fg = "yellow", modifiers = ["bold"] }
"ui.title.focused" = { fg = "yellow", modifiers = ["bold", "underline"] }
"ui.statusline" = { fg = "black", bg = "white" }
"ui.statusline.mode" = { fg = "black", bg = "yellow", modifiers = ["bold"] }
"ui.statusline.timecode" = { fg = "black", bg = "white", modifiers = ["bold"] }
"ui.message.error" = { fg = "black", bg = "red", modifiers = ["bold"] }
"bins.row.selected" = { fg = "black", bg = "yellow", modifiers = ["bold"] }
"timeline.clip.video" = { fg = "white", bg = "blue" }
"timeline.clip.audio" = { fg = "black", bg = "green" }
"timeline.clip.selected" = { fg = "black", bg = "yellow", modifiers = ["bold", "underline"] }
"timeline.clip.offline" = { fg = "white", bg = "red", modifiers = ["bold"] }
"timeline.playhead" = { fg = "black", bg = "magenta", modifiers = ["bold"] }
"timeline.inout" = { modifiers = ["underline"] }

"ui.scope.trace" = { fg = "green" }
"ui.scope.trace.dim" = { fg = "green" }
"ui.scope.trace.bright" = { fg = "white" }
"ui.scope.red" = { fg = "red" }
"ui.scope.green" = { fg = "green" }
"ui.scope.blue" = { fg = "#5f87ff" }
"ui.scope.graticule" = { fg = "white" }
"ui.scope.legal" = { fg = "yellow", modifiers = ["bold"] }
"ui.meter.clip" = { fg = "black", bg = "red", modifiers = ["bold"] }

[palette]
base = "#000000"
mantle = "#000000"
surface = "#000000"
overlay = "#ffffff"
text = "#ffffff"
subtext = "#ffffff"
accent = "#00ffff"
yellow = "#ffff00"
peach = "#ffaf00"
red = "#ff0000"
mauve = "#ff00ff"
blue = "#0000ff"

"""#,
        "themes/light.toml": #"""
# termcut light theme: the dark theme's roles with a light palette.
inherits = "dark"

"timeline.clip.video" = { fg = "#1e2a4a", bg = "#b7c8f5" }
"timeline.clip.audio" = { fg = "#16331f", bg = "#b5e3c3" }
"timeline.clip.offline" = { fg = "#4a0d16", bg = "#f2b8c0" }
"timeline.inout" = { bg = "#dce0e8" }

"ui.scope.trace" = { fg = "#2f7a3f" }
"ui.scope.trace.dim" = { fg = "#8fbf98" }
"ui.scope.trace.bright" = { fg = "#0b3d16" }
"ui.scope.green" = { fg = "#40a02b" }
"ui.meter" = { fg = "#40a02b" }

[palette]
base = "#eff1f5"
mantle = "#e6e9ef"
surface = "#ccd0da"
overlay = "#9ca0b0"
text = "#4c4f69"
subtext = "#6c6f85"
accent = "#1e66f5"
yellow = "#df8e1d"
peach = "#fe640b"
red = "#d20f39"
mauve = "#8839ef"

"""#,
    ]
}
