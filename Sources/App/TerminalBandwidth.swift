import Foundation

/// What the editor writes to its terminal, counted through a pseudo-terminal: the bytes of one
/// frame step and of each second of playback, with the scopes pane showing. This is what a slow
/// SSH link has to carry, so it is measured as bytes, never as time.
public struct TerminalBandwidth {
    public struct Figures: Sendable {
        /// Bytes of the first full screen, until it settled.
        public var opening: Int
        /// That screen's output as text, escape sequences included (to see which panes showed).
        public var openingText: String
        /// Bytes of each frame step (the right arrow), until the screen settled again.
        public var steps: [Int]
        /// Bytes written while playing, and for how long playback ran.
        public var playingBytes: Int
        public var playingSeconds: Double

        public var bytesPerSecondPlaying: Double { playingSeconds > 0 ? Double(playingBytes) / playingSeconds : 0 }
        public var meanStep: Double { steps.isEmpty ? 0 : Double(steps.reduce(0, +)) / Double(steps.count) }
    }

    /// The `termcut` binary to run.
    public var executable: String
    /// The project to open; the editor opens it in place (use a copy).
    public var project: URL
    public var width = 160
    public var height = 45
    public var lowBandwidth = false
    public var steps = 10
    public var playSeconds = 10.0
    /// How long without output counts as "settled" (the scopes arrive from a worker thread).
    public var quiet: TimeInterval = 1.0

    public init(executable: String, project: URL) {
        self.executable = executable
        self.project = project
    }

    /// The editor as a user over SSH would start it: no preview window, no sound device, no
    /// user keymap (HOME is a scratch folder) and no autosave.
    func start() throws -> PseudoTerminal {
        var arguments = ["open", project.path, "--no-preview", "--autosave", "0"]
        if lowBandwidth { arguments.append("--low-bandwidth") }
        let home = project.deletingLastPathComponent().appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return try PseudoTerminal(executable: executable, arguments: arguments,
                                  environment: ["HOME": home.path, "SDL_AUDIODRIVER": "dummy", "DISPLAY": "",
                                                "WAYLAND_DISPLAY": "", "COLORTERM": ""],
                                  width: width, height: height)
    }

    /// Opens the editor, steps `steps` frames one key at a time, plays `playSeconds` (if any) and stops.
    public func measure() throws -> Figures {
        let terminal = try start()
        defer { terminal.terminate() }
        func settle(_ what: String) throws {
            guard terminal.waitForQuiet(quiet, patience: 120) else {
                let tail = String(terminal.recentOutput.suffix(400))
                throw CLIError("bench ui: the editor did not settle \(what)\(terminal.hasEnded ? " (it ended)" : ""): \(tail.debugDescription)")
            }
        }
        try settle("after opening")
        let opening = terminal.bytesWritten, openingText = terminal.recentOutput
        var stepBytes: [Int] = []
        // The editor asks ncurses for keypad mode, so the arrow comes in application form.
        for _ in 0..<steps {
            let before = terminal.bytesWritten
            terminal.send("\u{1B}OC")
            try settle("after a frame step")
            stepBytes.append(terminal.bytesWritten - before)
        }
        guard playSeconds > 0 else {
            return Figures(opening: opening, openingText: openingText, steps: stepBytes, playingBytes: 0, playingSeconds: 0)
        }
        let before = terminal.bytesWritten
        let started = Date()
        terminal.send("l")
        Thread.sleep(forTimeInterval: playSeconds)
        let playing = terminal.bytesWritten - before
        let seconds = Date().timeIntervalSince(started)
        terminal.send("k")
        try settle("after stopping")
        return Figures(opening: opening, openingText: openingText, steps: stepBytes, playingBytes: playing,
                       playingSeconds: seconds)
    }
}
