import Foundation
import TimelineModel

/// Something an importer or exporter could not carry over exactly, said so a user can act on it.
///
/// Problems never stop a read: the list is read as far as a real editor would read it, and each
/// thing skipped, rounded or guessed is one problem, with the line it came from when there is one.
public struct InterchangeProblem: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the input, when the problem belongs to one.
    public var line: Int?
    public var message: String

    public init(line: Int? = nil, _ message: String) {
        self.line = line
        self.message = message
    }

    /// "line 42: event 12: source duration 00:00:05:00 disagrees with record duration 00:00:04:12; using record"
    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}

/// A project read from an interchange file, with everything that could not be read exactly.
public struct ImportResult: Sendable {
    public var project: Project
    public var problems: [InterchangeProblem]

    public init(project: Project, problems: [InterchangeProblem]) {
        self.project = project
        self.problems = problems
    }
}

/// Text written for another tool, with what the format could not hold.
public struct ExportResult: Sendable {
    public var text: String
    public var problems: [InterchangeProblem]

    public init(text: String, problems: [InterchangeProblem]) {
        self.text = text
        self.problems = problems
    }
}

/// Input that is not the format at all (not JSON, not an EDL, not subtitles). Anything less
/// broken is read as far as possible and reported through `InterchangeProblem`s instead.
public enum InterchangeError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file is not JSON (or nests deeper than a reader may follow).
    case notJSON(file: String, line: Int, reason: String)
    /// JSON, but not an OpenTimelineIO document.
    case notOTIO(file: String, reason: String)
    /// Not a CMX 3600 edit decision list.
    case notEDL(file: String, reason: String)
    /// Not SubRip subtitles.
    case notSRT(file: String, reason: String)

    public var description: String {
        switch self {
        case let .notJSON(file, line, reason): return "\(file): line \(line): not JSON: \(reason)"
        case let .notOTIO(file, reason): return "\(file): not an OpenTimelineIO file: \(reason)"
        case let .notEDL(file, reason): return "\(file): not a CMX 3600 EDL: \(reason)"
        case let .notSRT(file, reason): return "\(file): not SubRip subtitles: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
