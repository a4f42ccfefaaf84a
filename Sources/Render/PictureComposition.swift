import TimelineModel

/// Where the picture of one layer comes from.
public enum PictureSource: Equatable, Sendable {
    /// A frame of a media file: `sourceFrame` counts timeline frames from the media's start.
    case media(MediaID, sourceFrame: Int64)
    /// Media the project knows but cannot reach: drawn as the MEDIA OFFLINE card.
    case offline(MediaID, name: String)
    /// A nested sequence: its picture at `frame` (counted from its start), with its own tracks.
    case sequence(String, frame: Int64)
}

/// A clip's picture at one frame.
public struct PictureLayer: Equatable, Sendable {
    public var track: Int
    public var clip: ClipID
    public var source: PictureSource
    /// Frame blending (a slow clip with `ClipSpeed.frameBlend`): the media picture is mixed with
    /// this frame (timeline frames from the media's start) at this weight, 0 < weight < 1.
    public var blend: FrameBlend?
    public init(track: Int, clip: ClipID, source: PictureSource, blend: FrameBlend? = nil) {
        self.track = track; self.clip = clip; self.source = source; self.blend = blend
    }
}

/// The second media frame a blended slow-motion frame mixes in, and how much of it.
public struct FrameBlend: Equatable, Sendable {
    public var nextFrame: Int64
    public var weight: Double
    public init(nextFrame: Int64, weight: Double) { self.nextFrame = nextFrame; self.weight = weight }
}

/// What the timeline shows at one frame: the decision, before any decoding.
///
/// The top-most enabled clip on a visible video track wins (V2 over V1, as in every NLE);
/// where no track has one the picture is black. Inside a transition the two clips beside the
/// cut are both needed: the outgoing one runs on into its tail handle, the incoming one starts
/// early from its head handle.
public enum PictureComposition: Equatable, Sendable {
    case black
    case layer(PictureLayer)
    /// `progress` runs from 0 (all `from`) towards 1 (all `to`): (i + ½) / d for the i-th of d frames.
    case transition(Transition.Kind, from: PictureLayer, to: PictureLayer, progress: Double)

    /// The composition of `project`'s timeline at record frame `frame`.
    public static func at(_ frame: Int64, in project: Project) -> PictureComposition {
        let timeline = project.timeline
        for t in timeline.videoTracks.reversed() where !timeline.tracks[t].hidden {
            if let found = composition(track: t, at: frame, project: project) { return found }
        }
        return .black
    }

    /// The composition one track contributes at `frame`, or nil where it is empty there
    /// (a gap, a disabled clip, a generated clip with no picture of its own).
    static func composition(track t: Int, at frame: Int64, project: Project) -> PictureComposition? {
        let items = project.timeline.tracks[t].items
        guard let (index, start) = items.locate(frame: frame), case .clip(let clip) = items[index],
              let own = layer(clip, track: t, unit: clip.source.start + (frame - start), project: project) else { return nil }
        let end = start + clip.duration
        // The transition out of this clip, where the frame lies before the cut.
        if let transition = clip.transitionOut, frame >= end - transition.inOffset, index + 1 < items.count,
           case .clip(let next) = items[index + 1],
           let incoming = layer(next, track: t, unit: next.source.start - (end - frame), project: project) {
            let i = frame - (end - transition.inOffset)
            return .transition(transition.kind, from: own, to: incoming, progress: progress(i, transition.duration))
        }
        // The transition into this clip, where the frame lies after the cut.
        if index > 0, case .clip(let previous) = items[index - 1], let transition = previous.transitionOut,
           frame < start + transition.outOffset,
           let outgoing = layer(previous, track: t, unit: previous.source.end + (frame - start), project: project) {
            let i = frame - (start - transition.inOffset)
            return .transition(transition.kind, from: outgoing, to: own, progress: progress(i, transition.duration))
        }
        return .layer(own)
    }

    /// The layer of `clip` at its unit `unit` (see `Clip`): the media frame it shows, and with
    /// frame blending the next one and its weight.
    static func layer(_ clip: Clip, track: Int, unit: Int64, project: Project) -> PictureLayer? {
        guard var layer = layer(clip, track: track, sourceFrame: clip.mediaFrame(atUnit: unit), project: project) else { return nil }
        if case .media = layer.source, let mix = clip.speed?.blend(atUnit: unit), mix.nextFrame >= 0 {
            layer.blend = FrameBlend(nextFrame: mix.nextFrame, weight: Double(mix.weightNumerator) / Double(mix.weightDenominator))
        }
        return layer
    }

    static func layer(_ clip: Clip, track: Int, sourceFrame: Int64, project: Project) -> PictureLayer? {
        guard clip.enabled, clip.media != Clip.generatedMedia else { return nil }
        if let nested = clip.sequence {
            return PictureLayer(track: track, clip: clip.id, source: .sequence(nested, frame: sourceFrame))
        }
        guard let reference = project.mediaReference(clip.media), !reference.isOffline else {
            let name = project.mediaReference(clip.media)?.name ?? clip.name
            return PictureLayer(track: track, clip: clip.id, source: .offline(clip.media, name: name))
        }
        return PictureLayer(track: track, clip: clip.id, source: .media(clip.media, sourceFrame: sourceFrame))
    }

    static func progress(_ index: Int64, _ duration: Int64) -> Double {
        (Double(index) + 0.5) / Double(max(duration, 1))
    }
}
