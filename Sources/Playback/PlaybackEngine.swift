import CSDL2
import Foundation
import Media
import Render
import TimelineModel

/// The player: the audio device as master clock, pictures rendered ahead on a worker thread,
/// shown at their time in the SDL window and dropped (and counted) when late.
///
/// Drive it from the UI's run loop on the main thread: `load` a project, `seek`, `play`,
/// `stop`, and call `pump()` every few milliseconds (it never blocks): it shows the frames
/// that are due and handles the window's events. ffplay's design: the sound thread mixes
/// ahead into a feed; the device callback takes it and anchors the clock; every request bumps
/// a serial, so frames and sound of an earlier request are discarded wherever they are.
///
/// Without a display (or with `preview` off) it runs without a window and the position still
/// advances in real time; without an audio device the clock is the system clock.
public final class PlaybackEngine {
    public let options: PlaybackOptions
    /// Why the preview is off (no display, refused by SDL), for the message line; nil when on.
    public private(set) var previewMessage: String?
    /// Why there is no sound (no device), or nil.
    public private(set) var audioMessage: String?
    public private(set) var project: Project
    public private(set) var statistics = PlaybackStatistics()
    public private(set) var overlay = PreviewOverlay()
    /// The size frames are rendered at: the preview size fitted to the timeline's aspect.
    public private(set) var renderSize: (width: Int, height: Int)

    private enum State {
        case stopped
        case playing(PlaySchedule, returnTo: Int64?)
    }

    private var state = State.stopped
    private var serial = 0
    /// The frame on screen (or that would be, without a preview).
    private var shownFrame: Int64 = 0
    private var stillFrame: Int64 = 0
    private var lastImage: RGBAImage?
    private var offsetSum = 0.0
    private var offsetCount = 0
    private var timingLog: [PresentedFrame] = []
    /// Frames rendered but dropped because the next one was due too (logged with `logTiming`).
    private var droppedLog: [PresentedFrame] = []

    private var window: PreviewWindow?
    private var device: AudioDevice?
    private var initialisedSubsystems: UInt32 = 0
    private let clock = MasterClock()
    private let feed: AudioFeed
    private let jobs: JobBox
    private let frames: FrameQueue
    private let skipped = SharedCount()
    private var workers: [Thread] = []
    private let workersDone = DispatchGroup()

    /// One presented frame, for sync tests and reports.
    struct PresentedFrame {
        var frame: Int64
        var dueTau: Int64
        var clockTau: Int64?
        var host: UInt64
    }

    public init(options: PlaybackOptions = PlaybackOptions()) {
        precondition(Thread.isMainThread, "SDL video belongs to the main thread: create the engine there")
        self.options = options
        project = Project(name: "")
        renderSize = (options.previewWidth, options.previewHeight)
        jobs = JobBox(project: project, size: renderSize)
        frames = FrameQueue(capacity: options.queuedFrames)

        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1")  // Ctrl-C and the terminal stay the TUI's
        SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0")
        SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear")

        var latency = 2
        if options.audio {
            if SDL_InitSubSystem(SDL_INIT_AUDIO) == 0 {
                initialisedSubsystems |= SDL_INIT_AUDIO
                latency = AudioDevice.latencyBuffers(driver: AudioDevice.currentDriver)
            } else {
                audioMessage = "no sound: \(String(cString: SDL_GetError()))"
            }
        } else {
            audioMessage = "no sound (audio off)"
        }
        feed = AudioFeed(clock: clock, latencyBuffers: latency)
        if initialisedSubsystems & SDL_INIT_AUDIO != 0 {
            do {
                device = try AudioDevice(feed: feed)
            } catch {
                audioMessage = "no sound: \(error.message); the system clock paces playback"
            }
        }

        if let refusal = options.previewRefusal() {
            previewMessage = refusal
        } else if SDL_InitSubSystem(SDL_INIT_VIDEO) != 0 {
            previewMessage = "preview off: \(String(cString: SDL_GetError()))"
        } else {
            initialisedSubsystems |= SDL_INIT_VIDEO
            do {
                window = try PreviewWindow(title: options.windowTitle, width: renderSize.width, height: renderSize.height)
                window?.present(RGBAImage(width: renderSize.width, height: renderSize.height))
            } catch {
                previewMessage = "preview off: \(error.message)"
            }
        }
        startWorkers()
    }

    deinit {
        close()
    }

    // MARK: Driving it (main thread)

    /// Takes a project (or a new state of it after an edit): playing continues from the same
    /// place with the new cut; stopped shows the frame at the position again.
    public func load(_ project: Project) {
        self.project = project
        jobs.post(project: project)
        let frame = TimelineRenderer.frameSize(of: project)
        let fitted = PixelRect.fitting(aspectWidth: frame.width, aspectHeight: frame.height,
                                       in: PixelRect(x: 0, y: 0, width: options.previewWidth, height: options.previewHeight))
        let size = (max(2, fitted.width & ~1), max(2, fitted.height & ~1))
        if size != renderSize {
            renderSize = size
            jobs.post(size: size)
        }
        window?.setTitle(project.name.isEmpty ? options.windowTitle : "\(options.windowTitle) — \(project.name)")
        if case .playing(let schedule, let returnTo) = state {
            restart(from: position, like: schedule, returnTo: returnTo)
        } else {
            seek(min(stillFrame, lastFrame))
        }
    }

    /// Moves to `frame`; playing goes on from there. Repeated seeks coalesce: only the newest
    /// is rendered.
    public func seek(_ frame: Int64) {
        let target = min(max(0, frame), lastFrame)
        if case .playing(let schedule, let returnTo) = state {
            restart(from: target, like: schedule, returnTo: returnTo)
            return
        }
        stillFrame = target
        newSerial()
        jobs.post(serial: serial, job: window == nil ? .idle : .still(frame: target))
        if window == nil { shownFrame = target }
    }

    /// Shows trim mode's two-up view: `outgoing` (the A side's last frame) on the left and
    /// `incoming` (the B side's first frame) on the right. Playing or seeking leaves it.
    public func showTrimPair(outgoing: Int64, incoming: Int64) {
        if case .playing = state { return }
        let clamp = { (f: Int64) in min(max(0, f), self.lastFrame) }
        stillFrame = clamp(incoming)
        newSerial()
        jobs.post(serial: serial, job: window == nil ? .idle : .pair(outgoing: clamp(outgoing), incoming: clamp(incoming)))
        if window == nil { shownFrame = stillFrame }
    }

    /// Plays from the position at `speed` to the end of the timeline (or through `range`,
    /// once or looping). At 1x forward with the mix as is; other speeds pitch-corrected (atempo). When a play
    /// that does not loop ends, the viewer stays on its last frame, or goes to `returnTo`.
    public func play(speed: PlaySpeed = .normal, range: Range<Int64>? = nil, loop: Bool = false, returnTo: Int64? = nil) {
        start(PlaySchedule(rate: project.timeline.rate, start: position, speed: speed,
                           range: clampedRange(range), loops: loop), returnTo: returnTo.map { min(max(0, $0), lastFrame) })
    }

    /// Plays around `frame`: from `preroll` frames before it to `postroll` after, then returns
    /// to `frame` (Avid's play-around-current, for judging an edit).
    public func playAround(_ frame: Int64, preroll: Int64, postroll: Int64) {
        let range = clampedRange(max(0, frame - preroll)..<(frame + postroll + 1))
        start(PlaySchedule(rate: project.timeline.rate, start: range.lowerBound, speed: .normal, range: range),
              returnTo: min(max(0, frame), lastFrame))
    }

    /// Reads τ of the play started last (the sample being heard, from the play's start; nil
    /// until its sound reaches the device) from any thread: what a voice-over capture stamps
    /// its buffers with.
    public func playClock() -> @Sendable () -> Int64? {
        let clock = self.clock, serial = self.serial
        return { clock.tau(serial: serial) }
    }

    /// Stops and returns the frame on screen, which stays there.
    @discardableResult
    public func stop() -> Int64 {
        guard case .playing = state else { return stillFrame }
        let frame = window != nil && window!.isVisible ? shownFrame : position
        state = .stopped
        stillFrame = frame
        newSerial()
        // The frame shown stays on screen; render one only if nothing was shown yet.
        jobs.post(serial: serial, job: window != nil && lastImage == nil ? .still(frame: frame) : .idle)
        shownFrame = frame
        return frame
    }

    /// Steps `frames` frames (negative: back) from the frame shown, stopping first.
    public func step(_ frames: Int64) {
        let from = stop()
        seek(from + frames)
    }

    public var isPlaying: Bool {
        if case .playing = state { return true }
        return false
    }

    public var speed: PlaySpeed? {
        if case .playing(let schedule, _) = state { return schedule.speed }
        return nil
    }

    /// The current frame: where the clock is while playing, the still frame when stopped.
    public var position: Int64 {
        guard case .playing(let schedule, _) = state else { return stillFrame }
        let tau = clock.tau(serial: serial) ?? 0
        return schedule.frame(at: tau) ?? (schedule.speed.isForward ? schedule.range.upperBound - 1 : schedule.range.lowerBound)
    }

    /// Whether the play's clock runs: its first sound has reached the device (or, without one,
    /// the play began). Until then the start frame waits on screen.
    public var hasStarted: Bool {
        guard case .playing = state else { return false }
        return clock.tau(serial: serial) != nil
    }

    /// The frame last put on screen.
    public var displayedFrame: Int64 { shownFrame }

    /// Shows the frames that are due, drops late ones, notices the end of a play, and handles
    /// window events. Never blocks; call it every few ms while playing (see `suggestedWait`).
    @discardableResult
    public func pump() -> [PreviewEvent] {
        let events = handleEvents()
        switch state {
        case .stopped:
            if let still = frames.peek(serial: serial).last {
                frames.flush()
                show(still, clockTau: nil)
            }
        case .playing(let schedule, let returnTo):
            let now = clock.tau(serial: serial)
            let tau = now ?? 0
            if window != nil {
                let queued = frames.peek(serial: serial)
                var due = 0
                while due < queued.count && queued[due].tau <= tau { due += 1 }
                if due > 0 {
                    // Every due frame but the newest is already late: drop it, as ffplay does.
                    statistics.framesDroppedLate += due - 1
                    if options.logTiming {
                        let host = Monotonic.nanoseconds()
                        droppedLog += queued[0 ..< due - 1].map { PresentedFrame(frame: $0.frame, dueTau: $0.tau, clockTau: now, host: host) }
                    }
                    frames.removeFirst(due)
                    show(queued[due - 1], clockTau: now)
                }
            } else {
                shownFrame = schedule.frame(at: tau) ?? shownFrame
            }
            statistics.framesSkipped = skipped.current
            statistics.audioUnderruns = feed.underruns
            if let end = schedule.endTau, tau >= end {
                let last = schedule.speed.isForward ? schedule.range.upperBound - 1 : schedule.range.lowerBound
                if window == nil { shownFrame = last }
                stop()
                if let returnTo { seek(returnTo) }
            }
        }
        return events
    }

    /// How long the run loop may wait before the next `pump()`: until the next frame is due,
    /// at most 10 ms (5 ms while playing without one ready).
    public var suggestedWait: Duration {
        guard case .playing = state else { return .milliseconds(10) }
        guard let next = frames.peek(serial: serial).first, let now = clock.tau(serial: serial) else { return .milliseconds(2) }
        let samples = max(0, next.tau - now)
        return .microseconds(min(10_000, samples * 1_000_000 / Int64(MasterClock.samplesPerSecond)))
    }

    // MARK: Window

    /// Whether a preview window exists and is showing.
    public var isPreviewVisible: Bool { window?.isVisible ?? false }

    /// Shows the window again after the user closed it.
    public func showPreview() {
        window?.setVisible(true)
        redraw()
    }

    public func hidePreview() { window?.setVisible(false) }

    public func setOverlay(timecode: Bool) {
        overlay.timecode = timecode
        redraw()
    }

    /// Action-safe and title-safe guides.
    public func setSafeAreaGuides(_ on: Bool) {
        overlay.safeAreas = on
        redraw()
    }

    public var isFullscreen: Bool { window?.isFullscreen ?? false }

    public func setFullscreen(_ on: Bool) {
        window?.setFullscreen(on)
        redraw()
    }

    /// The window's pixels as shown (tests compare them with Render's frame).
    public func readPreviewPixels() -> RGBAImage? { window?.readPixels() }

    public func resetStatistics() {
        statistics = PlaybackStatistics()
        skipped.reset()
        offsetSum = 0
        offsetCount = 0
    }

    /// Ends the workers, closes the device and the window. Safe to call twice.
    public func close() {
        guard !workers.isEmpty || initialisedSubsystems != 0 else { return }
        jobs.stop()
        frames.flush()
        feed.reset(serial: -1)
        _ = workersDone.wait(timeout: .now() + 5)
        workers.removeAll()
        device = nil
        window = nil
        if initialisedSubsystems != 0 {
            SDL_QuitSubSystem(initialisedSubsystems)
            initialisedSubsystems = 0
        }
    }

    // MARK: Inside

    private var lastFrame: Int64 { max(0, project.timeline.duration - 1) }

    private func clampedRange(_ range: Range<Int64>?) -> Range<Int64> {
        let whole = 0..<max(1, project.timeline.duration)
        guard let range else { return whole }
        let clamped = range.clamped(to: whole)
        return clamped.isEmpty ? whole : clamped
    }

    private func newSerial() {
        serial += 1
        frames.flush()
        feed.reset(serial: serial)
        clock.reset(serial: serial)
    }

    private func start(_ schedule: PlaySchedule, returnTo: Int64?) {
        guard project.timeline.duration > 0 else { return }
        newSerial()
        state = .playing(schedule, returnTo: returnTo)
        if device == nil { clock.startWall(serial: serial) }
        jobs.post(serial: serial, job: .play(schedule))
    }

    private func restart(from frame: Int64, like schedule: PlaySchedule, returnTo: Int64?) {
        let range = clampedRange(schedule.range)
        start(PlaySchedule(rate: project.timeline.rate, start: frame, speed: schedule.speed, range: range, loops: schedule.loops),
              returnTo: returnTo)
    }

    private func show(_ queued: QueuedFrame, clockTau: Int64?) {
        shownFrame = queued.frame
        lastImage = queued.image
        if let window, window.isVisible {
            window.present(overlay.apply(to: queued.image, label: timecodeLabel(queued.frame)))
        }
        guard case .playing = state else { return }
        statistics.framesPresented += 1
        if let clockTau {
            let lateMs = Double(clockTau - queued.tau) * 1000 / Double(MasterClock.samplesPerSecond)
            offsetSum += abs(lateMs)
            offsetCount += 1
            statistics.maxAVOffsetMs = max(statistics.maxAVOffsetMs, abs(lateMs))
            statistics.meanAVOffsetMs = offsetSum / Double(offsetCount)
        }
        if options.logTiming {
            timingLog.append(PresentedFrame(frame: queued.frame, dueTau: queued.tau, clockTau: clockTau, host: Monotonic.nanoseconds()))
        }
    }

    private func redraw() {
        guard let window, window.isVisible, let lastImage else { return }
        window.present(overlay.apply(to: lastImage, label: timecodeLabel(shownFrame)))
    }

    private func timecodeLabel(_ frame: Int64) -> String {
        let timeline = project.timeline
        return Timecode.format(frame: timeline.startTimecode + frame, rate: timeline.rate, dropFrame: timeline.dropFrame)
    }

    private func handleEvents() -> [PreviewEvent] {
        guard initialisedSubsystems & SDL_INIT_VIDEO != 0 else { return [] }
        var events: [PreviewEvent] = []
        var event = SDL_Event()
        while SDL_PollEvent(&event) != 0 {
            switch event.type {
            case SDL_WINDOWEVENT.rawValue:
                switch UInt32(event.window.event) {
                case SDL_WINDOWEVENT_CLOSE.rawValue:
                    window?.setVisible(false)
                    events.append(.closed)
                case SDL_WINDOWEVENT_EXPOSED.rawValue, SDL_WINDOWEVENT_SIZE_CHANGED.rawValue, SDL_WINDOWEVENT_RESIZED.rawValue:
                    redraw()
                default:
                    break
                }
            case SDL_KEYDOWN.rawValue:
                if let name = SDL_GetKeyName(event.key.keysym.sym) {
                    events.append(.key(String(cString: name)))
                }
            default:
                break  // SDL_QUIT included: closing the preview never ends the program
            }
        }
        return events
    }

    private func startWorkers() {
        let videoOpener = options.videoOpener
        let audioOpener = options.audioOpener
        let makePool: @Sendable () -> MediaPool = {
            var video: MediaPool.VideoOpener?
            if let videoOpener { video = { reference throws(MediaError) in try videoOpener(reference) } }
            var audio: MediaPool.AudioOpener?
            if let audioOpener { audio = { reference throws(MediaError) in try audioOpener(reference) } }
            return MediaPool(video: video, audio: audio)
        }
        let jobs = self.jobs, frames = self.frames, clock = self.clock, skipped = self.skipped, feed = self.feed
        let done = workersDone
        if window != nil {
            done.enter()
            let picture = Thread {
                PictureThread.run(jobs: jobs, queue: frames, clock: clock, skipped: skipped, makePool: makePool)
                done.leave()
            }
            picture.name = "termcut picture"
            picture.stackSize = 8 << 20
            workers.append(picture)
        }
        if device != nil {
            // Without a sound decoder the mix is silence, but the device still keeps the clock.
            done.enter()
            let sound = Thread {
                SoundThread.run(jobs: jobs, feed: feed, makePool: makePool)
                done.leave()
            }
            sound.name = "termcut sound"
            sound.stackSize = 8 << 20
            workers.append(sound)
        }
        workers.forEach { $0.start() }
    }

    // MARK: For tests and reports

    func takeTimingLog() -> [PresentedFrame] {
        defer { timingLog.removeAll() }
        return timingLog
    }

    /// The frames dropped late since the last call (see `droppedLog`).
    func takeDroppedLog() -> [PresentedFrame] {
        defer { droppedLog.removeAll() }
        return droppedLog
    }

    var audioFeed: AudioFeed { feed }
}
