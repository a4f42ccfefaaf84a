import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back the way the shell left it on every way out: normal exit
/// (`atexit`), thrown errors (`NcursesScreen.close` in a `defer`), and signals.
/// Handlers are installed before ncurses starts so ncurses keeps its own away from
/// them; SIGWINCH and SIGTSTP are left to ncurses (it turns them into KEY_RESIZE and
/// a clean suspend).
enum TerminalRestore {
    /// Signals that end the program: restore, then die of the same signal so the
    /// shell sees the usual status. Crashes (a Swift trap is SIGILL or SIGTRAP) go the
    /// same way, so a crash report lands on a sane terminal.
    static let fatalSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV]

    static func install() {
        for signalNumber in fatalSignals {
            signal(signalNumber) { received in
                // endwin is not on POSIX's async-signal-safe list, but the process is about to
                // die and a terminal left in raw mode without echo is the worse outcome.
                if tc_stdscr() != nil && !isendwin() { endwin() }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
        atexit {
            if tc_stdscr() != nil && !isendwin() { endwin() }
        }
    }

    static func uninstall() {
        for signalNumber in fatalSignals { signal(signalNumber, SIG_DFL) }
    }
}
