/// Where a file's frame 0 begins: the instant the timeline, the render, smart copy and the
/// sound of the same file all count from.
///
/// Normally the file's start time (the earliest stream's first timestamp, as ffmpeg's `-ss`
/// counts). But many files start their picture a little after their sound, by the encoders'
/// delays rather than by anything recorded: HEVC or VP9 with Opus in Matroska/WebM at +7 ms
/// (Opus pre-skip puts the sound at −7 ms), H.264 in MPEG-TS 21 ms after its AAC, FLV's video
/// 21 ms late (AAC priming), which at 50 fps is more than a frame. Counted from the file's
/// start, two frame slots land in the first picture, every frame after shows the one before it,
/// and the last can never be reached. So frame 0 begins at the first picture (as a sequential
/// decode numbers pictures, and as Resolve starts such clips), and the sound is placed relative
/// to it (`MediaPool.audioDelay`, then negative), unless the picture starts `longestDelay` or
/// more after the file: then it is a recording whose picture began late, and the file's start
/// is kept so the sound before the picture stays in the clip.
public enum PictureOrigin {
    /// Seconds: longer than any encoder's delay (AAC priming is 21–46 ms, B-frame reordering a
    /// few frames), shorter than any gap an editor would want kept.
    public static let longestDelay = 1.0

    /// The origin in stream ticks of `timeBase`.
    public static func origin(fileStart: Int64, firstPicture: Int64, timeBase: MediaRational) -> Int64 {
        let seconds = Double(firstPicture - fileStart) * Double(timeBase.numerator) / Double(max(1, timeBase.denominator))
        return firstPicture > fileStart && seconds < longestDelay ? firstPicture : fileStart
    }

    /// The origin in seconds.
    public static func origin(fileStart: Double, firstPicture: Double) -> Double {
        firstPicture > fileStart && firstPicture - fileStart < longestDelay ? firstPicture : fileStart
    }
}

extension MediaInfo {
    /// `PictureOrigin` for this file in seconds: its picture's first timestamp, or the file's
    /// start time where the picture starts a second or more later; nil when the file gives no start time.
    public var pictureOrigin: Double? {
        guard let fileStart = startTime else { return nil }
        guard let first = primaryVideo?.startTime else { return fileStart }
        return PictureOrigin.origin(fileStart: fileStart, firstPicture: first)
    }
}
