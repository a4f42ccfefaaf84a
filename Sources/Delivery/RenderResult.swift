import Media

/// What a finished render delivered, for the summary line and `--json`.
public struct RenderResult: Sendable {
    public var output: String
    public var preset: String
    public var frames: Int64
    public var seconds: Double
    public var frameRate: String
    /// Frames that went to the encoder exactly as decoded, and frames composited.
    public var passedFrames: Int64
    public var compositedFrames: Int64
    public var samples: Int64
    public var renderSeconds: Double
    public var loudness: LoudnessDecision?
    /// The file as libavformat reads it back.
    public var probe: MediaInfo?
}
