import Foundation
import TimelineModel

/// A clip's volume envelope (clip gain, fades, keyframes, its track's fader keyframes) as the timeline draws it: a line of
/// braille dots across the clip's waveform, one of four heights per half column, like the
/// rubber band over a clip in Premiere. Clips at unity with no fades or keyframes get none.
public struct VolumeLine: Equatable, Sendable {
    public var gainDB: Double
    public var duration: Int
    public var fadeIn: ClipFade?
    public var fadeOut: ClipFade?
    /// Keyframes with `frame` counted from the clip's first record frame.
    public var keyframes: [VolumeKeyframe]

    /// Its track's fader keyframes, with `frame` counted from the clip's first record frame.
    public var trackKeyframes: [VolumeKeyframe] = []

    /// The line of `clip` starting at record frame `recordStart` on a track with fader
    /// keyframes `trackKeyframes` (record frames): the level the clip is heard at before the fader.
    public init?(clip: Clip, recordStart: Int64 = 0, trackKeyframes: [VolumeKeyframe] = []) {
        guard clip.gainDB != 0 || clip.fadeIn != nil || clip.fadeOut != nil || !clip.volumeKeyframes.isEmpty
                || !trackKeyframes.isEmpty else { return nil }
        gainDB = clip.gainDB
        duration = Int(clip.duration)
        fadeIn = clip.fadeIn
        fadeOut = clip.fadeOut
        keyframes = clip.volumeKeyframes.map { VolumeKeyframe(frame: $0.frame - clip.source.start, gainDB: $0.gainDB, curve: $0.curve) }
        self.trackKeyframes = trackKeyframes.map { VolumeKeyframe(frame: $0.frame - recordStart, gainDB: $0.gainDB, curve: $0.curve) }
    }

    /// The level in dB at `offset` record frames into the clip (fractions allowed); −∞ in silence.
    public func level(at offset: Double) -> Double {
        var factor = 1.0
        if let f = fadeIn, offset < Double(f.duration) { factor *= f.curve.gain(offset / Double(f.duration)) }
        if let f = fadeOut, offset > Double(duration - Int(f.duration)) {
            factor *= f.curve.gain((Double(duration) - offset) / Double(f.duration))
        }
        return gainDB + keyframes.gainDB(at: offset) + trackKeyframes.gainDB(at: offset) + 20 * log10(factor)
    }

    /// The dot row (0 bottom … 3 top) of a level: top at unity and above, the bottom at −24 dB and below.
    public static func row(_ dB: Double) -> Int {
        if dB >= -1.5 { return 3 }
        if dB >= -9 { return 2 }
        if dB >= -24 { return 1 }
        return 0
    }

    /// The braille bits of the line in one cell whose two halves show levels `left` and `right`.
    public static func bits(left: Double, right: Double) -> UInt32 {
        BrailleWaveform.leftColumn[row(left)] | BrailleWaveform.rightColumn[row(right)]
    }

    /// A braille cell with the line's dots added to whatever braille `existing` holds.
    public static func merged(_ existing: String, _ bits: UInt32) -> String {
        var base: UInt32 = 0
        if let scalar = existing.unicodeScalars.first, existing.unicodeScalars.count == 1,
           (0x2800...0x28FF).contains(scalar.value) { base = scalar.value - 0x2800 }
        return String(Character(Unicode.Scalar(0x2800 + (base | bits))!))
    }
}
