/// A sequence: tracks laid against one record clock at one rate.
///
/// Track order is the stacking order editors see: `tracks` holds video tracks V1, V2… and audio
/// tracks A1, A2…; the highest enabled video clip at a frame is the picture.
public struct Timeline: Hashable, Codable, Sendable {
    public var name: String
    public var rate: Rate
    public var dropFrame: Bool
    /// Record timecode of frame 0, in frames (01:00:00:00 is customary).
    public var startTimecode: Int64
    public var tracks: [Track]
    public var markers: [Marker]
    /// Record in and out marks (out is inclusive of the frame it names, as in every NLE; stored as a frame number).
    public var markIn: Int64?
    public var markOut: Int64?
    /// Next id for clips and links: ids are never reused, so replaying commands gives the same ids.
    public var nextID: Int64
    /// The picture size the sequence is made at; nil: that of its first video clip's media
    /// (projects from before sequence settings). See `SequenceSettings`.
    public var frameSize: FrameSize?
    /// Whether the rate, size and start timecode were given (`new-sequence`, `sequence-settings`,
    /// an import) or taken from the first clip; while false, the first clip edited into the empty
    /// sequence sets them, as Premiere does. Saved only when true.
    public var settingsChosen: Bool
    /// Whether the subtitle tracks are drawn over the picture in the preview and the render
    /// (`subtitles on|off`), and how; nil is off with the default style.
    public var subtitleDisplay: SubtitleDisplay?
    /// The limiter on the master bus; nil: none. Saved only when set.
    public var masterLimiter: MasterLimiter?
    /// How edited-in sound channels land on tracks; nil: stereo (one clip). Saved only when set.
    public var audioMapping: AudioMapping?

    public init(name: String = "Sequence 1", rate: Rate = .fps30, dropFrame: Bool = false, startTimecode: Int64? = nil,
                tracks: [Track]? = nil, markers: [Marker] = []) {
        self.name = name
        self.rate = rate
        self.dropFrame = dropFrame && rate.supportsDropFrame
        self.startTimecode = startTimecode ?? 3600 * rate.timecodeBase
        self.tracks = tracks ?? [Track(kind: .video, name: "V1"), Track(kind: .audio, name: "A1"), Track(kind: .audio, name: "A2")]
        self.markers = markers
        self.markIn = nil
        self.markOut = nil
        self.nextID = 1
        self.frameSize = nil
        self.settingsChosen = false
        self.masterLimiter = nil
        self.audioMapping = nil
    }

    /// The record length: the end of the longest track.
    public var duration: Int64 { tracks.map(\.duration).max() ?? 0 }

    public func trackIndex(named name: String) -> Int? {
        tracks.firstIndex { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    public var videoTracks: [Int] { tracks.indices.filter { tracks[$0].kind == .video } }
    public var audioTracks: [Int] { tracks.indices.filter { tracks[$0].kind == .audio } }

    /// Takes the next id for a new clip or link.
    public mutating func allocateID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }

    /// Where a clip is: track index, item index and record range.
    /// O(tracks × chunks) set probes plus one chunk scan, not a visit to every item.
    public func find(_ id: ClipID) -> (track: Int, item: Int, record: FrameRange)? {
        for t in tracks.indices {
            guard let i = tracks[t].items.index(ofClip: id), case .clip(let c) = tracks[t].items[i] else { continue }
            return (t, i, FrameRange(start: tracks[t].items.startFrame(ofItemAt: i), duration: c.duration))
        }
        return nil
    }

    enum CodingKeys: String, CodingKey { case name, rate, dropFrame, startTimecode, tracks, markers, markIn, markOut, nextID, frameSize, settingsChosen, subtitleDisplay, masterLimiter, audioMapping }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        rate = try c.decode(Rate.self, forKey: .rate)
        dropFrame = try c.decodeIfPresent(Bool.self, forKey: .dropFrame) ?? false
        startTimecode = try c.decodeIfPresent(Int64.self, forKey: .startTimecode) ?? 0
        tracks = try c.decode([Track].self, forKey: .tracks)
        markers = try c.decodeIfPresent([Marker].self, forKey: .markers) ?? []
        markIn = try c.decodeIfPresent(Int64.self, forKey: .markIn)
        markOut = try c.decodeIfPresent(Int64.self, forKey: .markOut)
        nextID = try c.decodeIfPresent(Int64.self, forKey: .nextID) ?? 1
        frameSize = try c.decodeIfPresent(FrameSize.self, forKey: .frameSize)
        settingsChosen = try c.decodeIfPresent(Bool.self, forKey: .settingsChosen) ?? false
        subtitleDisplay = try c.decodeIfPresent(SubtitleDisplay.self, forKey: .subtitleDisplay)
        masterLimiter = try c.decodeIfPresent(MasterLimiter.self, forKey: .masterLimiter)
        audioMapping = try c.decodeIfPresent(AudioMapping.self, forKey: .audioMapping)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(rate, forKey: .rate)
        try c.encode(dropFrame, forKey: .dropFrame)
        try c.encode(startTimecode, forKey: .startTimecode)
        try c.encode(tracks, forKey: .tracks)
        try c.encode(markers, forKey: .markers)
        try c.encodeIfPresent(markIn, forKey: .markIn)
        try c.encodeIfPresent(markOut, forKey: .markOut)
        try c.encode(nextID, forKey: .nextID)
        // New optional fields: absent in older projects, written only when set.
        try c.encodeIfPresent(frameSize, forKey: .frameSize)
        if settingsChosen { try c.encode(settingsChosen, forKey: .settingsChosen) }
        try c.encodeIfPresent(subtitleDisplay, forKey: .subtitleDisplay)
        try c.encodeIfPresent(masterLimiter, forKey: .masterLimiter)
        try c.encodeIfPresent(audioMapping, forKey: .audioMapping)
    }
}
