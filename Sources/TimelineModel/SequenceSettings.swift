/// A picture size in pixels.
public struct FrameSize: Hashable, Codable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }

    /// "1920x1080" (also `1920×1080`); nil unless both sides are 2…16384.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" })
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (2...16384).contains(w), (2...16384).contains(h) else { return nil }
        self.init(width: w, height: h)
    }

    public var description: String { "\(width)x\(height)" }
}

/// A sequence's rate, picture size and start timecode: set when it is made, from its first clip
/// (as Premiere does when a clip is dropped on an empty new sequence) or given by the editor.
///
/// Changing the rate of a sequence that holds clips is refused, as Resolve refuses it: every
/// record position and every source range is counted in the sequence's frames, and re-counting
/// them at another rate would move cuts by fractions of a frame. An empty sequence changes rate
/// freely; its marks and markers keep their instants (rounded to the nearest new frame).
public struct SequenceSettings: Hashable, Sendable {
    public var rate: Rate?
    public var dropFrame: Bool?
    public var frameSize: FrameSize?
    /// Record timecode of the first frame, in frames at the (new) rate.
    public var startTimecode: Int64?

    public init(rate: Rate? = nil, dropFrame: Bool? = nil, frameSize: FrameSize? = nil, startTimecode: Int64? = nil) {
        self.rate = rate; self.dropFrame = dropFrame; self.frameSize = frameSize; self.startTimecode = startTimecode
    }

    /// The settings a clip's media gives an empty sequence: its video rate and size (as shown on
    /// square pixels: anamorphic 720x576 16:9 makes a 1024x576 sequence, as Resolve's square-pixel
    /// timelines do, rather than a 720x576 one it would be letterboxed into); drop-frame at 29.97
    /// and 59.94 as the file counts its timecode, else by the broadcast convention Premiere
    /// follows (drop-frame). Nil for sound-only media.
    public static func from(_ media: MediaReference) -> SequenceSettings? {
        guard let video = media.video, video.width > 0, video.height > 0 else { return nil }
        let size = video.displaySize
        return SequenceSettings(rate: video.rate, dropFrame: video.rate.supportsDropFrame && (media.timecodeDropFrame ?? true),
                                frameSize: FrameSize(width: size.width, height: size.height))
    }
}

extension Timeline {
    /// Whether any track holds a clip (gaps alone do not count).
    public var hasClips: Bool { tracks.contains { !$0.clips.isEmpty } }

    /// The sequence's picture size: as set, else 1920x1080.
    public var effectiveFrameSize: FrameSize { frameSize ?? FrameSize(width: 1920, height: 1080) }

    /// Applies `settings` (nil fields stay) and marks the settings as chosen. A rate change on a
    /// sequence holding clips is refused (see `SequenceSettings`); on an empty one the start
    /// timecode keeps its label when it was the customary hour (01:00:00:00) and its instant
    /// otherwise, and marks and markers keep their instants.
    public mutating func apply(_ settings: SequenceSettings) throws(EditError) {
        // The customary hour is kept as a label across a change of rate or of drop-frame
        // counting: 01:00:00:00 at 30 is 108000 frames, 01:00:00;00 at 29.97 drop-frame 107892.
        let wasHour = Timecode.format(frame: startTimecode, rate: rate, dropFrame: dropFrame)
            .replacingOccurrences(of: ";", with: ":") == "01:00:00:00"
        if let newRate = settings.rate, newRate != rate {
            guard !hasClips else {
                throw EditError(.invalidArgument, "the sequence holds clips at \(rate) fps; its rate cannot change (as in Resolve): make a new project, or remove the clips first")
            }
            let old = rate
            func moved(_ f: Int64) -> Int64 { RationalTime(f, old).rescaled(to: newRate, rounding: .nearest).value }
            if settings.startTimecode == nil && !wasHour { startTimecode = moved(startTimecode) }
            markIn = markIn.map(moved)
            markOut = markOut.map(moved)
            markers = markers.map { var m = $0; m.frame = moved(m.frame); m.duration = moved(m.duration); return m }
            rate = newRate
            // Empty tracks may still hold gaps: re-count them too, so the timeline stays consistent.
            for t in tracks.indices where tracks[t].clips.isEmpty {
                tracks[t].items = ItemList(tracks[t].items.map { item in
                    if case .gap(let d) = item { return .gap(max(1, moved(d))) }
                    return item
                })
            }
        }
        if let df = settings.dropFrame { dropFrame = df && rate.supportsDropFrame }
        if settings.rate != nil, settings.dropFrame == nil { dropFrame = dropFrame && rate.supportsDropFrame }
        if settings.startTimecode == nil && wasHour {
            startTimecode = (try? Timecode.parse("01:00:00:00", rate: rate, dropFrame: dropFrame)) ?? 3600 * rate.timecodeBase
        }
        if let size = settings.frameSize { frameSize = size }
        if let start = settings.startTimecode {
            guard start >= 0, start < 24 * 3600 * rate.timecodeBase else {
                throw EditError(.invalidArgument, "start timecode must lie within a day (00:00:00:00 to 23:59:59:xx)")
            }
            startTimecode = start
        }
        settingsChosen = true
    }

    /// The rate, size and start timecode as one line: "25 fps 1920x1080 start 01:00:00:00".
    public var settingsText: String {
        let size = frameSize.map(\.description) ?? "size of the first clip"
        return "\(rate) fps\(dropFrame ? " drop-frame" : "") \(size) start \(Timecode.format(frame: startTimecode, rate: rate, dropFrame: dropFrame))"
    }
}
