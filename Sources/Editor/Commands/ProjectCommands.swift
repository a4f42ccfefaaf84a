import Foundation

/// Saving, undo and redo.
enum ProjectCommands {
    static let all: [CommandSpec] = [
        CommandSpec("save", .project, "Save the project (atomically; the journal starts afresh)") { editor, _ in
            CommandResult(try editor.save())
        },
        CommandSpec("save-as", .project, "Save the project to a new file and keep editing that one",
                    arguments: [ArgumentSpec("path", .path, "where to write the .termcut file")]) { editor, args in
            let path = try args.string("path")
            return CommandResult(try editor.save(to: URL(fileURLWithPath: path)))
        },
        CommandSpec("undo", .project, "Undo the last change to the project", changesProject: true) { editor, _ in
            CommandResult(try editor.undo())
        },
        CommandSpec("redo", .project, "Redo the last undone change", changesProject: true) { editor, _ in
            CommandResult(try editor.redo())
        },
    ]
}
