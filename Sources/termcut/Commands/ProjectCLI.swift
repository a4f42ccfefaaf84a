import App
import ArgumentParser
import Editor
import Foundation
import Interchange
import PathBytes
import TimelineModel

/// `termcut run PROJECT SCRIPT`: the palette's commands, headless, saved at the end.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a script of editor commands on a project and save it.",
        discussion: """
            The script holds one command per line in the palette's syntax; `#` starts a comment. \
            The script runs as one unit: if a line fails, the error names the line and the project \
            is left exactly as it was. A project that does not exist yet is created.
            """)

    @Argument(help: "The project file (.termcut).") var project: String
    @Argument(help: "The script file, or - for standard input.") var script: String
    @Flag(name: .shortAndLong, help: "Print each command's message.") var verbose = false
    @Flag(name: .long, help: ArgumentHelp(
        "Run each command as the interactive editor does: journaled one by one, printing `journaled N` after each.",
        discussion: "A failing line stops the script and keeps what came before it. Use it to drive termcut from another program."))
    var journaled = false
    @Flag(name: .long, help: "With --journaled: leave the work in the journal instead of saving at the end.")
    var noSave = false

    func run() throws {
        let data: Data
        if script == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard SystemFile.isFolder(script) == false, let read = try? SystemFile.read(script) else {
                throw CLIError("\(PathBytes.shown(script)): cannot read the script (no such file, a folder, or no permission)")
            }
            data = read
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            throw CLIError("\(PathBytes.shown(script)): the script is UTF-16 text; save it as UTF-8")
        }
        // UTF-8, with any byte that is not kept as a `PathBytes` scalar: a script may name a file
        // whose name is not UTF-8 (`import caf\xE9.mov` with the raw byte), and that file must open.
        let text = PathBytes.string(from: data)
        let editor = try openOrCreate(project)
        // The lock file goes when the run ends, however it ends (ArgumentParser exits without
        // running deinitialisers).
        defer { editor.session?.release() }
        if !editor.lastMessage.isEmpty { FileHandle.standardError.write(Data("termcut: \(PathBytes.shown(editor.lastMessage))\n".utf8)) }
        if journaled {
            try runJournaled(editor, text)
            return
        }
        let (ok, messages) = editor.runScript(text)
        if !ok {
            throw CLIError("\(script == "-" ? "<stdin>" : script): \(messages.last ?? "failed")")
        }
        if verbose { messages.forEach { print(PathBytes.shown($0)) } }
        let saved = try editor.save()
        if saved.contains("warning:") { FileHandle.standardError.write(Data("termcut: \(saved)\n".utf8)) }
    }
}

extension Run {
    func runJournaled(_ editor: Editor, _ text: String) throws {
        if editor.session?.isNew ?? true { _ = try editor.save() }
        var count = 0
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let outcome = editor.execute(String(line))
            if outcome.isError {
                throw CLIError("\(script == "-" ? "<stdin>" : script): line \(n + 1): \(outcome.message)")
            }
            if outcome.command.isEmpty { continue }
            count += 1
            if verbose && !outcome.message.isEmpty { print(PathBytes.shown(outcome.message)) }
            if verbose { outcome.details.forEach { print("  " + PathBytes.shown($0)) } }
            // Printed only after the command is on disk: a reader may count on everything up to N surviving.
            print("journaled \(count)")
            fflush(nil)
        }
        if !noSave { _ = try editor.save() }
    }
}

/// `termcut dump PROJECT`: every track's items with record and source timecodes.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the project's timeline as stable text (record and source timecodes per item).")

    @Argument(help: "The project file (.termcut).") var project: String
    @Flag(name: .long, help: "Print the whole project (media, bins, timeline) as JSON, journal applied.") var json = false

    func run() throws {
        let editor = try Editor(opening: URL(fileURLWithPath: project), readOnly: true, catalog: LibavMediaCatalog())
        defer { editor.session?.release() }
        if json {
            let data = ProjectFile.encode(editor.project, saveID: nil, folder: nil)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(TimelineDump.text(editor.project), terminator: "")
        }
    }
}

/// `termcut commands`: the command table that keys, the palette and scripts share.
struct Commands: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every command (editor and view) with its arguments and help, and the aliases.")

    @Flag(name: .long, help: "Print JSON instead of a table.") var json = false

    func run() throws {
        print(CommandListing.text(CommandTable.registry, json: json), terminator: "")
    }
}
