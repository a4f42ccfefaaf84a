import Editor
import Foundation
import Interchange
import TimelineModel

/// Opens a project for a script: takes its lock for the whole run, then reads the file; a file
/// that does not exist yet becomes a new, unsaved project (written by the first save, so a
/// failed script leaves no file behind).
public func openOrCreate(_ path: String) throws -> Editor {
    StartGate.pass()
    return try Editor(openingOrCreating: URL(fileURLWithPath: path), forScript: true, registry: CommandTable.registry,
               catalog: LibavMediaCatalog())
}
