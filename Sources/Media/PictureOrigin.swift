/// Where a file's frame 0 begins: the instant the timeline, the render, smart copy and the
/// sound of the same file all count from.
///
/// Normally the file's start time (the earliest stream's first timestamp, as ffmpeg's `-ss`
/// counts). But many files start their picture a fraction of a frame after their sound: HEVC or
/// VP9 with Opus in Matroska/WebM at +7…+23 ms (Opus pre-skip puts the sound at −7 ms),
/// MPEG-TS with the video's first presentation time 20 ms after the audio's. Counted from the
/// file's start, frame slot 0 and slot 1 both land in the first picture and every frame after
/// shows the one before it, and the last can never be reached. So when the first picture comes
/// less than one frame after the file's start, frame 0 begins at that picture (as a sequential
/// decode numbers it, and as Premiere and Resolve show such files), and the sound is placed
/// relative to it (`MediaPool.audioDelay`, which may then be negative). A picture that starts a
/// frame or more later is a real gap (a recording whose video began after its sound) and keeps
/// the file's start, so the gap stays where it is.
public enum PictureOrigin {
    /// The origin, in whatever unit all three are given in (stream ticks, or seconds).
    public static func origin<T: Comparable & Numeric>(fileStart: T, firstPicture: T, frameLength: T) -> T {
        firstPicture > fileStart && firstPicture - fileStart < frameLength ? firstPicture : fileStart
    }
}

extension MediaInfo {
    /// `PictureOrigin` for this file in seconds: the file's start time, or its picture's first
    /// timestamp when that comes less than a frame later; nil when the file gives no start time.
    public var pictureOrigin: Double? {
        guard let fileStart = startTime else { return nil }
        guard let video = primaryVideo, let first = video.startTime,
              let rate = video.frameRate ?? video.realFrameRate, rate.isValid else { return fileStart }
        return PictureOrigin.origin(fileStart: fileStart, firstPicture: first,
                                    frameLength: Double(rate.denominator) / Double(rate.numerator))
    }
}
