import Foundation

/// Which end of a clip a fade belongs to.
public enum FadeEdge: String, Sendable { case head = "in", tail = "out" }

/// Mix changes: clip gain, fades, volume keyframes, track volume and pan. Each checks its value
/// before touching anything, so a refused change leaves the timeline as it was.
extension Timeline {
    /// Sets a clip's gain in dB, refusing values that are not numbers or outside `MixLimits.clipGainDB`.
    public mutating func setClipGain(clip id: ClipID, _ gainDB: Double) throws(EditError) {
        try Self.checkLevel(gainDB, MixLimits.clipGainDB, "clip gain")
        try setGain(clip: id, gainDB)
    }

    /// Sets (or with nil removes) a clip's head or tail fade. A fade may not be longer than the
    /// clip, nor overlap the fade at the other end.
    public mutating func setFade(clip id: ClipID, _ edge: FadeEdge, _ fade: ClipFade?) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        if let fade {
            let length = place.clip.duration
            guard fade.duration >= 1 else { throw EditError(.invalidArgument, "a fade lasts at least 1 frame (0 removes it)") }
            guard fade.duration <= length else {
                throw EditError(.invalidRange, "a \(fade.duration)-frame fade-\(edge.rawValue) is longer than \(id) (\(length) frames)")
            }
            let other = (edge == .head ? place.clip.fadeOut : place.clip.fadeIn)?.duration ?? 0
            guard fade.duration + other <= length else {
                throw EditError(.invalidRange, "a \(fade.duration)-frame fade-\(edge.rawValue) would overlap the \(other)-frame fade-\(edge == .head ? "out" : "in") of \(id) (\(length) frames)")
            }
        }
        updateClip(track: place.track, id: id) { clip in
            if edge == .head { clip.fadeIn = fade } else { clip.fadeOut = fade }
        }
    }

    /// Sets an audio track's fader in dB.
    public mutating func setTrackVolume(track t: Int, _ volumeDB: Double) throws(EditError) {
        try requireAudioTrack(t)
        try Self.checkLevel(volumeDB, MixLimits.trackVolumeDB, "track volume")
        tracks[t].volumeDB = volumeDB
    }

    /// Sets an audio track's pan (balance): −1 hard left, 0 centre, +1 hard right.
    public mutating func setTrackPan(track t: Int, _ pan: Double) throws(EditError) {
        try requireAudioTrack(t)
        guard pan.isFinite, MixLimits.pan.contains(pan) else {
            throw EditError(.invalidArgument, "pan \(pan * 100) is out of range: give -100 (left) to 100 (right)")
        }
        tracks[t].pan = pan
    }

    // MARK: Volume keyframes

    /// Adds a volume keyframe at clip unit `frame` (replacing one already there).
    public mutating func addVolumeKeyframe(clip id: ClipID, _ keyframe: VolumeKeyframe) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        try Self.checkLevel(keyframe.gainDB, MixLimits.clipGainDB, "keyframe level")
        try requireInside(place.clip, keyframe.frame)
        updateClip(track: place.track, id: id) { clip in
            clip.volumeKeyframes.removeAll { $0.frame == keyframe.frame }
            clip.volumeKeyframes.append(keyframe)
            clip.volumeKeyframes.sort { $0.frame < $1.frame }
        }
    }

    /// Moves the keyframe at unit `from` to unit `to` (replacing one there), optionally with a new level.
    public mutating func moveVolumeKeyframe(clip id: ClipID, from: Int64, to: Int64, gainDB: Double? = nil) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard var keyframe = place.clip.volumeKeyframes.first(where: { $0.frame == from }) else {
            throw EditError(.invalidArgument, "\(id) has no volume keyframe at unit \(from) (keyframes at: \(Self.listing(place.clip)))")
        }
        try requireInside(place.clip, to)
        if let gainDB {
            try Self.checkLevel(gainDB, MixLimits.clipGainDB, "keyframe level")
            keyframe.gainDB = gainDB
        }
        keyframe.frame = to
        updateClip(track: place.track, id: id) { clip in
            clip.volumeKeyframes.removeAll { $0.frame == from || $0.frame == to }
            clip.volumeKeyframes.append(keyframe)
            clip.volumeKeyframes.sort { $0.frame < $1.frame }
        }
    }

    /// Deletes the keyframe at unit `frame`.
    public mutating func deleteVolumeKeyframe(clip id: ClipID, at frame: Int64) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard place.clip.volumeKeyframes.contains(where: { $0.frame == frame }) else {
            throw EditError(.invalidArgument, "\(id) has no volume keyframe at unit \(frame) (keyframes at: \(Self.listing(place.clip)))")
        }
        updateClip(track: place.track, id: id) { $0.volumeKeyframes.removeAll { $0.frame == frame } }
    }

    // MARK: Track volume keyframes (record frames)

    /// Adds a fader keyframe on audio track `t` at record frame `keyframe.frame` (replacing one
    /// there). It must lie on the sequence: 0 … the track's end.
    public mutating func addTrackVolumeKeyframe(track t: Int, _ keyframe: VolumeKeyframe) throws(EditError) {
        try requireAudioTrack(t)
        try requireUnlocked(t)
        try Self.checkLevel(keyframe.gainDB, MixLimits.trackVolumeDB, "keyframe level")
        try requireOnTrack(t, keyframe.frame)
        tracks[t].volumeKeyframes.removeAll { $0.frame == keyframe.frame }
        tracks[t].volumeKeyframes.append(keyframe)
        tracks[t].volumeKeyframes.sort { $0.frame < $1.frame }
    }

    /// Moves track `t`'s keyframe at record frame `from` to `to`, optionally with a new level.
    public mutating func moveTrackVolumeKeyframe(track t: Int, from: Int64, to: Int64, gainDB: Double? = nil) throws(EditError) {
        try requireAudioTrack(t)
        try requireUnlocked(t)
        guard var keyframe = tracks[t].volumeKeyframes.first(where: { $0.frame == from }) else {
            throw EditError(.invalidArgument, "\(tracks[t].name) has no volume keyframe at frame \(from) (keyframes at: \(Self.listing(tracks[t].volumeKeyframes)))")
        }
        try requireOnTrack(t, to)
        if let gainDB {
            try Self.checkLevel(gainDB, MixLimits.trackVolumeDB, "keyframe level")
            keyframe.gainDB = gainDB
        }
        keyframe.frame = to
        tracks[t].volumeKeyframes.removeAll { $0.frame == from || $0.frame == to }
        tracks[t].volumeKeyframes.append(keyframe)
        tracks[t].volumeKeyframes.sort { $0.frame < $1.frame }
    }

    /// Deletes track `t`'s keyframe at record frame `frame`.
    public mutating func deleteTrackVolumeKeyframe(track t: Int, at frame: Int64) throws(EditError) {
        try requireAudioTrack(t)
        try requireUnlocked(t)
        guard tracks[t].volumeKeyframes.contains(where: { $0.frame == frame }) else {
            throw EditError(.invalidArgument, "\(tracks[t].name) has no volume keyframe at frame \(frame) (keyframes at: \(Self.listing(tracks[t].volumeKeyframes)))")
        }
        tracks[t].volumeKeyframes.removeAll { $0.frame == frame }
    }

    private func requireOnTrack(_ t: Int, _ frame: Int64) throws(EditError) {
        let end = tracks[t].duration
        guard frame >= 0, frame <= end else {
            throw EditError(.invalidRange, "a keyframe at frame \(frame) is outside \(tracks[t].name), which spans frames 0…\(end)")
        }
    }

    // MARK: Checks

    static func checkLevel(_ dB: Double, _ limits: ClosedRange<Double>, _ what: String) throws(EditError) {
        guard dB.isFinite, limits.contains(dB) else {
            throw EditError(.invalidArgument, "\(what) \(dB) dB is out of range: give \(Int(limits.lowerBound)) to +\(Int(limits.upperBound)) dB")
        }
    }

    func requireAudioTrack(_ t: Int) throws(EditError) {
        try requireTrack(t)
        guard tracks[t].kind == .audio else {
            throw EditError(.wrongTrackKind, "\(tracks[t].name) is a \(tracks[t].kind.rawValue) track: volume and pan are set on audio tracks")
        }
    }

    /// A keyframe belongs on the clip's own frames: units `source.start ... source.end`.
    private func requireInside(_ clip: Clip, _ frame: Int64) throws(EditError) {
        guard frame >= clip.source.start, frame <= clip.source.end else {
            throw EditError(.invalidRange, "a keyframe at unit \(frame) is outside \(clip.id), which spans units \(clip.source.start)…\(clip.source.end)")
        }
    }

    private static func listing(_ clip: Clip) -> String { listing(clip.volumeKeyframes) }

    private static func listing(_ keyframes: [VolumeKeyframe]) -> String {
        keyframes.isEmpty ? "none" : keyframes.map { "\($0.frame)" }.joined(separator: ",")
    }
}
