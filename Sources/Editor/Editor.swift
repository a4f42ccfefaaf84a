import Foundation
import Interchange
import TimelineModel

/// What running one command line did, for the message line and for scripts.
public struct CommandOutcome: Sendable {
    public var command: String
    public var message: String
    public var isError: Bool
    public var changedProject: Bool
    /// `CommandResult.details`: lines the command line prints under the message.
    public var details: [String] = []
}

/// One editing session on one project: the state, the commands that change it, undo and the journal.
///
/// Every change to the project goes through `execute`, which snapshots the project for undo,
/// runs the command, and — only if the project changed — appends the command to the journal and
/// flushes it before returning, so the screen never shows a change that a crash could lose.
public final class Editor {
    public private(set) var state: EditorState
    public let registry: CommandRegistry
    public var catalog: MediaCatalog?
    /// Where the project lives on disk; nil for an unsaved project.
    public private(set) var session: ProjectSession?

    struct UndoStep {
        var label: String
        var project: Project
    }
    private var undoStack: [UndoStep] = []
    private var redoStack: [UndoStep] = []

    /// What the last model edit reported (created clips, applied deltas), for commands that follow up on it.
    public internal(set) var lastEdit: EditOutcome?
    /// Set by an edit that gave an empty sequence its first clip's settings (`SequenceCommands`).
    var settingsNote: String?

    /// How the preview window should look; the front end applies it. Changed only by the
    /// preview commands (`preview`, `preview-timecode`…), never written from outside.
    public internal(set) var preview = PreviewSettings()

    /// Whether the preview and scopes decode media proxies (`proxy on|off|toggle`); renders never do.
    public internal(set) var useProxies = false

    /// Playback requests: the engine reads them; commands change them.
    public private(set) var transport = TransportState()

    public func setTransport(_ change: (inout TransportState) -> Void) {
        change(&transport)
        transport.generation += 1
    }

    /// Moves the playhead — or the source monitor's position when the viewer shows the source —
    /// as playback advances (not a command: it changes no project and is not journaled).
    public func playbackMoved(to frame: Int64) {
        if state.context.monitor == .source, state.context.source != nil {
            state.context.source!.position = max(0, frame)
        } else {
            state.context.playhead = max(0, frame)
        }
    }

    /// A detector's proposed edits under review (`detect-silences`); nil when none.
    public var proposals: EditProposals?

    /// Set by commands that ask the front end to do something outside the model (quit, open help).
    public var requests: [String] = []

    public init(project: Project, registry: CommandRegistry = .standard, catalog: MediaCatalog? = nil) {
        self.state = EditorState(project: project)
        self.registry = registry
        self.catalog = catalog
        normaliseTargets()
    }

    /// Opens a project file: takes its lock, replays a journal newer than the file.
    /// `forScript`: a refusal tells a script to close the other termcut (read-only is no use to it).
    public convenience init(opening url: URL, readOnly: Bool = false, forScript: Bool = false,
                            registry: CommandRegistry = .standard, catalog: MediaCatalog? = nil) throws {
        let session = try ProjectSession.open(url, readOnly: readOnly, forScript: forScript)
        try self.init(session: session, registry: registry, catalog: catalog)
    }

    /// Takes the project's lock, then opens the file there or, when there is none yet, starts a
    /// new empty project named after it (written by the first save).
    public convenience init(openingOrCreating url: URL, forScript: Bool, registry: CommandRegistry = .standard,
                            catalog: MediaCatalog? = nil) throws {
        let session = try ProjectSession.openOrCreate(url, newProject: {
            Project(name: url.deletingPathExtension().lastPathComponent, bins: [Bin(name: "Media")])
        }, forScript: forScript)
        try self.init(session: session, registry: registry, catalog: catalog)
    }

    private convenience init(session: ProjectSession, registry: CommandRegistry, catalog: MediaCatalog?) throws {
        self.init(project: session.loaded.project, registry: registry, catalog: catalog)
        self.session = session
        if let view = session.loaded.view {
            viewState = view
            if let playhead = view.playhead { state.context.playhead = max(0, playhead) }
        }
        let mediaNote = checkMediaIdentity()
        let (recovered, problem) = try session.replayJournal(into: self)
        var notes: [String] = session.loaded.repairs.map { "repaired: \($0)" }
        if let mediaNote { notes.append(mediaNote) }
        if recovered > 0 { notes.append("recovered \(recovered) command\(recovered == 1 ? "" : "s") from the journal") }
        if let problem { notes.append(problem) }
        if session.readOnly { notes.append("read-only: \(session.lockHolderDescription.isEmpty ? "opened read-only" : "held by " + session.lockHolderDescription)") }
        lastMessage = notes.joined(separator: "; ")
    }

    /// The screen as the front end last reported it (zoom, open bins, focus), saved with the
    /// project beside the playhead; what the project file brought back when opened.
    public var viewState = ProjectViewState()

    /// What a save writes: the front end's view with the playhead as it is now.
    var viewToSave: ProjectViewState {
        var view = viewState
        view.playhead = state.context.playhead
        return view
    }

    /// The message a front end should show first (recovery, read-only notice).
    public var lastMessage: String = ""

    public var project: Project { state.project }
    public var timeline: Timeline { state.project.timeline }
    public var context: EditorContext {
        get { state.context }
        set { state.context = newValue }
    }

    // MARK: - Running commands

    @discardableResult
    public func execute(_ line: String) -> CommandOutcome {
        execute(line, journaling: true)
    }

    /// Runs a line of one or more commands (`save; render`), each undone and journaled on its
    /// own, stopping at the first error; aliases expand as in the palette (`w` is `save`).
    @discardableResult
    func execute(_ line: String, journaling: Bool) -> CommandOutcome {
        let commands: [String]
        do { commands = try registry.expand(line) } catch {
            return CommandOutcome(command: "", message: error.message, isError: true, changedProject: false)
        }
        if commands.count == 1 { return executeOne(commands[0], journaling: journaling) }
        var messages: [String] = [], details: [String] = []
        var changed = false
        var last = CommandOutcome(command: "", message: "", isError: false, changedProject: false)
        for command in commands {
            last = executeOne(command, journaling: journaling)
            changed = changed || last.changedProject
            if !last.message.isEmpty { messages.append(last.message) }
            details += last.details
            if last.isError { break }
        }
        return CommandOutcome(command: last.command, message: messages.joined(separator: "; "), isError: last.isError,
                              changedProject: changed, details: details)
    }

    private func executeOne(_ line: String, journaling: Bool) -> CommandOutcome {
        let parsed: CommandText
        do {
            guard let p = try CommandText.parse(line) else {
                return CommandOutcome(command: "", message: "", isError: false, changedProject: false)
            }
            parsed = p
        } catch {
            return CommandOutcome(command: "", message: "\(error)", isError: true, changedProject: false)
        }
        guard let spec = registry.command(named: parsed.name) else {
            let hint = registry.suggestion(for: parsed.name).map { " (did you mean \($0)?)" } ?? ""
            return CommandOutcome(command: parsed.name, message: "unknown command \"\(parsed.name)\"\(hint)",
                                  isError: true, changedProject: false)
        }
        let before = state
        let contextBefore = state.context
        let undoBefore = undoStack, redoBefore = redoStack
        do {
            let arguments = try Arguments(command: spec.name, specs: spec.arguments, text: parsed)
            if spec.changesProject, journaling, let session, session.readOnly {
                throw CommandError("\(spec.name): the project is open read-only (\(session.readOnlyReason))")
            }
            let result = try spec.handler(self, arguments)
            let changed = spec.changesProject && state.project != before.project
            if changed {
                lastChange = Date()
                revision += 1
                if journaling, let session {
                    // Journaled before it counts: an edit that could not be made durable is
                    // taken back (the catch below), never shown as done.
                    do { try session.journal(line: result.journalLine ?? line, context: contextBefore) } catch {
                        throw CommandError("\(spec.name): not done: \(error); the edit was taken back because a crash "
                                           + "would lose it (free some space or fix the folder, then do it again)")
                    }
                }
                if spec.name != "undo" && spec.name != "redo" {
                    let label = result.undoLabel ?? (result.message.isEmpty ? spec.name : result.message)
                    undoStack.append(UndoStep(label: label, project: before.project))
                    redoStack.removeAll()
                }
            }
            normaliseTargets()
            return CommandOutcome(command: spec.name, message: result.message, isError: false, changedProject: changed,
                                  details: result.details)
        } catch {
            state = before
            undoStack = undoBefore
            redoStack = redoBefore
            let message: String
            switch error {
            case let e as CommandError: message = e.message
            case let e as EditError: message = "\(spec.name): \(e.message)"
            default: message = "\(spec.name): \(error)"
            }
            return CommandOutcome(command: spec.name, message: message, isError: true, changedProject: false)
        }
    }

    /// Runs lines as one unit: on the first error the project and context return to what they
    /// were before the script, and the error names the line.
    public func runScript(_ text: String) -> (ok: Bool, messages: [String]) {
        let before = state
        let undoBefore = undoStack, redoBefore = redoStack
        var messages: [String] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let outcome = execute(String(line), journaling: false)
            if outcome.isError {
                state = before
                undoStack = undoBefore
                redoStack = redoBefore
                return (false, messages + ["line \(n + 1): \(outcome.message)"])
            }
            if !outcome.message.isEmpty { messages.append(outcome.message) }
            messages += outcome.details.map { "  " + $0 }
        }
        return (true, messages)
    }

    // MARK: - State changes available to command handlers

    /// Replaces the project (command handlers call this; undo is handled by `execute`).
    public func setProject(_ project: Project) { state.project = project }

    public func undo() throws(CommandError) -> String {
        guard let step = undoStack.popLast() else { throw CommandError("nothing to undo") }
        redoStack.append(UndoStep(label: step.label, project: state.project))
        state.project = step.project
        return "undo: \(step.label)"
    }

    public func redo() throws(CommandError) -> String {
        guard let step = redoStack.popLast() else { throw CommandError("nothing to redo") }
        undoStack.append(UndoStep(label: step.label, project: state.project))
        state.project = step.project
        return "redo: \(step.label)"
    }

    public var undoDepth: Int { undoStack.count }
    public var redoDepth: Int { redoStack.count }
    public var undoLabel: String? { undoStack.last?.label }

    /// Projects held by the undo stack, oldest first (benchmarks measure what they share).
    public var undoSnapshots: [Project] { undoStack.map(\.project) }

    // MARK: - Saving

    public func attach(session: ProjectSession) { self.session = session }

    public func save(to url: URL? = nil) throws -> String {
        if let url, session?.url.standardizedFileURL.path != url.standardizedFileURL.path {
            // The new file's lock first: if it is held, this session keeps its own lock and file.
            let created = try ProjectSession.create(url, project: state.project)
            session?.release()
            session = created
            return "saved \(url.lastPathComponent)"
        }
        guard let session else { throw CommandError("save: the project has no file yet (use save-as PATH)") }
        let warning = try session.save(state.project, view: viewToSave)
        return "saved \(session.url.lastPathComponent)" + (warning.map { "; warning: \($0)" } ?? "")
    }

    public var isDirty: Bool { session?.isDirty ?? true }

    private var lastChange = Date()

    /// Counts changes to the project (commands, undo, redo), so observers such as the playback
    /// engine reload only when something changed.
    public internal(set) var revision = 0

    /// Saves when the project has unsaved changes and nothing changed for `idleSeconds`;
    /// returns the message to show, or nil when it did nothing.
    public func autosaveIfDue(idleSeconds: TimeInterval, now: Date = Date()) -> String? {
        guard let session, !session.readOnly, session.isDirty, now.timeIntervalSince(lastChange) >= idleSeconds else { return nil }
        do {
            let warning = try session.save(state.project, view: viewToSave)
            return "autosaved \(session.url.lastPathComponent)" + (warning.map { "; warning: \($0)" } ?? "")
        } catch {
            lastChange = now  // do not retry every tick; the next change or interval tries again
            return "autosave failed: \(error)"
        }
    }

    // MARK: - Housekeeping

    /// Marks media whose file is missing, or no longer the one imported, as offline (with the
    /// reason); clips on them stay editable. See `checkMediaIdentity`.
    public func markOfflineMedia() {
        checkMediaIdentity()
    }

    /// Sets a media's offline state outside the undo history (it is the file's state, not an edit).
    func updateMediaStatus(index: Int, offline: Bool, reason: String?) {
        state.project.media[index].isOffline = offline
        state.project.media[index].offlineReason = reason
    }

    /// Keeps targets and selections pointing at tracks that exist after tracks come and go.
    private func normaliseTargets() {
        let tracks = state.project.timeline.tracks
        if let v = context.videoTarget, !(tracks.indices.contains(v) && tracks[v].kind == .video) {
            state.context.videoTarget = tracks.firstIndex { $0.kind == .video }
        }
        if let a = context.audioTarget, !(tracks.indices.contains(a) && tracks[a].kind == .audio) {
            state.context.audioTarget = tracks.firstIndex { $0.kind == .audio }
        }
        state.context.selectedTracks = state.context.selectedTracks.filter { tracks.indices.contains($0) }
        state.context.editPoints = state.context.editPoints.filter { tracks.indices.contains($0.track) }
    }
}
