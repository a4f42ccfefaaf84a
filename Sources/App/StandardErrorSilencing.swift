import Editor
import Foundation
import Media
import TimelineModel
import Playback
import TUI

/// Runs `body` with file descriptor 2 pointed at /dev/null, then puts it back.
public func withStandardErrorSilenced<T>(_ body: () -> T) -> T {
    let saved = dup(STDERR_FILENO)
    let null = open("/dev/null", O_WRONLY)
    if saved >= 0 && null >= 0 { dup2(null, STDERR_FILENO) }
    defer {
        if saved >= 0 { dup2(saved, STDERR_FILENO); close(saved) }
        if null >= 0 { close(null) }
    }
    return body()
}
