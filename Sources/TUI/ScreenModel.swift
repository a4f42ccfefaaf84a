import TimelineModel

/// What the panes show, in display terms. The TUI never reads the editor's model
/// directly: `EditorBridge` (or a test) fills these from the editor state, and the
/// panes draw them. Frames are record frames at `TimelineView.rate`.
public struct ScreenModel: Equatable, Sendable {
    public var bins: [BinRow]
    public var timeline: TimelineView
    public var status: StatusView
    /// The scopes and meters, filled by the app's scopes feed (empty without one).
    public var scopes = ScopesView()
    /// The audio tracks as mixer strips.
    public var mixer: [MixerStrip] = []

    public init(bins: [BinRow] = [], timeline: TimelineView = TimelineView(), status: StatusView = StatusView()) {
        self.bins = bins
        self.timeline = timeline
        self.status = status
    }
}

/// One row of the bins pane: a bin (folder) or a piece of media in it.
public struct BinRow: Equatable, Sendable {
    /// A sequence row stands for one of the project's other sequences: enter opens it.
    public enum Kind: Equatable, Sendable { case bin, media, sequence }

    public var kind: Kind
    /// Nesting depth (a bin's media are one deeper than the bin).
    public var depth: Int
    public var name: String
    /// What `{media}` in a key binding becomes when this row is selected (the
    /// media's id or name as the editor's commands take it).
    public var reference: String
    public var duration: String
    public var size: String
    public var rate: String
    public var codec: String
    public var audio: String
    /// The source timecode of the media's first frame (Avid's Start column, Premiere's Media Start).
    public var start: String = ""
    public var offline: Bool
    /// Length in seconds and whether there is picture: what a filmstrip of the media needs.
    public var seconds: Double
    public var hasPicture: Bool
    /// For a subclip: the media its filmstrip decodes (the reference is the subclip's name,
    /// for `source {media}`) and where its range starts, in seconds from the media's start.
    public var pictureMedia: String?
    public var startSeconds: Double = 0
    /// For a bin of subclips of one media (a clip's scenes): each subclip's first frame, in
    /// seconds of `pictureMedia`, so the filmstrip shows one thumbnail per subclip.
    public var stills: [Double] = []

    public init(kind: Kind = .media, depth: Int = 0, name: String, reference: String? = nil, duration: String = "",
                size: String = "", rate: String = "", codec: String = "", audio: String = "", offline: Bool = false,
                seconds: Double = 0, hasPicture: Bool = false) {
        self.seconds = seconds
        self.hasPicture = hasPicture
        self.kind = kind
        self.depth = depth
        self.name = name
        self.reference = reference ?? name
        self.duration = duration
        self.size = size
        self.rate = rate
        self.codec = codec
        self.audio = audio
        self.offline = offline
    }

    public static func bin(_ name: String, depth: Int = 0) -> BinRow { BinRow(kind: .bin, depth: depth, name: name) }
}

/// A block on a track row: a clip, a gap or a transition, in record frames.
public struct ClipBlock: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case clip, gap, transition }

    public var kind: Kind
    public var recordStart: Int
    public var duration: Int
    public var label: String
    public var offline: Bool
    public var selected: Bool
    /// The clip's media (its id as the editor names it), for waveforms and thumbnails; nil for
    /// generated clips and clips with a speed (their waveform would not match the media's).
    public var media: String?
    /// The clip's first source frame (timeline rate, from the media's first frame).
    public var sourceStart: Int
    /// The clip's volume envelope, drawn over its waveform; nil at unity with no fades or keyframes.
    public var volume: VolumeLine? = nil
    /// The clip's id as commands name it (`c3`), for the palette's completion.
    public var clipID: String?

    public init(kind: Kind = .clip, recordStart: Int, duration: Int, label: String = "", offline: Bool = false,
                selected: Bool = false, media: String? = nil, sourceStart: Int = 0, clipID: String? = nil) {
        self.clipID = clipID
        self.kind = kind
        self.recordStart = recordStart
        self.duration = duration
        self.label = label
        self.offline = offline
        self.selected = selected
        self.media = media
        self.sourceStart = sourceStart
    }

    public var recordEnd: Int { recordStart + duration }
}

/// One track as the timeline pane draws it.
public struct TrackRow: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case video, audio }

    public var name: String
    public var kind: Kind
    public var locked: Bool
    public var muted: Bool
    public var solo: Bool
    /// Clips and gaps in record order; transitions are drawn over the cut they span.
    public var items: [ClipBlock]
    /// Chosen with the track selectors (razor, lift, extract act on it); false for every track
    /// when none is chosen, which means all.
    public var selected = false
    /// The source's picture or sound is patched to this track (where insert/overwrite land).
    public var target = false

    public init(name: String, kind: Kind, locked: Bool = false, muted: Bool = false, solo: Bool = false,
                items: [ClipBlock] = []) {
        self.name = name
        self.kind = kind
        self.locked = locked
        self.muted = muted
        self.solo = solo
        self.items = items
    }
}

public struct MarkerTick: Equatable, Sendable {
    public var frame: Int
    public var name: String
    /// The marker's colour by name (red, green…), and its note: for the marker list.
    public var colour: String
    public var note: String

    public init(frame: Int, name: String = "", colour: String = "red", note: String = "") {
        self.frame = frame
        self.name = name
        self.colour = colour
        self.note = note
    }
}

/// The sequence as the timeline pane draws it. Tracks are drawn in the order given:
/// the bridge puts video tracks top-down from the highest (V2 above V1), then audio.
public struct TimelineView: Equatable, Sendable {
    public var name: String
    public var rate: ViewRate
    public var tracks: [TrackRow]
    public var playhead: Int
    /// The in mark (first frame included).
    public var markIn: Int?
    /// The out mark (last frame included, as editors mark it).
    public var markOut: Int?
    public var markers: [MarkerTick]
    /// The record frames the tracks' items were taken from; nil when they hold every item.
    /// Building the model costs what is on screen, not what is in the sequence (a
    /// 10,000-clip list stalled LosslessCut, #2116), so the session asks for the visible
    /// range plus a margin and asks again when the view leaves it.
    public var window: Range<Int>?
    /// The length of the whole sequence when `tracks` hold only a window of it.
    public var sequenceDuration: Int?
    /// Record frames a detector proposes to cut (`detect-silences`), highlighted until accepted or cancelled.
    public var proposals: [Range<Int>] = []
    /// The proposal under review, drawn stronger.
    public var currentProposal: Int?

    public init(name: String = "Sequence", rate: ViewRate = ViewRate(numerator: 25, denominator: 1),
                tracks: [TrackRow] = [], playhead: Int = 0, markIn: Int? = nil, markOut: Int? = nil,
                markers: [MarkerTick] = [], window: Range<Int>? = nil, sequenceDuration: Int? = nil) {
        self.name = name
        self.rate = rate
        self.tracks = tracks
        self.playhead = playhead
        self.markIn = markIn
        self.markOut = markOut
        self.markers = markers
        self.window = window
        self.sequenceDuration = sequenceDuration
    }

    /// The end of the last item on any track.
    public var duration: Int {
        sequenceDuration ?? tracks.map { $0.items.map(\.recordEnd).max() ?? 0 }.max() ?? 0
    }

    /// Whether the tracks hold every item in `range` (always, when they hold them all).
    public func covers(_ range: Range<Int>) -> Bool {
        guard let window else { return true }
        return window.lowerBound <= max(0, range.lowerBound) && window.upperBound >= range.upperBound
    }
}

/// What part of the sequence the screen model should list, and at what scale: at zooms
/// where many items share a column only the ones the pane can draw are listed.
public struct TimelineWindow: Equatable, Sendable {
    /// Record frames to list items for.
    public var range: Range<Int>
    public var framesPerColumn: Int
    /// The first frame of a column (the view's left edge): columns start every
    /// `framesPerColumn` frames from here.
    public var columnOrigin: Int

    public init(range: Range<Int>, framesPerColumn: Int = 1, columnOrigin: Int = 0) {
        self.range = range
        self.framesPerColumn = max(1, framesPerColumn)
        self.columnOrigin = columnOrigin
    }

    /// The first frame of the column after the one showing `frame`.
    public func nextColumnStart(after frame: Int) -> Int {
        let offset = frame - columnOrigin
        let column = offset >= 0 ? offset / framesPerColumn : -((-offset + framesPerColumn - 1) / framesPerColumn)
        return columnOrigin + (column + 1) * framesPerColumn
    }
}

/// The state the status bar must always show (Shotcut #223: modes left on by
/// accident ruin work when they are invisible).
public struct StatusView: Equatable, Sendable {
    /// The editor's mode: "normal" or "trim"; picks the keymap table.
    public var mode: String
    /// "INSERT" or "OVERWRITE".
    public var editMode: String
    public var ripple: Bool
    /// "head", "tail", "roll"… or nil when no trim side is chosen.
    public var trimSide: String?
    /// Transport state such as "▶ 2x" or "" when stopped.
    public var transport: String
    public var projectName: String
    public var dirty: Bool
    /// In trim mode, the selected edit: how far each side has been trimmed since trim mode
    /// began and the source timecodes of the frames either side of the cut
    /// ("A 00:00:04:24 −3 | B 00:01:10:00 +0").
    public var trimDetail: String?
    /// The source monitor's media, marks and position while keys act on it
    /// ("SRC interview.mov [00:00:04:00–00:00:05:24] @00:00:04:12").
    public var source: String?
    /// A background job's progress ("render out.mp4 120/300 frames 40% 96.0 fps 3.20x ETA 0:02").
    public var job: String?
    /// Proposals under review: "5 silences → ripple-delete, 00:00:03:12 saved · 2/5".
    public var proposals: String?
    /// The grade of the clip seen under the playhead ("c3 grade: gain m1.1 sat 1.2").
    public var grade: String?
    /// Opened with --read-only (or the lock is another editor's): edits are refused.
    public var readOnly = false
    /// The preview and scopes decode proxies (`proxy on`): the bar says PROXY.
    public var proxy = false

    public init(mode: String = "normal", editMode: String = "INSERT", ripple: Bool = false, trimSide: String? = nil,
                transport: String = "", projectName: String = "", dirty: Bool = false) {
        self.mode = mode
        self.editMode = editMode
        self.ripple = ripple
        self.trimSide = trimSide
        self.transport = transport
        self.projectName = projectName
        self.dirty = dirty
    }
}

/// A frame rate for display: timecode text and labels (SMPTE 12M).
public struct ViewRate: Equatable, Sendable {
    public var numerator: Int
    public var denominator: Int
    /// Show drop-frame timecode (only meaningful at 30000/1001 and 60000/1001).
    public var dropFrame: Bool
    /// The timecode of frame 0 as a frame count (a sequence starting at 01:00:00:00).
    public var startTimecode: Int

    public init(numerator: Int, denominator: Int, dropFrame: Bool = false, startTimecode: Int = 0) {
        self.numerator = max(1, numerator)
        self.denominator = max(1, denominator)
        self.startTimecode = startTimecode
        self.dropFrame = dropFrame && denominator == 1001 && (numerator == 30000 || numerator == 60000)
    }

    /// Frames in a timecode second: 30 for 29.97, 24 for 23.976.
    public var timecodeBase: Int { (numerator + denominator / 2) / denominator }

    /// "25", "29.97", "23.976".
    public var label: String {
        if denominator == 1 { return "\(numerator)" }
        let milli = (numerator * 1000 + denominator / 2) / denominator
        var text = "\(milli / 1000).\(String(format3: milli % 1000))"
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `HH:MM:SS:FF`, or `HH:MM:SS;FF` in drop-frame: the model's SMPTE 12M timecode
    /// (`Timecode.format`), the one formatter in termcut, from the sequence's start timecode.
    public func timecode(_ frame: Int) -> String {
        Timecode.format(frame: Int64(frame + startTimecode), rate: Rate(Int64(numerator), Int64(denominator)),
                        dropFrame: dropFrame)
    }

    /// A length as `HH:MM:SS:FF` from zero (not from the start timecode), as editors show a
    /// marked duration.
    public func duration(_ frames: Int) -> String {
        Timecode.format(frame: Int64(frames), rate: Rate(Int64(numerator), Int64(denominator)), dropFrame: dropFrame)
    }
}

extension String {
    init(format3 n: Int) {
        self = n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)"
    }
}
