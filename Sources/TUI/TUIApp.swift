import Foundation

/// How to start the editor's screen.
public struct TUIOptions: Sendable {
    /// `keymaps/NAME.toml`: "default" or "vim" (the `--keymap` flag).
    public var keymapName: String
    /// `themes/NAME.toml`; nil picks "dark", or "16color" on terminals with fewer than 256 colours.
    public var themeName: String?
    /// Merged over the keymap key by key; nil for none.
    public var userKeymapFile: URL?
    /// Mouse clicks place the playhead and select bins rows; the wheel zooms.
    public var mouse: Bool
    /// How long one wait for a key lasts before the pollers and `onIdle` run.
    public var tickMilliseconds: Int32
    public var environment: [String: String]
    /// `--low-bandwidth`: for slow links. The screen is sent at most 5 times a second (`PresentPacer`),
    /// in 16 colours (short escape sequences) with scope traces in one colour; the app also
    /// slows the scopes (`ScopesFeed`).
    public var lowBandwidth = false

    public init(keymapName: String = "default", themeName: String? = nil,
                userKeymapFile: URL? = Keymap.defaultUserFile(), mouse: Bool = true, tickMilliseconds: Int32 = 33,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.keymapName = keymapName
        self.themeName = themeName
        self.userKeymapFile = userKeymapFile
        self.mouse = mouse
        self.tickMilliseconds = tickMilliseconds
        self.environment = environment
    }
}

/// The interactive editor: opens the terminal, runs the loop, restores the terminal.
///
/// ```swift
/// let app = TUIApp(target: EditorBridge(editor: editor), options: TUIOptions(keymapName: flag))
/// app.pollers.append { player.pumpEvents() }   // true when the screen should update
/// try MainActor.assumeIsolated { try app.run() }
/// ```
/// The loop waits at most `tickMilliseconds` for a key, so other event sources (the
/// SDL preview window, background jobs) are pumped from the same, main thread.
@MainActor
public final class TUIApp {
    public let target: CommandTarget
    public let options: TUIOptions
    /// Called once per loop turn; return true when something the screen shows changed
    /// (the model is then re-read and the screen redrawn).
    public var pollers: [() -> Bool] = []
    /// Called once per loop turn, after the pollers.
    public var onIdle: (() -> Void)?
    /// Asked once per loop turn for a message to show (journal recovery, autosave, preview
    /// state); nil when there is none. It waits in a `NoticeQueue` while the message line holds
    /// a key's or command's result younger than two seconds.
    public var notices: (() -> (message: String, isError: Bool)?)?
    /// Waveforms and thumbnails (see `LibavMediaFeed`); nil draws clips plain.
    public var mediaFeed: MediaFeed?
    /// The running session (nil before `run` and after it returns).
    public private(set) var session: TUISession?

    public init(target: CommandTarget, options: TUIOptions = TUIOptions()) {
        self.target = target
        self.options = options
    }

    /// Runs until `quit`. The terminal is restored when this returns or throws, and on
    /// SIGINT/SIGTERM/SIGHUP or a crash while it runs.
    public func run() throws {
        let screen = try NcursesScreen.open(mouse: options.mouse)
        defer {
            screen.close()
            session = nil
        }
        var depth = ColorDepth.detect(environment: options.environment, terminalColors: screen.colors,
                                      canShowRGB: screen.canShowRGB)
        // 16 colours: `ESC[31m` instead of `ESC[38;5;203m` or `ESC[38;2;…m` for every colour change.
        if options.lowBandwidth, depth != .none { depth = .ansi16 }
        let catalog = target.catalog
        var (keymap, problems) = Keymap.load(name: options.keymapName, userFile: options.userKeymapFile,
                                             isKnownCommand: { catalog.contains($0) })
        keymap.name = options.keymapName
        let themeName = options.themeName ?? (depth == .ansi16 ? "16color" : "dark")
        var (theme, themeProblems) = Theme.load(name: themeName)
        if options.lowBandwidth { theme = theme.withPlainScopeTraces() }
        problems += themeProblems
        let session = TUISession(target: target, keymap: keymap, theme: theme, colorDepth: depth,
                                 width: screen.width, height: screen.height, problems: problems)
        session.mediaFeed = mediaFeed
        self.session = session
        // Frames go out through termcut's own encoder where it can speak for the terminal (UTF-8,
        // colours by number): about half the bytes of ncurses' refresh (`DirectBackend`).
        let direct = screen.isUTF8 && (depth != .trueColor || screen.colors >= 0x1000000)
            ? DirectBackend(depth: depth, terminalColors: screen.colors, capabilities: screen.encoderCapabilities,
                            width: screen.width, height: screen.height) : nil
        let renderer = FrameRenderer(backend: direct ?? NcursesBackend(screen: screen, depth: depth))
        func clearScreen() {
            screen.clearAll()
            renderer.invalidate()
            direct?.reset()
            direct?.size = (screen.width, screen.height)
        }
        session.presentNow = { [unowned session] in session.present(on: renderer) }
        // ncurses' own first refresh (alternate screen, cleared) happens now, not inside a key read.
        if direct != nil { clearScreen() }
        var pacer = PresentPacer.forLink(lowBandwidth: options.lowBandwidth)
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

        var queue = NoticeQueue()
        // The greeting (or a keymap problem) is there before anyone read it: a notice may replace it.
        queue.showing(session.view.message, at: -.infinity)
        while !session.quitRequested {
            if session.forceFullRedraw {
                session.forceFullRedraw = false
                clearScreen()
                session.resize(width: screen.width, height: screen.height)
            }
            if session.needsRender, pacer.isDue(now: seconds()) {
                let now = seconds()
                session.present(on: renderer)
                pacer.presented(at: now, flushSeconds: renderer.lastFlushSeconds)
            }
            if let event = screen.readEvent(timeoutMilliseconds: options.tickMilliseconds) {
                switch event {
                case .key(let key):
                    session.handle(key)
                case .resize(let width, let height):
                    clearScreen()
                    session.resize(width: width, height: height)
                case .mouse(let mouse):
                    session.handle(mouse: mouse)
                }
            }
            var changed = false
            for poller in pollers where poller() { changed = true }
            if changed { session.refreshModel() }
            if mediaFeed?.takeChanges() == true { session.setNeedsRender() }
            onIdle?()
            // A notice waits while the user reads what their last key or command said.
            queue.showing(session.view.message, at: seconds())
            if let notice = notices?() { queue.post(.init(notice.message, isError: notice.isError)) }
            if let notice = queue.next(at: seconds()) { session.show(notice.text, isError: notice.isError) }
        }
    }
}
