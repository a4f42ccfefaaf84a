import ArgumentParser

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
            Bench.self,
            ProbeCommand.self,
            DemoCommand.self,
            FrameCommand.self,
        ]
    )
}

/// `termcut bench …`: benchmarks that print JSON figures and, where a reference tool
/// exists, the ratio against it measured in the same run.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure termcut's speed and print JSON figures.",
        subcommands: []
    )
}
