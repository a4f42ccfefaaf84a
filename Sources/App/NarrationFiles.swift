import Editor
import Foundation

/// Where narration files go and how they are named: `voiceover/` beside the project file,
/// `voiceover-001.wav`, `scratch-002.wav`… (never over an existing file).
enum Narration {
    static func folder(_ editor: Editor, _ command: String) throws(CommandError) -> URL {
        guard let session = editor.session else {
            throw CommandError("\(command): the project has no file yet; save it first (the narration goes in voiceover/ beside it)")
        }
        let folder = session.url.deletingLastPathComponent().appendingPathComponent("voiceover", isDirectory: true)
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw CommandError("\(command): cannot make \(folder.path): \(error.localizedDescription)")
        }
        return folder
    }

    static func freshFile(in folder: URL, stem: String) -> URL {
        var n = 1
        while true {
            let url = folder.appendingPathComponent(String(format: "%@-%03d.wav", stem, n))
            if !FileManager.default.fileExists(atPath: url.path) { return url }
            n += 1
        }
    }

    /// The bin narration lands in: the first bin (as import does), else "Media".
    static func bin(_ editor: Editor) -> String { editor.project.bins.first?.name ?? "Media" }
}
