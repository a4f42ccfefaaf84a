import Editor
import TUI

/// The one command table every front end uses: the editor's commands, the app's (render,
/// loudness…: `MeasureLoudness.registry`), and the TUI's view commands with vim's aliases.
/// `termcut open`, `termcut run` and `termcut commands` all read this, so a line that works
/// in one works in the others (or says it needs the editor's screen).
public enum CommandTable {
    public static let registry = MeasureLoudness.registry.addingViewCommands()
}
