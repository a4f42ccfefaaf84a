import Foundation
import Media
import TimelineModel

/// The picture and the sound of a timeline at any time: what the preview shows and what
/// export writes, from one code path so the two cannot differ.
///
/// Pictures come out as RGBA at the size asked for, each clip fitted into it with its aspect
/// kept (black bars); sound as 48 kHz stereo Float32, interleaved. Decoders come from a
/// `MediaPool`, so each file is opened once. Not thread-safe: give each thread its own
/// renderer (playback has one for pictures and one for sound).
public final class TimelineRenderer {
    public static let sampleRate = 48_000
    public static let channels = 2

    public private(set) var project: Project
    public let pool: MediaPool
    /// The last problem met while rendering (a file that would not open or decode), for a
    /// message line; rendering carries on with a card or silence.
    public internal(set) var lastProblem: String?
    /// How pictures of another aspect fill the frame: fitted inside it with bars (the
    /// default, as the viewer shows them) or cropped to cover it (vertical deliveries).
    public var fit: PictureFit = .fit
    /// Time-stretch state of each speed-changed clip being played, so consecutive chunks continue.
    var speedSounds: [ClipID: SpeedSound] = [:]
    /// Rasterised titles and subtitles (`TitleOverlay`).
    let titleCache = TitleCache()
    /// Decoded image clips' files and their pictures (`ImageOverlayDrawing`).
    let imageCache = ImageCache()
    /// Draw the subtitle tracks even when the project has them off (`render --burn-subtitles`).
    public var burnSubtitles = false
    /// Clean-up filter state of each clip being played, and the master limiter's.
    var cleanupSounds: [ClipID: CleanupSound] = [:]
    var masterLimiting: MasterLimiting?
    /// The envelope of the segment being mixed, kept between mixes so no block allocates one.
    var envelopeScratch: [Float] = []
    /// When true, each mix also keeps every audio track's own contribution (after its clips'
    /// levels, fades and pan, before the master limiter) in `trackSound`, for the mixer's meters.
    public var tapsTracks = false
    /// Track index → that track's stereo samples of the latest mix (`tapsTracks` only); a track
    /// with nothing sounding is present with silence, so its meter falls.
    public private(set) var trackSound: [Int: [Float]] = [:]

    /// A renderer per nested sequence shown (`TimelineRenderer+Nested`), sharing this one's decoders.
    var nested: [String: TimelineRenderer] = [:]
    /// How deep inside nested sequences this renderer draws (0 for the open sequence).
    var nestingDepth = 0

    /// Forgets the last problem (export checks each frame for a new one).
    public func clearProblem() { lastProblem = nil }

    public init(project: Project, pool: MediaPool = MediaPool()) {
        self.project = project
        self.pool = pool
    }

    /// Takes a new state of the project (after an edit); open decoders stay open.
    public func update(_ project: Project) {
        self.project = project
        nested.removeAll()
        speedSounds.removeAll()
        cleanupSounds.removeAll()
        masterLimiting = nil
    }

    /// The timeline's picture size: that of the first video clip's media (1920x1080 without one).
    public var frameSize: (width: Int, height: Int) {
        Self.frameSize(of: project)
    }

    public static func frameSize(of project: Project) -> (width: Int, height: Int) {
        let timeline = project.timeline
        if let size = timeline.frameSize { return (size.width, size.height) } // set with the sequence's settings
        for t in timeline.videoTracks {
            for item in timeline.tracks[t].items {
                if case .clip(let clip) = item, let video = project.mediaReference(clip.media)?.video,
                   video.width > 0, video.height > 0 {
                    return (video.width, video.height)
                }
            }
        }
        return (1920, 1080)
    }

    /// The largest size of the timeline's aspect that fits `width`×`height` (for a preview size).
    public func fittedSize(width: Int, height: Int) -> (width: Int, height: Int) {
        let size = frameSize
        let rect = PixelRect.fitting(aspectWidth: size.width, aspectHeight: size.height,
                                     in: PixelRect(x: 0, y: 0, width: width, height: height))
        // Even sizes keep chroma-subsampled paths (export, YUV textures) simple.
        return (max(2, rect.width & ~1), max(2, rect.height & ~1))
    }

    // MARK: Picture

    public func composition(at frame: Int64) -> PictureComposition {
        PictureComposition.at(frame, in: project)
    }

    /// The picture of record frame `frame` at `width`×`height`.
    public func picture(at frame: Int64, width: Int, height: Int) -> RGBAImage {
        var picture: RGBAImage
        var baseTrack: Int?
        switch composition(at: frame) {
        case .black:
            picture = RGBAImage(width: width, height: height)
        case .layer(let layer):
            picture = self.picture(of: layer, width: width, height: height)
            baseTrack = layer.track
        case .transition(let kind, let from, let to, let progress):
            let outgoing = self.picture(of: from, width: width, height: height)
            let incoming = self.picture(of: to, width: width, height: height)
            picture = Self.blend(kind, outgoing, incoming, progress: progress)
            baseTrack = from.track
        }
        applyAdjustments(to: &picture, at: frame, above: baseTrack)
        drawOverlays(on: &picture, at: frame, above: baseTrack)
        return picture
    }

    /// Dissolve: a weighted mix. Dip: down to black over the first half, up from it over the
    /// second. Wipe: the incoming picture uncovered from the left edge.
    static func blend(_ kind: Transition.Kind, _ outgoing: RGBAImage, _ incoming: RGBAImage, progress: Double) -> RGBAImage {
        switch kind {
        case .dissolve:
            return outgoing.mixed(with: incoming, amount: progress)
        case .dip:
            let black = RGBAImage(width: outgoing.width, height: outgoing.height)
            return progress < 0.5 ? outgoing.mixed(with: black, amount: progress * 2)
                                  : black.mixed(with: incoming, amount: (progress - 0.5) * 2)
        case .wipe:
            var out = outgoing
            let edge = Int((Double(outgoing.width) * progress).rounded())
            if edge > 0 {
                var strip = RGBAImage(width: edge, height: outgoing.height)
                strip.bytes.withUnsafeMutableBufferPointer { target in
                    incoming.bytes.withUnsafeBufferPointer { source in
                        for row in 0..<outgoing.height {
                            (target.baseAddress! + row * edge * 4)
                                .update(from: source.baseAddress! + row * incoming.width * 4, count: edge * 4)
                        }
                    }
                }
                out.draw(strip, atX: 0, y: 0)
            }
            return out
        }
    }

    /// One clip's picture, fitted into `width`×`height`.
    public func picture(of layer: PictureLayer, width: Int, height: Int) -> RGBAImage {
        switch layer.source {
        case .offline(_, let name):
            return OfflineCard.draw(width: width, height: height, name: name)
        case .sequence(let name, let frame):
            return nestedPicture(name, frame: frame, width: width, height: height)
        case .media(let id, let sourceFrame):
            guard let reference = project.mediaReference(id) else {
                return OfflineCard.draw(width: width, height: height, name: id.rawValue)
            }
            let fileName = URL(fileURLWithPath: reference.path).lastPathComponent
            switch pool.video(for: reference) {
            case .failure(let error):
                lastProblem = error.description
                let missing = [.fileNotFound, .isDirectory, .permissionDenied].contains(error.kind)
                return OfflineCard.draw(width: width, height: height, title: missing ? "MEDIA OFFLINE" : "MEDIA ERROR", name: fileName)
            case .success(let source):
                do {
                    let frame = try source.frame(atTimestamp: Self.timestamp(of: sourceFrame, rate: project.timeline.rate, in: source))
                    let picture = try shownPicture(frame, of: layer, source: source, width: width, height: height)
                    if let blend = layer.blend { return try blended(picture, blend, of: layer, source: source, width: width, height: height) }
                    return picture
                } catch {
                    // Past the last decodable frame (a clip a frame longer than its media, or
                    // media whose sound runs longer than its picture): black, as NLEs show, in
                    // the preview and the delivery alike; not a problem that stops a render.
                    if Self.isPastTheEnd(error) { return RGBAImage(width: width, height: height) }
                    lastProblem = error.description
                    return OfflineCard.draw(width: width, height: height, title: "MEDIA ERROR", name: fileName)
                }
            }
        }
    }

    /// The decoded frame a layer shows, as the decoder gave it (for export's pass-through:
    /// a frame that needs no scaling or mixing goes to the encoder untouched), or nil where
    /// the layer has no media or the media fails (the problem is kept in `lastProblem`).
    public func decodedFrame(of layer: PictureLayer) -> VideoFrame? {
        guard case .media(let id, let sourceFrame) = layer.source, let reference = project.mediaReference(id) else { return nil }
        switch pool.video(for: reference) {
        case .failure(let error):
            lastProblem = error.description
            return nil
        case .success(let source):
            do {
                return try source.frame(atTimestamp: Self.timestamp(of: sourceFrame, rate: project.timeline.rate, in: source))
            } catch {
                if !Self.isPastTheEnd(error) { lastProblem = error.description }
                return nil
            }
        }
    }

    /// A request after the video's last frame: the picture is black there, not an error.
    static func isPastTheEnd(_ error: MediaError) -> Bool { error.kind == .invalidRequest }

    /// Whether a layer's media has square pixels (a pass-through frame must, to keep its shape).
    public func hasSquarePixels(_ layer: PictureLayer) -> Bool {
        guard case .media(let id, _) = layer.source, let reference = project.mediaReference(id),
              case .success(let source) = pool.video(for: reference) else { return false }
        guard let sar = source.stream.sampleAspectRatio, sar.isValid else { return true }
        return sar.numerator == sar.denominator
    }

    /// The stream timestamp of `sourceFrame` (timeline frames from the media's start): the
    /// instant the timeline frame begins, in the stream's time base, rounded up so a file whose
    /// timestamps were rounded to the time base (29.97 in 1/1000) still lands in the right frame.
    public static func timestamp(of sourceFrame: Int64, rate: Rate, in source: VideoSource) -> Int64 {
        let timeBase = source.stream.timeBase
        let ticks = RationalTime(sourceFrame, rate)
            .rescaled(to: Rate(Int64(timeBase.denominator), Int64(timeBase.numerator)), rounding: .up).value
        return source.startTimestamp + ticks
    }

    /// `frame` scaled into the largest rectangle of its display aspect inside `width`×`height`.
    static func fit(_ frame: VideoFrame, width: Int, height: Int, sampleAspect: MediaRational?,
                    mode: PictureFit = .fit) throws(MediaError) -> RGBAImage {
        var aspectWidth = frame.width, aspectHeight = frame.height
        if let sar = sampleAspect, sar.isValid, sar.numerator != sar.denominator {
            aspectWidth *= sar.numerator
            aspectHeight *= sar.denominator
        }
        let box = PixelRect(x: 0, y: 0, width: width, height: height)
        if mode == .fill {
            let crop = PictureFit.cropCovering(aspectWidth: aspectWidth, aspectHeight: aspectHeight,
                                                                               frameWidth: frame.width, frameHeight: frame.height,
                                                                               boxWidth: width, boxHeight: height)
            return RGBAImage(try frame.converted(to: .rgba, width: width, height: height,
                                                 crop: (crop.x, crop.y, crop.width, crop.height)))
        }
        let rect = PixelRect.fitting(aspectWidth: aspectWidth, aspectHeight: aspectHeight, in: box)
        let picture = RGBAImage(try frame.converted(to: .rgba, width: rect.width, height: rect.height))
        if rect == box { return picture }
        var canvas = RGBAImage(width: width, height: height)
        canvas.draw(picture, atX: rect.x, y: rect.y)
        return canvas
    }

    // MARK: Sound

    /// `count` stereo samples of the mix from timeline sample `start` (48 kHz from record frame 0),
    /// interleaved left, right: every clip cleaned up, levelled and panned, then the master limiter.
    public func sound(from start: Int64, count: Int) -> [Float] {
        guard count > 0 else { return [] }
        if let limiter = project.timeline.masterLimiter { return limitedSound(limiter, from: start, count: count) }
        masterLimiting = nil
        return mixedSound(from: start, count: count)
    }

    /// Where a segment's sound comes from, and the file's sound delay (samples its sound starts
    /// after its picture): the media file, or a nested sequence's mix (no delay). Nil is silence.
    func audioSource(of segment: AudioSegment) -> (source: any AudioSourcing, delay: Int64)? {
        if let name = segment.sequence {
            return nestedSound(name).map { ($0, 0) }
        }
        guard let reference = project.mediaReference(segment.media),
              let opened = segment.channel == nil ? pool.audio(for: reference) : pool.channelAudio(for: reference) else { return nil }
        switch opened {
        case .failure(let error):
            lastProblem = error.description
            return nil
        case .success(let source):
            return (source, pool.audioDelay(for: reference))
        }
    }

    /// The mix before the master limiter.
    func mixedSound(from start: Int64, count: Int) -> [Float] {
        var mix = [Float](repeating: 0, count: count * Self.channels)
        guard count > 0 else { return mix }
        if tapsTracks {
            trackSound = [:]
            for t in project.timeline.audioTracks { trackSound[t] = [Float](repeating: 0, count: count * Self.channels) }
        }
        let range = start..<(start + Int64(count))
        for segment in AudioMix.plan(project, range: range) {
            let overlap = range.clamped(to: segment.record)
            guard !overlap.isEmpty, let (source, delay) = audioSource(of: segment) else { continue }
            let length = overlap.count
            // The clip's unprocessed sound at any record sample: read, or time-stretched.
            let raw = { (at: Int64, n: Int) throws(MediaError) -> [Float] in
                if let speed = segment.speed, let last = speed.reversedFrom {
                    return try self.reversedSamples(segment, mirror: AudioMix.sample(ofFrame: last + 1, rate: self.project.timeline.rate),
                                                    source: source, at: at, count: n, delay: delay)
                }
                if let speed = segment.speed {
                    return try self.speedSamples(segment, speed: speed, source: source, at: at, count: n, delay: delay)
                }
                return try source.read(from: segment.sourceStart + (at - segment.record.lowerBound) - delay, count: n)
            }
            let samples: [Float]
            do {
                if let cleanup = segment.cleanup {
                    samples = try cleanedSamples(segment, chain: cleanup.filterChain, channels: max(1, source.channels),
                                                 at: overlap.lowerBound, count: length, raw: raw)
                } else {
                    samples = try raw(overlap.lowerBound, length)
                }
            } catch {
                lastProblem = error.description
                continue
            }
            let channels = max(1, source.channels)
            let offset = Int(overlap.lowerBound - start)
            let frames = min(length, samples.count / channels)
            guard frames > 0 else { continue }
            if !segment.isFlat {
                if envelopeScratch.count < length { envelopeScratch = [Float](repeating: 1, count: length) }
                envelopeScratch.withUnsafeMutableBufferPointer { segment.fillEnvelope(over: overlap, into: $0.baseAddress!) }
            }
            let add = { (out: inout [Float]) in
                samples.withUnsafeBufferPointer { input in
                    self.envelopeScratch.withUnsafeBufferPointer { envelope in
                        out.withUnsafeMutableBufferPointer { out in
                            MixAccumulator.add(input.baseAddress!, channels: channels, picked: segment.channel, frames: frames,
                                               left: segment.left, right: segment.right,
                                               envelope: segment.isFlat ? nil : envelope.baseAddress, into: out.baseAddress! + offset * 2)
                        }
                    }
                }
            }
            add(&mix)
            if tapsTracks, trackSound[segment.track] != nil { add(&trackSound[segment.track]!) }
        }
        return mix
    }
}
