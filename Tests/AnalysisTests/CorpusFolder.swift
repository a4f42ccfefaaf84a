import Foundation
import XCTest

/// The shared test corpus (/work/shared/corpus, or TERMCUT_CORPUS) is optional: a clone without
/// it skips the tests that read it. This is the one place such a test may skip; a missing
/// reference tool (ffmpeg, the OTIO venv, tmux) fails instead, and is checked elsewhere.
enum CorpusFolder {
    /// `file` when it is there; skips the calling test when it is not (the corpus is absent).
    @discardableResult
    static func require(_ file: URL) throws -> URL {
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw XCTSkip("corpus file \(file.path) not found (the shared corpus is absent; set TERMCUT_CORPUS)")
        }
        return file
    }

    /// `files` when some were found; skips the calling test when none were (the corpus is absent).
    static func require(_ files: [URL], under root: URL) throws -> [URL] {
        if files.isEmpty { throw XCTSkip("no corpus at \(root.path) (set TERMCUT_CORPUS)") }
        return files
    }

    /// The corpus's media folder: `$TERMCUT_CORPUS/media`, else `../shared/corpus/media` beside the repository.
    static var media: URL {
        if let root = ProcessInfo.processInfo.environment["TERMCUT_CORPUS"] {
            return URL(fileURLWithPath: root).appendingPathComponent("media")
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/corpus/media").standardizedFileURL
    }
}
