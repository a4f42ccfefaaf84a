import Editor
import Foundation
import Media
import Playback
import TimelineModel

/// `record-voiceover [track=A2] [preroll=2s]`: narration from the default capture device onto
/// an audio track between the record marks, with the timeline playing from in − pre-roll.
///
/// How the recording meets the timeline: the capture device stamps each buffer with the play
/// clock τ (the output sample being heard, `VoiceCapture`), so the sample recorded while the
/// listener hears record frame `in` is the clip's first. The recording is written as a 16-bit
/// mono WAV into `voiceover/` beside the project (temporary name, then renamed), probed like an
/// import, and placed with `place-recording` as one undoable overwrite.
///
/// The command runs the play to the out mark before it returns, in scripts and in the editor
/// alike (the editor's screen waits meanwhile). `record-voiceover-stop` / `-cancel` set a flag the
/// recording loop reads, so they act on a recording in progress run by another caller; from
/// keys they can only say that none is running, since the keys wait for the recording too.
public enum VoiceoverRecording {
    public static let specs: [CommandSpec] = [
        CommandSpec("record-voiceover", .editing, "Record narration from the default capture device onto an audio track between the record marks, the timeline playing from in − pre-roll",
                    arguments: [ArgumentSpec("track", .track, optional: true, "audio track (default A2)"),
                                ArgumentSpec("preroll", .frames, optional: true, "pre-roll before the in mark (default 2s)")],
                    changesProject: true) { editor, args in
            try record(editor, args)
        },
        CommandSpec("record-voiceover-stop", .editing, "Stop the voice-over recording in progress and keep what was recorded") { _, _ in
            guard Control.shared.request(.stop) else { throw CommandError("record-voiceover-stop: no voice-over recording in progress") }
            return CommandResult("stopping the voice-over recording")
        },
        CommandSpec("record-voiceover-cancel", .editing, "Cancel the voice-over recording in progress: nothing is kept") { _, _ in
            guard Control.shared.request(.cancel) else { throw CommandError("record-voiceover-cancel: no voice-over recording in progress") }
            return CommandResult("cancelling the voice-over recording")
        },
    ]

    /// The recording in progress, if any, and what was asked of it.
    final class Control: @unchecked Sendable {
        enum Request { case stop, cancel }
        static let shared = Control()
        private let lock = NSLock()
        private var running = false
        private var pending: Request?

        func begin() { lock.lock(); running = true; pending = nil; lock.unlock() }
        func end() { lock.lock(); running = false; pending = nil; lock.unlock() }
        func request(_ r: Request) -> Bool {
            lock.lock(); defer { lock.unlock() }
            guard running else { return false }
            if pending != .cancel { pending = r }
            return true
        }
        var requested: Request? { lock.lock(); defer { lock.unlock() }; return pending }
    }

    /// The play clock the capture reads: set once the play has started (its serial is current).
    final class ClockBox: @unchecked Sendable {
        private let lock = NSLock()
        private var read: (@Sendable () -> Int64?)?
        func set(_ r: @escaping @Sendable () -> Int64?) { lock.lock(); read = r; lock.unlock() }
        func tau() -> Int64? { lock.lock(); let r = read; lock.unlock(); return r?() }
    }

    static func record(_ editor: Editor, _ args: Arguments) throws -> CommandResult {
        let track = try VoiceoverCommands.narrationTrack(editor, args)
        let timeline = editor.timeline
        guard let markIn = timeline.markIn, let markOut = timeline.markOut, markOut >= markIn else {
            throw CommandError("record-voiceover: set the record in and out marks first (mark-in, mark-out): the narration goes between them")
        }
        let preroll = try args.frames("preroll", rate: timeline.rate) ?? timeline.rate.timecodeBase * 2
        guard preroll >= 0 else { throw CommandError("record-voiceover: the pre-roll must not be negative") }
        guard let catalog = editor.catalog else { throw CommandError("record-voiceover: no media engine in this session") }
        let start = max(0, markIn - preroll)
        let end = markOut + 1

        let clock = ClockBox()
        let capture: VoiceCapture
        do { capture = try VoiceCapture(clock: { clock.tau() }) } catch {
            throw CommandError("record-voiceover: \(error.message)")
        }
        defer { capture.close() }
        let folder = try Narration.folder(editor, "record-voiceover")
        var options = PlaybackOptions()
        options.preview = false
        let engine = PlaybackEngine(options: options)
        defer { engine.close() }
        if let problem = engine.audioMessage {
            throw CommandError("record-voiceover: the timeline cannot play while recording (\(problem))")
        }
        engine.load(editor.project)
        engine.seek(start)
        engine.play(range: start..<end)
        clock.set(engine.playClock())
        Control.shared.begin()
        defer { Control.shared.end() }
        // Capture starts once the play's sound is heard (τ known), so what is kept was recorded
        // while the timeline played; the pre-roll covers the few milliseconds this takes.
        var capturing = false
        while engine.isPlaying && Control.shared.requested == nil {
            engine.pump()
            if !capturing && clock.tau() != nil {
                capture.start()
                capturing = true
            }
            usleep(capturing ? 5_000 : 1_000)
        }
        let reached = engine.isPlaying ? engine.stop() : end
        if Control.shared.requested == .cancel {
            capture.close()
            return CommandResult("voice-over recording cancelled; nothing changed")
        }

        let rate = timeline.rate
        let frames = max(0, min(end, reached) - markIn)
        guard frames > 0 else { throw CommandError("record-voiceover: stopped before the in mark; nothing recorded") }
        // τ counts from the play's first sample, timeline sample ⌊start × 48000 / rate⌋ (`PlaySchedule`).
        let inTau = firstSample(markIn, rate) - firstSample(start, rate)
        let count = firstSample(markIn + frames, rate) - firstSample(markIn, rate)
        capture.waitUntilRecorded(throughTau: inTau + count)
        capture.close()
        let recording = capture.recording()
        guard recording.firstTau != nil else {
            throw CommandError("record-voiceover: the capture device delivered no sound while the timeline played")
        }
        let samples = VoiceCapture.aligned(recording, start: inTau, count: Int(count))
        let url = Narration.freshFile(in: folder, stem: "voiceover")
        do { try WAVFile.write(mono: samples, sampleRate: VoiceCapture.sampleRate, to: url) } catch {
            throw CommandError("record-voiceover: \(error)")
        }
        var ref = try catalog.probe(url)
        ref = VoiceoverCommands.identified(ref, in: editor.project)
        ref.name = "VO " + url.deletingPathExtension().lastPathComponent
        let placed = try VoiceoverCommands.place(editor, ref, bin: Narration.bin(editor), track: track, at: markIn, duration: frames)
        return CommandResult("recorded \(url.lastPathComponent): " + placed.message, journalLine: placed.journalLine, undoLabel: placed.undoLabel)
    }

    /// The first 48 kHz sample of timeline frame `frame`.
    static func firstSample(_ frame: Int64, _ rate: Rate) -> Int64 {
        frame * Int64(VoiceCapture.sampleRate) * rate.denominator / rate.numerator
    }
}
