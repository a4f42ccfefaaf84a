/// Picture or sound.
public enum TrackKind: String, Codable, Sendable, CaseIterable {
    case video, audio, subtitle

    /// "V", "A" or "S", as editors name tracks V1, A2, S1.
    public var letter: String {
        switch self {
        case .video: return "V"
        case .audio: return "A"
        case .subtitle: return "S"
        }
    }
}

/// One row of the timeline: items laid end to end from record frame 0.
public struct Track: Hashable, Codable, Sendable {
    public var kind: TrackKind
    public var name: String
    public var items: ItemList
    public var locked: Bool
    public var muted: Bool
    public var solo: Bool
    public var hidden: Bool
    /// Sync-locked tracks take part in ripple edits made on other tracks, so linked sound stays in sync (Avid's sync lock).
    public var syncLocked: Bool
    public var volumeDB: Double
    public var pan: Double
    /// Fader automation on an audio track, at record frames, applied after clip gain and
    /// the clip's own keyframes (on top of `volumeDB`); sorted by frame.
    public var volumeKeyframes: [VolumeKeyframe] = []

    public init(kind: TrackKind, name: String, items: ItemList = ItemList(), locked: Bool = false, muted: Bool = false,
                solo: Bool = false, hidden: Bool = false, syncLocked: Bool = true, volumeDB: Double = 0, pan: Double = 0) {
        self.kind = kind; self.name = name; self.items = items; self.locked = locked; self.muted = muted
        self.solo = solo; self.hidden = hidden; self.syncLocked = syncLocked; self.volumeDB = volumeDB; self.pan = pan
    }

    /// Record frames up to the end of the last item (trailing gaps included).
    public var duration: Int64 { items.totalDuration }

    /// Each clip with its record range, in order.
    public var clips: [(clip: Clip, record: FrameRange)] {
        var out: [(Clip, FrameRange)] = []
        var frame: Int64 = 0
        for item in items {
            if case .clip(let c) = item { out.append((c, FrameRange(start: frame, duration: c.duration))) }
            frame += item.duration
        }
        return out
    }

    enum CodingKeys: String, CodingKey { case kind, name, items, locked, muted, solo, hidden, syncLocked, volumeDB, pan, volumeKeyframes }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(TrackKind.self, forKey: .kind)
        name = try c.decode(String.self, forKey: .name)
        items = try c.decodeIfPresent(ItemList.self, forKey: .items) ?? ItemList()
        locked = try c.decodeIfPresent(Bool.self, forKey: .locked) ?? false
        muted = try c.decodeIfPresent(Bool.self, forKey: .muted) ?? false
        solo = try c.decodeIfPresent(Bool.self, forKey: .solo) ?? false
        hidden = try c.decodeIfPresent(Bool.self, forKey: .hidden) ?? false
        syncLocked = try c.decodeIfPresent(Bool.self, forKey: .syncLocked) ?? true
        volumeDB = try c.decodeIfPresent(Double.self, forKey: .volumeDB) ?? 0
        pan = try c.decodeIfPresent(Double.self, forKey: .pan) ?? 0
        volumeKeyframes = try c.decodeIfPresent([VolumeKeyframe].self, forKey: .volumeKeyframes) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(name, forKey: .name)
        try c.encode(items, forKey: .items)
        if locked { try c.encode(locked, forKey: .locked) }
        if muted { try c.encode(muted, forKey: .muted) }
        if solo { try c.encode(solo, forKey: .solo) }
        if hidden { try c.encode(hidden, forKey: .hidden) }
        if !syncLocked { try c.encode(syncLocked, forKey: .syncLocked) }
        if volumeDB != 0 { try c.encode(volumeDB, forKey: .volumeDB) }
        if pan != 0 { try c.encode(pan, forKey: .pan) }
        if !volumeKeyframes.isEmpty { try c.encode(volumeKeyframes, forKey: .volumeKeyframes) }
    }
}
