import Editor
import Foundation
import Interchange
import TimelineModel

/// Opens a project for editing; a file that does not exist yet becomes a new, unsaved project
/// (written by the first save, so a failed script leaves no file behind).
public func openOrCreate(_ path: String) throws -> Editor {
    let url = URL(fileURLWithPath: path)
    if FileManager.default.fileExists(atPath: url.path) {
        return try Editor(opening: url, registry: MeasureLoudness.registry, catalog: LibavMediaCatalog())
    }
    let name = url.deletingPathExtension().lastPathComponent
    return Editor(project: Project(name: name, bins: [Bin(name: "Media")]), registry: MeasureLoudness.registry,
                  catalog: LibavMediaCatalog())
}
