/// Commands the TUI runs itself because they change only the view (zoom, focus,
/// overlays). They live in the same keymaps and palette as the editor's commands;
/// everything else is sent to the editor.
public enum TUICommand {
    /// Name → one-line help, shown by the help overlay like the editor's commands.
    public static let help: [String: String] = [
        "help": "Show the keys of the current mode",
        "palette": "Open the command line",
        "quit": "Leave termcut",
        "zoom-in": "Show less time across the timeline",
        "zoom-out": "Show more time across the timeline",
        "zoom-fit": "Fit the whole sequence in the timeline pane",
        "focus-next": "Move the focus to the next pane",
        "focus-prev": "Move the focus to the previous pane",
        "focus": "Focus a pane: bins or timeline",
        "bins-up": "Select the previous row in the bins",
        "bins-down": "Select the next row in the bins",
        "bins-top": "Select the first row in the bins",
        "bins-bottom": "Select the last row in the bins",
        "bins-collapse": "Close the selected bin (on media: the bin it is in)",
        "bins-expand": "Open the selected bin",
        "bins-toggle": "Open or close the selected bin",
        "bins-sort": "Sort each bin's media by a column; the same column again reverses",
        "bins-search": "Search the bins: type to filter, enter keeps the filter, esc clears it",
        "bins-filter": "List only media whose name contains TEXT (no text: all)",
        "scroll-up": "Scroll up one line",
        "scroll-down": "Scroll down one line",
        "page-up": "Scroll up one page",
        "page-down": "Scroll down one page",
        "help-close": "Close the help",
        "palette-complete": "Complete the command name",
        "palette-history-prev": "Previous line from the palette history",
        "palette-history-next": "Next line from the palette history",
        "palette-accept": "Run the line",
        "palette-cancel": "Close the palette without running anything",
        "redraw": "Redraw the whole screen",
        "theme": "Switch to another theme: theme NAME",
        "scope": "Show a scope: waveform, parade, vectorscope, histogram or rgb-histogram",
        "scope-next": "Show the next scope",
        "scope-prev": "Show the previous scope",
        "mixer-pane": "Show the mixer in the scopes' place (again: the scopes)",
    ]

    public static let names = Set(help.keys)

    /// Argument hints for the palette.
    public static let argumentHints: [String: String] = [
        "focus": "<bins|timeline>",
        "theme": "<name>",
        "bins-sort": "<name|duration|size|rate|codec|next|none>",
        "bins-filter": "[text]",
        "scope": "<waveform|parade|vectorscope|histogram|rgb-histogram>",
    ]
}
