import Media

/// What the mixer needs from a decoded audio file: Media's `AudioSource` has exactly this shape
/// (decoded and resampled to the rate and channel count asked for when it was opened); tests
/// use doubles that hand out known samples.
///
/// Sample 0 is the media's start, the instant the first video frame of the same file counts
/// from, so picture and sound of one file line up.
public protocol AudioSourcing: AnyObject {
    var sampleRate: Int { get }
    var channels: Int { get }
    /// Samples per channel in the file, at `sampleRate`.
    var sampleCount: Int64 { get }
    /// `count` samples per channel from sample `from`, interleaved; zeros past the end.
    func read(from start: Int64, count: Int) throws(MediaError) -> [Float]
}
