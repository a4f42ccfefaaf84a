/// How a source's sound channels land on audio tracks when it is edited in, set per sequence
/// (Premiere's "default audio tracks" preference, Resolve's "audio track type").
public enum AudioMapping: String, Codable, Sendable, CaseIterable {
    /// One clip carrying all the channels (stereo plays as stereo), on the patched audio track.
    case stereo
    /// Each channel its own mono clip, on the patched audio track and the ones after it:
    /// a stereo recording's L on A1 and R on A2, four lavalier mics on A1…A4.
    case monoPairs = "mono-pairs"
}

extension Timeline {
    /// Which source channel (0-based) a clip on an audio track plays; nil plays all of them.
    /// `channels` is the media's channel count, so a channel it lacks is refused.
    public mutating func setClipChannel(clip id: ClipID, _ channel: Int?, channels: Int) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard tracks[place.track].kind == .audio else {
            throw EditError(.wrongTrackKind, "\(id) is on \(tracks[place.track].name): a channel is chosen for a clip on an audio track")
        }
        if let channel, !(0..<channels).contains(channel) {
            throw EditError(.invalidArgument, "\(id)'s media has \(channels) sound channel\(channels == 1 ? "" : "s"): give 1 to \(channels), or all")
        }
        updateClip(track: place.track, id: id) { $0.channel = channel }
    }

    /// The audio tracks a source's sound lands on from track `first`, with the channel each
    /// clip plays: one track (all channels) for stereo mapping, one per channel for mono.
    func audioLanding(from first: Int, channels: Int, sourceName: String) throws(EditError) -> [(track: Int, channel: Int?)] {
        guard audioMapping == .monoPairs, channels >= 2 else { return [(first, nil)] }
        let following = tracks.indices.filter { $0 >= first && tracks[$0].kind == .audio }
        guard following.count >= channels else {
            throw EditError(.invalidRange, "\(sourceName) has \(channels) sound channels and the mono mapping puts each on its own track: "
                            + "\(following.count) audio track\(following.count == 1 ? "" : "s") from \(tracks[first].name); add tracks or patch the sound higher")
        }
        return (0..<channels).map { (following[$0], $0) }
    }
}
