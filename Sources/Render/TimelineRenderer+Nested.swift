import Media
import TimelineModel

/// Why a nested sequence cannot be rendered: drawn as a card, and silent.
struct NestingProblem: Error {
    /// The card's title.
    var title: String
    /// The message line's text.
    var message: String
}

extension TimelineRenderer {
    /// Nested sequences go no deeper than this: the editor refuses cycles, so only a project
    /// file edited by hand could reach it, and then it draws a card instead of recursing forever.
    static let maximumNesting = 16

    /// The renderer of nested sequence `name`: kept per sequence, sharing this one's decoders, one
    /// level deeper. Picture and sound both come from it, so a nested clip shows and sounds the
    /// inner sequence exactly as the inner sequence renders when it is open.
    func nestedRenderer(_ name: String) throws(NestingProblem) -> TimelineRenderer {
        guard nestingDepth < Self.maximumNesting else {
            throw NestingProblem(title: "NESTING TOO DEEP", message: "nested sequences deeper than \(Self.maximumNesting) (a cycle?) at \(name)")
        }
        if let kept = nested[name] { return kept }
        guard let inner = project.withSequenceOpen(name) else {
            throw NestingProblem(title: "SEQUENCE MISSING", message: "no sequence named \(name) to nest")
        }
        let renderer = TimelineRenderer(project: inner, pool: pool)
        renderer.nestingDepth = nestingDepth + 1
        renderer.fit = fit
        nested[name] = renderer
        return renderer
    }

    /// The picture of nested sequence `name` at its frame `frame`: the sequence rendered with its
    /// own tracks (and its own nested clips, recursively).
    func nestedPicture(_ name: String, frame: Int64, width: Int, height: Int) -> RGBAImage {
        let renderer: TimelineRenderer
        do {
            renderer = try nestedRenderer(name)
        } catch {
            lastProblem = error.message
            return OfflineCard.draw(width: width, height: height, title: error.title, name: name)
        }
        let picture = renderer.picture(at: frame, width: width, height: height)
        if let problem = renderer.lastProblem { lastProblem = problem }
        return picture
    }

    /// The sound of nested sequence `name` as a source the mixer reads like a file: the inner
    /// sequence's mix (its tracks, levels and master limiter), sample 0 at its first frame.
    /// Nil (silence) when it cannot be rendered.
    func nestedSound(_ name: String) -> NestedSequenceSound? {
        do {
            return NestedSequenceSound(renderer: try nestedRenderer(name), parent: self)
        } catch {
            lastProblem = error.message
            return nil
        }
    }
}

/// A nested sequence's mix seen as an audio file: 48 kHz stereo, as long as the sequence,
/// silence before its start and after its end.
final class NestedSequenceSound: AudioSourcing {
    let renderer: TimelineRenderer
    /// The renderer that nests it, told of the inner renderer's problems.
    unowned let parent: TimelineRenderer
    let sampleRate = TimelineRenderer.sampleRate
    let channels = TimelineRenderer.channels
    let sampleCount: Int64

    init(renderer: TimelineRenderer, parent: TimelineRenderer) {
        self.renderer = renderer
        self.parent = parent
        let timeline = renderer.project.timeline
        sampleCount = AudioMix.sample(ofFrame: timeline.duration, rate: timeline.rate)
    }

    func read(from start: Int64, count: Int) throws(MediaError) -> [Float] {
        var out = [Float](repeating: 0, count: count * channels)
        let inside = (start..<(start + Int64(count))).clamped(to: 0..<max(sampleCount, 0))
        guard !inside.isEmpty else { return out }
        renderer.clearProblem()
        let sound = renderer.sound(from: inside.lowerBound, count: inside.count)
        let offset = Int(inside.lowerBound - start) * channels
        out.replaceSubrange(offset..<(offset + sound.count), with: sound)
        if let problem = renderer.lastProblem { parent.lastProblem = problem }
        return out
    }
}
