/// The UI roles themes style. Every shipped theme defines each of these (directly
/// or through a parent scope); a test keeps it so.
public enum ThemeRole {
    public static let ui = "ui"
    public static let border = "ui.border"
    public static let borderFocused = "ui.border.focused"
    public static let title = "ui.title"
    public static let titleFocused = "ui.title.focused"
    public static let textDim = "ui.text.dim"
    public static let statusline = "ui.statusline"
    public static let statuslineMode = "ui.statusline.mode"
    public static let statuslineFlag = "ui.statusline.flag"
    public static let statuslineTimecode = "ui.statusline.timecode"
    public static let messageInfo = "ui.message.info"
    public static let messageError = "ui.message.error"
    public static let help = "ui.help"
    public static let helpKey = "ui.help.key"
    public static let helpTitle = "ui.help.title"
    public static let palette = "ui.palette"
    public static let paletteHint = "ui.palette.hint"
    public static let paletteCompletion = "ui.palette.completion"
    public static let notice = "ui.notice"

    public static let binsHeader = "bins.header"
    public static let binsBin = "bins.bin"
    public static let binsRow = "bins.row"
    public static let binsRowSelected = "bins.row.selected"
    public static let binsRowOffline = "bins.row.offline"

    public static let ruler = "timeline.ruler"
    public static let rulerLabel = "timeline.ruler.label"
    public static let trackHeader = "timeline.track.header"
    public static let trackHeaderFlag = "timeline.track.header.flag"
    public static let clipVideo = "timeline.clip.video"
    public static let clipAudio = "timeline.clip.audio"
    public static let clipSelected = "timeline.clip.selected"
    public static let clipOffline = "timeline.clip.offline"
    public static let gap = "timeline.gap"
    public static let transition = "timeline.transition"
    public static let marker = "timeline.marker"
    public static let playhead = "timeline.playhead"
    public static let inOut = "timeline.inout"
    /// Ranges a detector proposes to cut, and the one under review.
    public static let proposal = "timeline.proposal"
    public static let proposalCurrent = "timeline.proposal.current"

    public static let all: [String] = [
        ui, border, borderFocused, title, titleFocused, textDim, statusline, statuslineMode, statuslineFlag,
        statuslineTimecode, messageInfo, messageError, help, helpKey, helpTitle, palette, paletteHint,
        paletteCompletion, notice, binsHeader, binsBin, binsRow, binsRowSelected, binsRowOffline, ruler,
        rulerLabel, trackHeader, trackHeaderFlag, clipVideo, clipAudio, clipSelected, clipOffline, gap,
        transition, marker, playhead, inOut, proposal, proposalCurrent,
    ]

    /// Without colour (NO_COLOR), these attributes keep each role distinguishable.
    public static let monochrome: [String: Attributes] = [
        borderFocused: .bold, titleFocused: [.bold, .underline], statusline: .reverse, statuslineMode: .bold,
        statuslineFlag: [.bold, .underline], messageError: .bold, helpKey: .bold, helpTitle: .bold,
        paletteCompletion: .reverse, binsBin: .bold, binsRowSelected: .reverse, binsRowOffline: .dim,
        trackHeader: .bold, trackHeaderFlag: .reverse, clipSelected: [.reverse, .bold], clipOffline: .dim,
        transition: .bold, marker: .bold, playhead: .reverse, inOut: .underline, notice: .bold, ruler: .dim,
        proposal: .underline, proposalCurrent: [.reverse, .underline],
    ]
}
