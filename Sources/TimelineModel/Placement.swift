extension Timeline {
    /// The clips an edit source becomes on its patched tracks: picture on `patch.video`, sound on
    /// `patch.audio`, linked when there are both. Checks the source range against the media,
    /// the tracks' kinds and locks, and allocates ids (clips in track order, then the link), so
    /// replaying the same edit gives the same ids.
    mutating func placements(for source: EditSource, patch: SourcePatch,
                             notes: inout [String]) throws(EditError) -> [(track: Int, clip: Clip)] {
        let range = source.range
        guard range.duration >= 1 else {
            throw EditError(.invalidRange, "the source range of \(source.name) is empty: mark an out after the in")
        }
        if range.start < 0 || (source.available.map { range.end > $0 } ?? false) {
            let length = source.available.map { "\($0) frames" } ?? "no frames before its first"
            throw EditError(.outsideMedia, "\(source.name) has \(length); the edit asks for frames \(range.start)–\(range.end - 1)")
        }
        var targets: [Int] = []
        var channels: [Int: Int] = [:]     // audio track → the source channel its clip plays
        if source.hasVideo, let v = patch.video {
            try requireTrack(v)
            guard tracks[v].kind != .audio else {
                throw EditError(.wrongTrackKind, "\(tracks[v].name) is an audio track: patch the picture of \(source.name) to a video track")
            }
            try requireUnlocked(v)
            targets.append(v)
        } else if !source.hasVideo, let v = patch.video, tracks.indices.contains(v) {
            notes.append("\(source.name) has no picture: \(tracks[v].name) unchanged")
        }
        if source.hasAudio, let a = patch.audio {
            try requireTrack(a)
            guard tracks[a].kind == .audio else {
                throw EditError(.wrongTrackKind, "\(tracks[a].name) is not an audio track: patch the sound of \(source.name) to an audio track")
            }
            try requireUnlocked(a)
            for landing in try audioLanding(from: a, channels: source.audioChannels, sourceName: source.name) {
                if landing.track != a { try requireUnlocked(landing.track) }
                targets.append(landing.track)
                channels[landing.track] = landing.channel
            }
        } else if !source.hasAudio, let a = patch.audio, tracks.indices.contains(a) {
            notes.append("\(source.name) has no sound: \(tracks[a].name) unchanged")
        }
        guard !targets.isEmpty else {
            throw EditError(.nothingSelected, "no track is patched for \(source.name): patch its picture or sound to a track")
        }
        targets.sort()
        var clips: [(track: Int, clip: Clip)] = targets.map { t in
            var clip = Clip(id: ClipID(allocateID()), name: source.name, media: source.media, source: range, available: source.available)
            clip.channel = channels[t]
            return (t, clip)
        }
        if clips.count > 1 {
            let link = LinkID(allocateID())
            for k in clips.indices { clips[k].clip.link = link }
        }
        return clips
    }
}
