import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A starting gate for the lock-race tests: with `TERMCUT_START_GATE=FILE`, `termcut open` and
/// `termcut run` wait for a shared `flock` on FILE just before they take the project's lock. A
/// test holds FILE exclusively, starts editors and scripts, waits until every one is blocked
/// here, and lets go: they all reach the lock in the same instant, whatever their start-up cost.
/// Without the variable (every real use) this does nothing.
public enum StartGate {
    public static func pass() {
        guard let path = ProcessInfo.processInfo.environment["TERMCUT_START_GATE"], !path.isEmpty else { return }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        while flock(fd, LOCK_SH) != 0 && errno == EINTR {}
        close(fd)
    }
}
