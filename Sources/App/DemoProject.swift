import Editor
import Foundation
import Media
import TimelineModel

/// The project a newcomer sees on first run: the demo clips in a bin and a short cut already
/// made from them, built with the same commands a user would type.
public enum DemoProject {
    public static var url: URL { DemoMedia.defaultFolder.appendingPathComponent("demo.termcut") }

    /// Generates the media if needed and writes the project once; later runs reuse both.
    public static func ensure(progress: (DemoProgress) -> Void = { _ in }) throws -> URL {
        let clips = try DemoMedia.ensureClips(progress: progress)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let editor = Editor(project: Project(name: "demo", bins: [Bin(name: "Demo")]), catalog: LibavMediaCatalog())
        let folder = DemoMedia.defaultFolder.path
        let imports = clips.map { "import \(CommandText.quote(folder + "/" + $0.url.lastPathComponent)) Demo" }
        let script = imports + [
            "source countdown", "mark-in 0", "mark-out 00:00:02:29", "insert",
            "source bars", "mark-in 0", "mark-out 00:00:01:29", "insert",
            "source talk", "mark-in 00:00:01:00", "mark-out 00:00:07:29", "insert",
            "source countdown", "mark-in 00:00:06:00", "mark-out 00:00:08:29", "insert",
            "add-marker Bars green at=00:00:03:00",
            "add-marker Talk blue at=00:00:05:00",
            "goto 0",
        ]
        let (ok, messages) = editor.runScript(script.joined(separator: "\n"))
        guard ok else { throw CLIError("demo project: \(messages.last ?? "could not be built")") }
        _ = try editor.save(to: url)
        return url
    }
}
