import App
import ArgumentParser
import Foundation
import PathBytes

/// The `termcut` executable: every subcommand is a thin shell over the library modules,
/// so what a script does here is what the editor does interactively.
@main
struct Termcut: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "termcut",
        abstract: "A keyboard-driven non-linear video editor for the terminal.",
        discussion: """
            With no subcommand, opens the editor on the built-in demo project \
            (its media is generated on first run).
            """,
        version: version,
        subcommands: [
            Open.self,
            Run.self,
            Import.self,
            Export.self,
            Dump.self,
            Commands.self,
            Bench.self,
            ProbeCommand.self,
            DemoCommand.self,
            FrameCommand.self,
            Play.self,
            ScopeCommand.self,
            LoudnessCommand.self,
            RenderCommand.self,
            ProxiesCommand.self,
            PresetsCommand.self,
            SilencesCommand.self,
            ScenesCommand.self,
            AutocutCommand.self,
        ],
        defaultSubcommand: Open.self
    )

    /// Parse errors get ArgumentParser's usage text; errors while running get one line naming
    /// what failed and exit status 1, never a stack trace.
    static func main() {
        // Swift decodes argv as UTF-8, replacing bytes that are not with U+FFFD, so a path such
        // as $'caf\xe9.termcut' would silently name another file: parse the lossless form.
        let arguments = RawArguments.lossless()
        if let problem = SubcommandCheck.problem(arguments: arguments,
                                                 subcommands: configuration.subcommands.map { $0._commandName }) {
            FileHandle.standardError.write(Data("termcut: \(problem)\n".utf8))
            Foundation.exit(64)  // EX_USAGE, as ArgumentParser's own usage errors
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // Help requests, usage errors and exit codes: ArgumentParser prints them its way.
            exit(withError: error)
        } catch {
            // Names that are not UTF-8 are shown with their bytes escaped (`caf\xE9.mov`).
            FileHandle.standardError.write(Data("termcut: \(PathBytes.shown("\(error)"))\n".utf8))
            Foundation.exit(1)
        }
    }
}

/// `termcut bench …`: benchmarks that print JSON figures and, where a reference tool
/// exists, the ratio against it measured in the same run.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure termcut's speed and print JSON figures.",
        subcommands: [BenchModel.self, BenchMedia.self, BenchPlayback.self, BenchScopes.self, BenchUI.self, BenchExport.self, BenchFarm.self, BenchAuto.self, BenchPost.self, BenchMix.self]
    )
}
