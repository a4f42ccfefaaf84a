/// The project's default transitions, one for picture and one for sound: what
/// `auto-transitions` without arguments and `add-default-transition` (Premiere's ctrl-D,
/// Avid's quick transition) put at a cut. Kept in the project so every sequence shares them.
public struct DefaultTransitions: Hashable, Codable, Sendable {
    public var video: DefaultTransition?
    public var audio: DefaultTransition?

    public init(video: DefaultTransition? = nil, audio: DefaultTransition? = nil) {
        self.video = video; self.audio = audio
    }

    /// The default for a track kind, Premiere's 1 s centred dissolve (a crossfade on sound) when none is set.
    public func transition(for kind: TrackKind) -> DefaultTransition {
        (kind == .video ? video : audio) ?? .standard
    }
}

public struct DefaultTransition: Hashable, Codable, Sendable {
    public var kind: Transition.Kind
    /// A time, not frames, so the default means the same in sequences of any rate.
    public var duration: RationalTime
    public var alignment: Transition.Alignment

    public init(kind: Transition.Kind = .dissolve, duration: RationalTime, alignment: Transition.Alignment = .centered) {
        self.kind = kind; self.duration = duration; self.alignment = alignment
    }

    public static let standard = DefaultTransition(duration: RationalTime(1, Rate(1)))

    /// Its length in frames at `rate` (at least one).
    public func frames(at rate: Rate) -> Int64 { Swift.max(1, duration.rescaled(to: rate, rounding: .nearest).value) }
}
