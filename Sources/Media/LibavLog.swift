import CFFmpeg
import Foundation

/// libav writes its diagnostics to stderr by default, which would tear the editor's
/// screen and clutter `termcut probe` output. Instead we keep the last error lines,
/// tagged with the thread that logged them, so a failure can quote libav's own words
/// ("moov atom not found") in the message the user sees.
///
/// Set `TERMCUT_LIBAV_LOG=1` to also see every warning and error on stderr.
enum LibavLog {
    struct Line {
        var sequence: Int
        var thread: pthread_t
        var text: String
    }

    struct Buffer {
        var lines: [Line] = []
        var nextSequence = 0
    }

    static let buffer = Locked(Buffer())
    static let echo = ProcessInfo.processInfo.environment["TERMCUT_LIBAV_LOG"] != nil

    private static let installation: Bool = {
        av_log_set_callback { _, level, format, arguments in
            guard level <= AV_LOG_WARNING, let format, let arguments else { return }
            guard level <= AV_LOG_ERROR || LibavLog.echo else { return }
            var text = [CChar](repeating: 0, count: 1024)
            _ = vsnprintf(&text, text.count, format, arguments)
            let line = cString(text).trimmingCharacters(in: .whitespacesAndNewlines)
            if !line.isEmpty { LibavLog.record(level: level, text: line) }
        }
        return true
    }()

    /// Routes libav's log through us. Idempotent; every entry point that opens a file calls it.
    static func install() {
        _ = installation
    }

    /// A marker to pass to `errors(since:)` after a libav call fails.
    static func mark() -> Int {
        install()
        return buffer.withLock { $0.nextSequence }
    }

    /// Error lines this thread logged since `mark`, oldest first, de-duplicated.
    static func errors(since mark: Int) -> [String] {
        let me = pthread_self()
        var seen = Set<String>()
        return buffer.withLock { buffer in
            buffer.lines.filter { $0.sequence >= mark && pthread_equal($0.thread, me) != 0 }
                .map(\.text)
                .filter { seen.insert($0).inserted }
        }
    }

    static func record(level: Int32, text: String) {
        if echo { FileHandle.standardError.write(Data("libav: \(text)\n".utf8)) }
        guard level <= AV_LOG_ERROR else { return }
        let me = pthread_self()
        buffer.withLock { buffer in
            buffer.lines.append(Line(sequence: buffer.nextSequence, thread: me, text: text))
            buffer.nextSequence += 1
            if buffer.lines.count > 64 { buffer.lines.removeFirst(buffer.lines.count - 64) }
        }
    }
}

/// libav's text for an error code, e.g. "Invalid data found when processing input".
func libavErrorText(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: Int(AV_ERROR_MAX_STRING_SIZE) + 1)
    _ = tc_err2str(code, &buffer, buffer.count)
    return cString(buffer)
}

/// A Swift string from a NUL-terminated C character buffer.
func cString(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}

/// A Swift string from a borrowed C string that libav owns, or `nil`.
func cString(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}
