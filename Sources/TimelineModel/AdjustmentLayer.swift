import Foundation

extension Clip {
    /// An adjustment layer (Premiere's and Resolve's): a clip of generated media with no text
    /// on a video track. It has no picture of its own (the picture below shows through); its
    /// grade applies to everything the tracks below it show over the frames it covers.
    public var isAdjustmentLayer: Bool { media == Clip.generatedMedia && text == nil && title == nil && image == nil }

    /// The name adjustment layers get.
    public static let adjustmentLayerName = "Adjustment Layer"
}

extension Timeline {
    /// Places an adjustment layer over `frame ..< frame + duration` on video track `track`, or
    /// with nil on the lowest video track above V1 free there (a new one when none is), as a
    /// title goes. What the track held there is overwritten. The layer starts ungraded.
    public mutating func addAdjustmentLayer(at frame: Int64, duration: Int64, track: Int?) throws(EditError) -> EditOutcome {
        guard frame >= 0 else { throw EditError(.invalidRange, "an adjustment layer cannot start before the sequence") }
        guard duration > 0 else { throw EditError(.invalidArgument, "an adjustment layer needs a duration of at least one frame, not \(duration)") }
        if let track {
            guard tracks.indices.contains(track), tracks[track].kind == .video else {
                throw EditError(.invalidArgument, "an adjustment layer goes on a video track")
            }
            try requireUnlocked(track)
        }
        return try placeGenerated(at: frame, duration: duration, track: track) { id in
            Clip(id: id, name: Clip.adjustmentLayerName, media: Clip.generatedMedia,
                 source: FrameRange(start: 0, duration: duration), available: nil)
        }
    }

    /// Puts a generated clip made by `make` over `frame ..< frame + duration` on `track`, or
    /// with nil on the lowest video track above V1 that is free there, adding a video track
    /// when none is (as Premiere drops a graphic on the next free track above the picture).
    mutating func placeGenerated(at frame: Int64, duration: Int64, track: Int?, _ make: (ClipID) -> Clip) -> EditOutcome {
        let range = FrameRange(start: frame, duration: duration)
        var edited = self
        let target: Int
        if let track {
            target = track
        } else if let free = videoTracks.dropFirst().first(where: { !tracks[$0].locked && isFree(track: $0, range) }) {
            target = free
        } else {
            target = edited.addTrack(kind: .video)
        }
        let id = ClipID(edited.nextID)
        edited.nextID += 1
        var splits: [SplitRecord] = [], notes: [String] = []
        edited.replaceRecord(track: target, range, with: [.clip(make(id))], splits: &splits, notes: &notes)
        self = edited
        var outcome = EditOutcome(notes: notes)
        outcome.created = [id]
        return outcome
    }
}
