import Foundation
import Media
import Render
import TimelineModel

/// How the engine is set up; the defaults suit the editor.
public struct PlaybackOptions: Sendable {
    /// Open the preview window (false: `--no-preview`; the position still runs).
    public var preview = true
    /// Open the audio device (without one the clock is the system clock and there is no sound).
    public var audio = true
    /// The largest picture the preview renders; the timeline's aspect is kept inside it.
    public var previewWidth = 960
    public var previewHeight = 540
    public var windowTitle = "termcut"
    /// Frames rendered ahead of the clock.
    public var queuedFrames = 4
    /// Opens a media file's sound as 48 kHz stereo; nil: silent clips. Media's `AudioSource` by default.
    public var audioOpener: (@Sendable (MediaReference) throws(MediaError) -> any AudioSourcing)? = PlaybackOptions.mediaAudio

    /// Media's decoder at the mix format.
    public static let mediaAudio: @Sendable (MediaReference) throws(MediaError) -> any AudioSourcing = { reference throws(MediaError) in
        try AudioSource(url: URL(fileURLWithPath: reference.path), sampleRate: 48000, channels: 2)
    }
    /// Opens a media file's picture; nil: `VideoSource` on the reference's path.
    public var videoOpener: (@Sendable (MediaReference) throws(MediaError) -> VideoSource)?
    /// Keep a log of every presented frame and audio callback (sync tests, `--report`).
    public var logTiming = false
    /// The environment to decide with (tests pass their own).
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    public init() {}

    /// Why there is no preview here, or nil when a window can open: a display (X11 or
    /// Wayland) or an SDL driver that needs none (offscreen, dummy).
    public func previewRefusal() -> String? {
        if !preview { return "preview off (--no-preview): the position still runs for the scopes" }
        let driver = environment["SDL_VIDEODRIVER"]?.lowercased() ?? ""
        if driver == "offscreen" || driver == "dummy" { return nil }
        let display = environment["DISPLAY"] ?? "", wayland = environment["WAYLAND_DISPLAY"] ?? ""
        if display.isEmpty && wayland.isEmpty {
            return "preview off: no display (DISPLAY and WAYLAND_DISPLAY are unset); the position still runs for the scopes"
        }
        return nil
    }
}

/// Figures of the plays since the last `resetStatistics()`.
public struct PlaybackStatistics: Sendable, Equatable {
    /// Frames put on screen while playing.
    public var framesPresented = 0
    /// Frames rendered but already late when their turn came (the next one was due too).
    public var framesDroppedLate = 0
    /// Frames the picture thread skipped because it was behind the clock.
    public var framesSkipped = 0
    /// How late each presented frame was against the audio clock: largest and mean, in ms.
    public var maxAVOffsetMs = 0.0
    public var meanAVOffsetMs = 0.0
    /// Device buffers that ran short of sound.
    public var audioUnderruns = 0

    public var framesDropped: Int { framesDroppedLate + framesSkipped }
}

/// What happened in the preview window since the last `pump()`.
public enum PreviewEvent: Equatable, Sendable {
    /// A key pressed with the window focused, by SDL's key name ("J", "Space", "Left").
    case key(String)
    /// The user closed the window: the preview is hidden, playback goes on.
    case closed
}
