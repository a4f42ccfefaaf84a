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

extension DemoProject {
    /// A cut every four frames through the three demo clips in turn (bars, countdown, talk), each
    /// shot from a different place in its media: every few frame steps land on another picture,
    /// so the scopes and the source/record info change at once (`bench ui`'s hard case). Written
    /// to `url` (replacing it) from the same commands a user would type.
    public static func writeHardCuts(to url: URL, shots: Int = 60, framesPerShot: Int = 4) throws {
        let clips = try DemoMedia.ensureClips()
        let editor = Editor(project: Project(name: "hard cuts", bins: [Bin(name: "Demo")]), catalog: LibavMediaCatalog())
        let folder = DemoMedia.defaultFolder.path
        var script = clips.map { "import \(CommandText.quote(folder + "/" + $0.url.lastPathComponent)) Demo" }
        let names = ["bars", "countdown", "talk"]
        for shot in 0..<shots {
            // Seven frames on per shot: each shot of a clip shows a later part of it.
            let first = (shot * 7) % 200
            script += ["source \(names[shot % names.count])", "mark-in f\(first)",
                       "mark-out f\(first + framesPerShot - 1)", "insert"]
        }
        script.append("goto 0")
        let (ok, messages) = editor.runScript(script.joined(separator: "\n"))
        guard ok else { throw CLIError("hard-cut project: \(messages.last ?? "could not be built")") }
        try? FileManager.default.removeItem(at: url)
        _ = try editor.save(to: url)
    }
}
