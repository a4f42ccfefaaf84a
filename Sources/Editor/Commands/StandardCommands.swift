extension CommandRegistry {
    /// Every built-in command, grouped by editing domain (one file per domain).
    public static let standard: CommandRegistry = {
        var r = CommandRegistry()
        for spec in ProjectCommands.all + BinCommands.all + TransportCommands.all + EditCommands.all + TrimCommands.all
            + MarkerCommands.all + SpeedCommands.all + TrackCommands.all + PlaybackCommands.all + PlaybackCommands.previewCommands + InterchangeCommands.all
            + MixCommands.all + KeyframeCommands.all + VoiceoverCommands.all + MotionCommands.all {
            r.register(spec)
        }
        for spec in SequenceCommands.all { r.register(spec) }
        for spec in SequenceListCommands.all { r.register(spec) }
        for spec in ProposalCommands.all { r.register(spec) }
        for spec in AutoTransitionCommands.all { r.register(spec) }
        for spec in SubtitleCommands.all { r.register(spec) }
        for spec in CleanupCommands.all { r.register(spec) }
        for spec in ChannelCommands.all { r.register(spec) }
        for spec in GradeCommands.all { r.register(spec) }
        for spec in ProxyCommands.all { r.register(spec) }
        for spec in SubclipCommands.all { r.register(spec) }
        // Vim's habit, in scripts as in the palette.
        r.alias("w", to: "save")
        return r
    }()
}
