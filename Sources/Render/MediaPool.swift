import Foundation
import Media
import TimelineModel

/// The open decoders of one renderer: each media file is opened once (picture and sound
/// separately) and kept while used; least recently used out first past `limit`.
///
/// A file that fails to open is remembered as failed, so a missing file costs one attempt per
/// pool, not one per frame. Not thread-safe: one pool per thread, as `VideoSource` is.
public final class MediaPool {
    /// Opens the sound of a media file as 48 kHz stereo (Media's `AudioSource`, or a test double).
    public typealias AudioOpener = (MediaReference) throws(MediaError) -> any AudioSourcing
    public typealias VideoOpener = (MediaReference) throws(MediaError) -> VideoSource
    /// Samples (at 48 kHz) by which a file's sound starts after the file's start time.
    public typealias AudioDelayProbe = (MediaReference) -> Int64

    public let limit: Int
    private let openVideo: VideoOpener
    private let openAudio: AudioOpener?
    private let probeAudioDelay: AudioDelayProbe
    private var audioDelays: [MediaID: (path: String, samples: Int64)] = [:]
    private var videos: [MediaID: Entry<VideoSource>] = [:]
    private var sounds: [MediaID: Entry<any AudioSourcing>] = [:]
    /// Files of more than two channels opened with all their channels, for clips playing one.
    private var channelSounds: [MediaID: Entry<any AudioSourcing>] = [:]
    private var clock: UInt64 = 0
    /// Files opened so far (each at most once while it stays in the pool), for tests and benches.
    public private(set) var openCount = 0
    /// The last failure to open each media file, in the user's words.
    public private(set) var failures: [MediaID: MediaError] = [:]

    private struct Entry<Source> {
        var path: String
        var fingerprint: MediaFingerprint?
        var source: Result<Source, MediaError>
        var lastUse: UInt64
    }

    /// `audio`: nil leaves every clip silent (no audio decoder in this build or wanted).
    public init(limit: Int = 8, video: VideoOpener? = nil, audio: AudioOpener? = nil, audioDelay: AudioDelayProbe? = nil) {
        self.limit = max(1, limit)
        self.probeAudioDelay = audioDelay ?? MediaPool.probeAudioDelay
        if let video {
            self.openVideo = video
        } else {
            self.openVideo = MediaPool.openVideoFile
        }
        self.openAudio = audio
    }

    /// The default: the file at the reference's path, libav choosing the decoding threads.
    public static func openVideoFile(_ reference: MediaReference) throws(MediaError) -> VideoSource {
        try VideoSource(url: URL(fileURLWithPath: reference.path))
    }

    /// How far after the file's frame 0 its sound begins, in 48 kHz samples: pictures count from
    /// `MediaInfo.pictureOrigin` (the file's start time, or its first picture when that comes a
    /// fraction of a frame later, as `VideoSource` counts) while an audio source's sample 0 is the
    /// stream's first sample, so the mixer shifts by this to keep one file's picture and sound
    /// together. The sound's start is its first decoded sample's time (`FirstSoundTime`: after
    /// the codec's priming). Negative when the sound starts before the picture (MPEG-TS, FLV).
    /// Probed once per file; 0 when the probe cannot tell.
    public func audioDelay(for reference: MediaReference) -> Int64 {
        if let known = audioDelays[reference.id], known.path == reference.path { return known.samples }
        let samples = probeAudioDelay(reference)
        audioDelays[reference.id] = (reference.path, samples)
        return samples
    }

    public static func probeAudioDelay(_ reference: MediaReference) -> Int64 {
        // Seconds from libav, to whole samples: a display fact about the file, not an edit position.
        Int64((FirstSoundTime.offsetFromFrameZero(path: reference.path) * 48_000).rounded())
    }

    /// Whether this pool can decode sound at all.
    public var decodesAudio: Bool { openAudio != nil }

    public func video(for reference: MediaReference) -> Result<VideoSource, MediaError> {
        lookup(&videos, reference) { reference throws(MediaError) in try openVideo(reference) }
    }

    public func audio(for reference: MediaReference) -> Result<any AudioSourcing, MediaError>? {
        guard let openAudio else { return nil }
        return lookup(&sounds, reference) { reference throws(MediaError) in try openAudio(reference) }
    }

    /// The sound of a file with every one of its channels kept apart, for a clip that plays one
    /// of them (`Clip.channel`). The stereo mix format already keeps a stereo file's two; a file
    /// of more (four lavalier mics) is opened again at its own channel count instead of being
    /// folded down to stereo.
    public func channelAudio(for reference: MediaReference) -> Result<any AudioSourcing, MediaError>? {
        guard openAudio != nil else { return nil }
        let native = reference.audio?.channels ?? 2
        guard native > 2 else { return audio(for: reference) }
        return lookup(&channelSounds, reference) { reference throws(MediaError) in
            try AudioSource(url: URL(fileURLWithPath: reference.path), sampleRate: 48_000, channels: min(native, 64))
        }
    }

    /// Closes everything (after a relink, or to let files go).
    public func removeAll() {
        videos.removeAll()
        sounds.removeAll()
        channelSounds.removeAll()
        failures.removeAll()
    }

    private func lookup<Source>(_ table: inout [MediaID: Entry<Source>], _ reference: MediaReference,
                                open: (MediaReference) throws(MediaError) -> Source) -> Result<Source, MediaError> {
        clock += 1
        // A relink to the same path (the original copied back over a replacement) is another
        // file: the fingerprint tells the open source is stale.
        if var entry = table[reference.id], entry.path == reference.path, entry.fingerprint == reference.fingerprint {
            entry.lastUse = clock
            table[reference.id] = entry
            return entry.source
        }
        let result: Result<Source, MediaError>
        do {
            openCount += 1
            result = .success(try open(reference))
            failures[reference.id] = nil
        } catch {
            result = .failure(error)
            failures[reference.id] = error
        }
        table[reference.id] = Entry(path: reference.path, fingerprint: reference.fingerprint, source: result, lastUse: clock)
        while table.count > limit, let oldest = table.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            table[oldest.key] = nil
        }
        return result
    }
}
