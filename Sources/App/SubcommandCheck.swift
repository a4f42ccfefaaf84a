import Editor

/// `termcut NAME` opens a project only when NAME looks like one (it ends in `.termcut`); any
/// other first word that is no subcommand is a typo to point out, not a project to create
/// (`termcut rendr cut.termcut` must not open a project called "rendr").
public enum SubcommandCheck {
    /// The message for an unknown subcommand, or nil when `arguments` (without the program
    /// name) are fine to hand to the parser.
    public static func problem(arguments: [String], subcommands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommands.contains(first), first != "help",
              !first.hasSuffix(".termcut") else { return nil }
        let hint = CommandRegistry.nearest(first, among: subcommands).map { " (did you mean `termcut \($0)`?)" } ?? ""
        return "unknown subcommand \"\(first)\"\(hint). To open a project, name it NAME.termcut or use `termcut open \(first)`; "
            + "`termcut --help` lists the subcommands."
    }
}
