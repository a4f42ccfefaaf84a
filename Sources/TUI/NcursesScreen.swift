import CNcurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum TUIError: Error, CustomStringConvertible {
    case notATerminal
    case terminalUnusable(String)

    public var description: String {
        switch self {
        case .notATerminal: return "termcut's editor needs a terminal: standard input or output is not one (use `termcut run SCRIPT` for scripts)"
        case .terminalUnusable(let term): return "cannot drive the terminal \"\(term)\": the editor needs a terminal with cursor movement (set TERM to one this system's terminfo knows, such as xterm-256color); for scripts use `termcut run PROJECT SCRIPT`"
        }
    }
}

/// What the terminal sent.
public enum InputEvent: Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    case mouse(MouseEvent)
}

/// The ncurses screen: set up in `open`, restored in `close` (and by
/// `TerminalRestore` on signals). Main thread only, like all of ncurses.
@MainActor
public final class NcursesScreen {
    private var closed = false
    public let isUTF8: Bool

    private init(isUTF8: Bool) {
        self.isUTF8 = isUTF8
    }

    /// Starts ncurses: locale from the environment (so wide characters work), raw
    /// input (ctrl-z, ctrl-s and ctrl-c reach the keymap instead of the tty driver),
    /// no echo, keypad keys decoded, a 25 ms ESCDELAY so esc answers at once.
    public static func open(mouse: Bool) throws -> NcursesScreen {
        guard isatty(0) != 0, isatty(1) != 0 else { throw TUIError.notATerminal }
        setlocale(LC_ALL, "")
        let codeset = String(cString: tc_codeset()).uppercased().replacingOccurrences(of: "-", with: "")
        TerminalRestore.install()
        set_escdelay(25)
        // A terminal without cursor addressing would take edits while showing nothing of them.
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !["", "dumb", "unknown"].contains(term), tc_newterm() != nil else {
            TerminalRestore.uninstall()
            throw TUIError.terminalUnusable(ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        let screen = NcursesScreen(isUTF8: codeset == "UTF8")
        raw()
        noecho()
        nonl()
        keypad(tc_stdscr(), true)
        intrflush(tc_stdscr(), false)
        leaveok(tc_stdscr(), false)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        if mouse {
            mousemask(tc_all_mouse_events(), nil)
            mouseinterval(0)
        }
        return screen
    }

    /// Restores the terminal. Safe to call twice.
    public func close() {
        guard !closed else { return }
        closed = true
        curs_set(1)
        endwin()
        TerminalRestore.uninstall()
    }

    public var width: Int { Int(tc_cols()) }
    public var height: Int { Int(tc_lines()) }
    public var colors: Int { has_colors() ? Int(tc_colors()) : 0 }
    public var colorPairs: Int { Int(tc_color_pairs()) }
    /// True colour is possible when the terminfo entry is direct-colour (COLORS is
    /// 2^24) or the palette can be redefined (init_extended_color).
    public var canShowRGB: Bool { colors >= 0x1000000 || (can_change_color() && colors >= 256) }

    /// ECH with background colour erase, and REP, as the terminfo entry lists them (tmux's and
    /// screen's entries list neither).
    public var encoderCapabilities: TerminalEncoder.Capabilities {
        func has(_ name: String) -> Bool {
            guard let value = name.withCString({ tigetstr($0) }) else { return false }
            return Int(bitPattern: value) != -1
        }
        let bce = "bce".withCString { tigetflag($0) } > 0
        return TerminalEncoder.Capabilities(erase: bce && has("ech"), repeat: has("rep"))
    }

    /// Erases the screen at once, so the next frame is drawn in full. At once, because with
    /// `DirectBackend` nothing else calls refresh: a pending clear would fire inside the next
    /// key read and wipe the frame drawn in between.
    public func clearAll() {
        clear()
        refresh()
    }

    /// Waits up to `timeoutMilliseconds` for input; nil on timeout.
    public func readEvent(timeoutMilliseconds: Int32) -> InputEvent? {
        timeout(timeoutMilliseconds)
        var character: wint_t = 0
        let status = tc_wget_wch(tc_stdscr(), &character)
        if status == tc_err() { return nil }
        if status == tc_key_code_yes() {
            let code = Int32(character)
            if code == tc_key_resize() { return .resize(width: width, height: height) }
            if code == tc_key_mouse() { return mouseEvent() }
            return KeyDecoder.functionKey(code).map(InputEvent.key)
        }
        let value = UInt32(character)
        if value == 27 {
            // Esc, or alt-x sent as ESC x: anything already waiting is the alt key.
            timeout(0)
            var next: wint_t = 0
            if tc_wget_wch(tc_stdscr(), &next) == tc_ok(), let key = KeyDecoder.character(UInt32(next)) {
                var alt = key
                alt.modifiers.insert(.alt)
                return .key(alt)
            }
            return .key(.named("esc"))
        }
        return KeyDecoder.character(value).map(InputEvent.key)
    }

    private func mouseEvent() -> InputEvent? {
        var event = MEVENT()
        guard getmouse(&event) == tc_ok() else { return nil }
        let kind: MouseEvent.Kind
        if event.bstate & tc_button4_pressed() != 0 { kind = .scrollUp }
        else if event.bstate & tc_button5_pressed() != 0 { kind = .scrollDown }
        else if event.bstate & (tc_button1_pressed() | tc_button1_clicked()) != 0 { kind = .press }
        else { return nil }
        return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), kind: kind))
    }
}

/// ncurses key codes and control characters → `Key`.
enum KeyDecoder {
    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .named("tab")
        case 10, 13: return .named("enter")
        case 27: return .named("esc")
        case 8, 127: return .named("backspace")
        case 0: return .char(" ", .ctrl)
        case 1 ... 26: return .char(Character(Unicode.Scalar(value + 96)!), .ctrl)
        case 28: return .char("\\", .ctrl)
        case 29: return .char("]", .ctrl)
        case 30: return .char("^", .ctrl)
        case 31: return .char("_", .ctrl)
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_LEFT: return .named("left")
        case KEY_RIGHT: return .named("right")
        case KEY_UP: return .named("up")
        case KEY_DOWN: return .named("down")
        case KEY_SLEFT: return .named("left", .shift)
        case KEY_SRIGHT: return .named("right", .shift)
        case KEY_SR: return .named("up", .shift)
        case KEY_SF: return .named("down", .shift)
        case KEY_HOME: return .named("home")
        case KEY_END: return .named("end")
        case KEY_SHOME: return .named("home", .shift)
        case KEY_SEND: return .named("end", .shift)
        case KEY_PPAGE: return .named("pageup")
        case KEY_NPAGE: return .named("pagedown")
        case KEY_DC: return .named("delete")
        case KEY_SDC: return .named("delete", .shift)
        case KEY_IC: return .named("insert")
        case KEY_BACKSPACE: return .named("backspace")
        case KEY_ENTER: return .named("enter")
        case KEY_BTAB: return .named("backtab")
        default:
            let f0 = tc_key_f(0)
            if code > f0, code <= f0 + 12 { return .named("f\(code - f0)") }
            if code > f0 + 12, code <= f0 + 24 { return .named("f\(code - f0 - 12)", .shift) }
            guard let name = keyname(code) else { return nil }
            return extendedKey(String(cString: name))
        }
    }

    /// xterm's modified keys as terminfo names them: `kLFT5` is ctrl-left. The digit is
    /// 1 + (shift 1, alt 2, ctrl 4).
    static func extendedKey(_ name: String) -> Key? {
        let bases = ["kLFT": "left", "kRIT": "right", "kUP": "up", "kDN": "down", "kHOM": "home", "kEND": "end",
                     "kDC": "delete", "kIC": "insert", "kNXT": "pagedown", "kPRV": "pageup"]
        for (prefix, base) in bases where name.hasPrefix(prefix) {
            guard let digit = Int(name.dropFirst(prefix.count)), digit >= 2, digit <= 8 else { continue }
            let bits = digit - 1
            var modifiers: Key.Modifiers = []
            if bits & 1 != 0 { modifiers.insert(.shift) }
            if bits & 2 != 0 { modifiers.insert(.alt) }
            if bits & 4 != 0 { modifiers.insert(.ctrl) }
            return .named(base, modifiers)
        }
        return nil
    }
}
