import TimelineModel

/// The source monitor: media loaded for marking before it is edited into the timeline.
public struct SourceMonitor: Hashable, Codable, Sendable {
    public var media: MediaID
    /// Source frames (timeline rate, from the media's first frame).
    public var position: Int64
    public var markIn: Int64?
    /// Inclusive, as editors mark outs.
    public var markOut: Int64?

    public init(media: MediaID, position: Int64 = 0, markIn: Int64? = nil, markOut: Int64? = nil) {
        self.media = media; self.position = position; self.markIn = markIn; self.markOut = markOut
    }
}

/// Which monitor keys such as mark-in act on, as in Avid's source/record toggle.
public enum Monitor: String, Codable, Sendable { case source, record }

/// Everything a command reads besides the project. It is written to the journal with each
/// command, so replaying a journal reproduces exactly what the user did.
public struct EditorContext: Hashable, Codable, Sendable {
    public var playhead: Int64 = 0
    public var monitor: Monitor = .record
    public var source: SourceMonitor?
    public var selectedClips: Set<ClipID> = []
    public var editPoints: [EditPoint] = []
    /// Track patching: where the source's picture and sound go.
    public var videoTarget: Int? = 0
    public var audioTarget: Int? = 1
    /// Track selectors: the tracks razor, lift and extract act on. Empty means every track.
    public var selectedTracks: Set<Int> = []
    public var placement: PlacementMode = .insert
    public var snapping: Bool = true
    public var trimMode: Bool = false
    /// Grading mode (`grade-mode`): the keymap's `[grade]` keys nudge the grade and the scopes
    /// show. Optional so journals written before it still decode; read it as `grading`.
    public var gradeMode: Bool?
    /// The marks and position each media had when it last left the source monitor, by media
    /// id, so reloading a clip brings its marks back (as Avid and Premiere keep them). Optional
    /// so journals written before it still decode.
    public var sourceMarks: [String: SourceMonitor]?

    public init() {}

    public var grading: Bool {
        get { gradeMode ?? false }
        set { gradeMode = newValue ? true : nil }
    }

    /// Loads media into the source monitor with the marks it had when last loaded; the media
    /// leaving the monitor keeps its own for later.
    public mutating func loadSource(_ media: MediaID) {
        if let current = source {
            sourceMarks = (sourceMarks ?? [:]).merging([current.media.rawValue: current]) { $1 }
        }
        source = sourceMarks?[media.rawValue] ?? SourceMonitor(media: media)
    }
}

/// The one source of truth: panes draw it, commands change it.
public struct EditorState: Sendable {
    public var project: Project
    public var context: EditorContext

    public init(project: Project, context: EditorContext = EditorContext()) {
        self.project = project
        self.context = context
    }

    public var timeline: Timeline {
        get { project.timeline }
        set { project.timeline = newValue }
    }
}

extension EditorContext {
    /// The first number that is out of range (a journal line from outside can hold anything).
    public var outOfRangeProblem: String? {
        var values: [(String, Int64)] = [("playhead", playhead)]
        if let s = source {
            values.append(("source position", s.position))
            if let i = s.markIn { values.append(("source mark in", i)) }
            if let o = s.markOut { values.append(("source mark out", o)) }
        }
        for remembered in (sourceMarks ?? [:]).values {
            values.append(("source position", remembered.position))
            if let i = remembered.markIn { values.append(("source mark in", i)) }
            if let o = remembered.markOut { values.append(("source mark out", o)) }
        }
        values += editPoints.map { ("edit point", $0.frame) }
        for (what, v) in values where abs(v) > TimeLimits.maxDerivedFrames || v == Int64.min {
            return "\(what) \(v) is out of range (at most ±\(TimeLimits.maxDerivedFrames) frames)"
        }
        let indices = [videoTarget, audioTarget].compactMap { $0 } + Array(selectedTracks) + editPoints.map(\.track)
        if let bad = indices.first(where: { $0 < 0 || $0 > 10_000 }) { return "track number \(bad) is out of range" }
        return nil
    }
}
