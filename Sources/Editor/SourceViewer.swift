import TimelineModel

/// What the viewer shows: the record side (the timeline) or the source monitor's media, which
/// is played as a one-clip sequence of the whole file so preview, scopes and J/K/L work on it
/// exactly as on the timeline.
extension Editor {
    /// The project the viewer plays: the real one, or a sequence holding only the source media.
    public var viewerProject: Project { decodedForPreview(viewerProjectOriginals) }

    /// The viewer's project as a render would read it (the originals).
    var viewerProjectOriginals: Project {
        guard context.monitor == .source, let source = context.source,
              let media = project.mediaReference(source.media) else { return project }
        let rate = timeline.rate
        let frames = media.availableFrames(at: rate)
        var viewer = Project(name: "source: \(media.name)", media: [media],
                             timeline: Timeline(name: media.name, rate: rate, dropFrame: timeline.dropFrame, startTimecode: 0))
        guard frames > 0 else { return viewer }
        let clip = { (id: Int64) in
            Item.clip(Clip(id: ClipID(id), name: media.name, media: media.id,
                           source: FrameRange(start: 0, duration: frames), available: frames))
        }
        viewer.timeline.tracks[0].items = media.video != nil ? ItemList([clip(1)]) : ItemList()
        viewer.timeline.tracks[1].items = media.audio != nil ? ItemList([clip(2)]) : ItemList()
        return viewer
    }

    /// Which side the viewer shows, to notice a switch ("record", or "source:" and the media id).
    public var viewerKey: String {
        let proxies = useProxies ? "+proxies" : ""
        if context.monitor == .source, let source = context.source { return "source:\(source.media.rawValue)" + proxies }
        return "record" + proxies
    }

    /// The viewer's position: the source monitor's position or the record playhead.
    public var viewerPosition: Int64 {
        if context.monitor == .source, let source = context.source { return source.position }
        return context.playhead
    }
}
