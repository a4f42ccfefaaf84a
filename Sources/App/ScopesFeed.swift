import Analysis
import Delivery
import Editor
import Foundation
import Media
import Render
import TimelineModel
import TUI

/// Feeds the scopes pane off the UI thread: the scopes of the frame under the playhead, and
/// meters and loudness of the programme's sound while playing.
///
/// Two worker threads, each with its own `TimelineRenderer` (renderers are not thread-safe):
/// - pictures: takes the latest request only (stale ones are dropped unseen), recomputes only
///   when the playhead frame, the project revision or the pane's scope sizes change. Where one
///   clip fills the picture, it scopes that clip's decoded frame at full size (exact code values,
///   so super-whites and sub-blacks show; every 2nd row while playing). Elsewhere (transitions,
///   gaps, offline cards) Render's RGBA picture fitted into 640×360: the waveform and parade bin
///   every pixel into the pane's ~100–200 dot columns, so 640 columns are still 3–6 picture
///   columns per dot column and 360 rows give hundreds of samples each; scaling averages only
///   neighbours, so flat areas keep their exact levels and only single-pixel peaks soften.
///   While playing it computes at most 10 times a second (`playingRate`; 2 with
///   `--low-bandwidth`, where each new trace is bytes on a slow link), leaving the cores to playback.
/// - sound: Render's mix at the playhead (`sound(from:count:)`, 48 kHz stereo), from where it
///   last stopped up to the frame on screen, into an `AudioMeter` and a constant-memory
///   `LoudnessMeter`. It is the programme as the mixer makes it, not the exact buffers the audio
///   device plays (those live in the playback engine), so it can lead or lag the speakers by a
///   few frames. A jump of more than a second, or a new play, starts the meters afresh.
///
/// The UI thread only posts requests and reads results under a lock: a key press or a frame of
/// playback never waits for a scope.
@MainActor
public final class ScopesFeed {
    private let mailbox = ScopesMailbox()
    private var lastKey: PictureKey?
    private var wasPlaying = false
    public private(set) var view = ScopesView()
    /// Scope pictures per second while playing.
    public let playingRate: Double

    public init(playingRate: Double = 10) {
        self.playingRate = playingRate
        let mailbox = self.mailbox
        let pictures = Thread { ScopesFeed.pictureLoop(mailbox) }
        pictures.name = "termcut scopes"
        pictures.stackSize = 8 << 20
        pictures.start()
        let sound = Thread { ScopesFeed.soundLoop(mailbox) }
        sound.name = "termcut meters"
        sound.stackSize = 8 << 20
        sound.start()
    }

    public func close() {
        mailbox.withLock { $0.closed = true }
    }

    /// Once per turn of the TUI's loop: posts what the pane needs now; true when new results came.
    public func poll(editor: Editor, session: TUISession?) -> Bool {
        let frame = editor.context.playhead
        let playing = editor.transport.isPlaying
        if let session {
            let layout = ScreenLayout(width: session.width, height: session.height)
            let sizes = layout.isTooSmall ? [] : ScopesPane.traceSizes(area: layout.scopes, kind: session.view.scopes.kind)
                .filter { $0.cells > 0 && $0.rows > 0 }
                .map { ScopeSize(kind: $0.kind, cells: $0.cells, rows: $0.rows) }
            let key = PictureKey(revision: editor.revision, frame: frame, sizes: sizes, proxies: editor.useProxies)
            if key != lastKey, !sizes.isEmpty {
                lastKey = key
                let request = PictureRequest(key: key, project: editor.previewProject, playing: playing,
                                             playingInterval: 1 / max(playingRate, 0.1))
                mailbox.withLock { $0.picture = request }
            }
        }
        if playing {
            let end = AudioMix.sample(ofFrame: frame + 1, rate: editor.timeline.rate)
            let request = SoundRequest(revision: editor.revision, project: editor.project, end: end, restart: !wasPlaying)
            mailbox.withLock { state in
                // Keep a pending restart: a fresh play must reset the meters even if overtaken.
                let restart = request.restart || (state.sound?.restart ?? false)
                state.sound = request
                state.sound?.restart = restart
            }
        }
        wasPlaying = playing
        guard let (scopes, note, meters) = mailbox.withLock({ state -> ([RenderedScope]?, String, MeterReading?)? in
            guard state.changed else { return nil }
            state.changed = false
            return (state.scopes, state.note, state.meters)
        }) else { return false }
        if let scopes { view.scopes = scopes }
        view.note = note
        view.meters = meters
        return true
    }

    // MARK: Workers

    public nonisolated static func pictureLoop(_ mailbox: ScopesMailbox) {
        var renderer: TimelineRenderer?
        var revision = -1, proxies = false
        while let request = mailbox.next(\.picture) {
            let started = Date()
            if renderer == nil {
                renderer = TimelineRenderer(project: request.project)
            } else if request.key.revision != revision || request.key.proxies != proxies {
                // A proxy toggle leaves the revision alone but swaps every media's path.
                renderer!.update(request.project)
            }
            revision = request.key.revision
            proxies = request.key.proxies
            let r = renderer!
            let fitted = r.fittedSize(width: 640, height: 360)
            let timeline = request.project.timeline
            let timecode = Timecode.format(frame: timeline.startTimecode + request.key.frame, rate: timeline.rate,
                                           dropFrame: timeline.dropFrame)
            let scopes: [RenderedScope]?, note: String
            if let (image, origin) = try? ScopeSources.picture(r, frame: request.key.frame, width: fitted.width, height: fitted.height) {
                let rowStep = request.playing ? max(1, image.height / 540) : 1
                scopes = request.key.sizes.map { $0.kind.render(image, cells: $0.cells, rows: $0.rows, rowStep: rowStep) }
                note = "\(timecode) · \(origin)"
            } else {
                scopes = nil
                note = "\(timecode) · no picture: \(r.lastProblem ?? "unknown problem")"
            }
            mailbox.withLock { state in
                if let scopes { state.scopes = scopes }
                state.note = note
                state.changed = true
            }
            if request.playing {
                let rest = request.playingInterval - Date().timeIntervalSince(started)
                if rest > 0 { Thread.sleep(forTimeInterval: rest) }
            }
        }
    }

    public nonisolated static func soundLoop(_ mailbox: ScopesMailbox) {
        let rate = TimelineRenderer.sampleRate, channels = TimelineRenderer.channels
        var renderer: TimelineRenderer?
        var revision = -1
        var next: Int64 = -1
        var meter = AudioMeter(channelCount: channels, sampleRate: rate)
        var loudness = try? LoudnessMeter(channelCount: channels, sampleRate: rate, constantMemory: true)
        var tracks = TrackMeters()
        while let request = mailbox.next(\.sound) {
            if renderer == nil {
                renderer = TimelineRenderer(project: request.project, pool: ProgrammeLoudness.makePool())
                renderer!.tapsTracks = true
            } else if request.revision != revision {
                renderer!.update(request.project)
            }
            revision = request.revision
            if request.restart || next < 0 || request.end < next || request.end - next > Int64(rate) {
                // A new play or a jump: start the meters afresh 100 ms before the frame on screen.
                next = max(0, request.end - Int64(rate / 10))
                meter = AudioMeter(channelCount: channels, sampleRate: rate)
                loudness = try? LoudnessMeter(channelCount: channels, sampleRate: rate, constantMemory: true)
                tracks = TrackMeters()
            }
            while next < request.end {
                let count = Int(min(request.end - next, Int64(rate / 10)))
                let samples = renderer!.sound(from: next, count: count)
                if let block = try? AudioBlock(samples: samples, channelCount: channels, sampleRate: rate) {
                    try? meter.feed(block)
                    try? loudness?.add(block)
                }
                tracks.feed(renderer!)
                next += Int64(count)
            }
            let reading = MeterReading(channels: meter.levels, momentary: loudness?.momentary ?? -.infinity,
                                       shortTerm: loudness?.shortTerm ?? -.infinity, integrated: loudness?.integrated ?? -.infinity,
                                       tracks: tracks.levels(request.project.timeline))
            mailbox.withLock { state in
                state.meters = reading
                state.changed = true
            }
        }
    }
}

public struct ScopeSize: Equatable, Sendable {
    public var kind: ScopeKind
    public var cells: Int
    public var rows: Int
}

/// What a picture result answers: the same key means the same scopes.
public struct PictureKey: Equatable, Sendable {
    public var revision: Int
    public var frame: Int64
    public var sizes: [ScopeSize]
    /// Scopes read the proxies when the preview does: a toggle is a new picture.
    public var proxies = false
}

public struct PictureRequest: Sendable {
    public var key: PictureKey
    public var project: Project
    public var playing: Bool
    /// The least time between two pictures while playing, in seconds.
    public var playingInterval = 0.1
}

public struct SoundRequest: Sendable {
    public var revision: Int
    public var project: Project
    /// Timeline sample (48 kHz) up to which to meter: the end of the frame on screen.
    public var end: Int64
    public var restart: Bool
}

/// Requests and results between the UI thread and the feed's workers. Reviewed as
/// `@unchecked Sendable`: `state` is only reached under `condition`'s lock.
public final class ScopesMailbox: @unchecked Sendable {
    public struct State {
        var picture: PictureRequest?
        var sound: SoundRequest?
        var scopes: [RenderedScope]?
        var note = ""
        var meters: MeterReading?
        var changed = false
        var closed = false
    }

    private let condition = NSCondition()
    private var state = State()

    public func withLock<Result>(_ body: (inout State) -> Result) -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return body(&state)
    }

    /// Waits for the latest request in `slot` and takes it; nil once closed.
    public func next<Request>(_ slot: WritableKeyPath<State, Request?>) -> Request? {
        condition.lock()
        defer { condition.unlock() }
        while state[keyPath: slot] == nil && !state.closed { condition.wait() }
        guard !state.closed else { return nil }
        defer { state[keyPath: slot] = nil }
        return state[keyPath: slot]
    }
}
