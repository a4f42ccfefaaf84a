import Editor
import Foundation
import TimelineModel

/// `scratch-voiceover "TEXT" [track=A2] [voice=en]`: temporary narration spoken by Debian's
/// espeak-ng, as editors lay a scratch track before the real voice is recorded. The WAV goes
/// into `voiceover/` beside the project and the media and clip are named "SCRATCH …" so nobody
/// mistakes it for the final voice. Overwritten at the record in mark, else the playhead.
public enum ScratchVoiceover {
    public static let spec = CommandSpec(
        "scratch-voiceover", .editing, "Speak typed text with espeak-ng as a SCRATCH voice-over onto an audio track at the record in (or playhead)",
        arguments: [ArgumentSpec("text", .word, "the words, quoted"),
                    ArgumentSpec("track", .track, optional: true, "audio track (default A2)"),
                    ArgumentSpec("voice", .word, optional: true, "espeak-ng voice (default en)")],
        changesProject: true
    ) { editor, args in
        let text = try args.string("text").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw CommandError("scratch-voiceover: give the words to speak, in quotes") }
        let voice = args["voice"] ?? "en"
        guard voice.allSatisfy({ $0.isLetter || $0.isNumber || "-_+/".contains($0) }) else {
            throw CommandError("scratch-voiceover: \"\(voice)\" is not an espeak-ng voice name (such as en, en-us, de)")
        }
        let track = try VoiceoverCommands.narrationTrack(editor, args)
        guard let catalog = editor.catalog else { throw CommandError("scratch-voiceover: no media engine in this session") }
        guard let espeak = executable("espeak-ng") else {
            throw CommandError("scratch-voiceover: espeak-ng is not installed (Debian: apt-get install espeak-ng)")
        }
        let folder = try Narration.folder(editor, "scratch-voiceover")
        let url = Narration.freshFile(in: folder, stem: "scratch")
        try speak(text, voice: voice, espeak: espeak, to: url)
        var ref = try catalog.probe(url)
        ref = VoiceoverCommands.identified(ref, in: editor.project)
        let words = text.count > 32 ? String(text.prefix(31)) + "…" : text
        ref.name = "SCRATCH VO \"\(words)\""
        let at = editor.timeline.markIn ?? editor.context.playhead
        let placed = try VoiceoverCommands.place(editor, ref, bin: Narration.bin(editor), track: track, at: at, duration: nil)
        return CommandResult(placed.message, journalLine: placed.journalLine, undoLabel: placed.undoLabel)
    }

    /// Runs espeak-ng into a temporary name beside `url`, renamed when it succeeded.
    static func speak(_ text: String, voice: String, espeak: String, to url: URL) throws(CommandError) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: espeak)
        // `--` ends the options, so words starting with "-" are spoken, not parsed.
        process.arguments = ["-v", voice, "-w", temporary.path, "--", text]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw CommandError("scratch-voiceover: cannot run espeak-ng: \(error.localizedDescription)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        let size = (try? FileManager.default.attributesOfItem(atPath: temporary.path)[.size] as? Int) ?? 0
        guard process.terminationStatus == 0, size > 44, message.isEmpty || !message.lowercased().contains("error") else {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandError("scratch-voiceover: espeak-ng failed\(message.isEmpty ? "" : ": " + message) (voice \(voice))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandError("scratch-voiceover: cannot write \(url.path)")
        }
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
