extension Timeline {
    /// Adds a timeline marker, keeping `markers` sorted by frame. One marker per frame: a marker
    /// already at that frame is replaced (the old one is returned).
    @discardableResult
    public mutating func addMarker(_ marker: Marker) -> Marker? {
        let index = markers.firstIndex { $0.frame >= marker.frame } ?? markers.count
        if index < markers.count && markers[index].frame == marker.frame {
            let old = markers[index]
            markers[index] = marker
            return old
        }
        markers.insert(marker, at: index)
        return nil
    }

    public mutating func removeMarker(at frame: Int64) throws(EditError) {
        guard let index = markers.firstIndex(where: { $0.frame == frame }) else {
            throw EditError(.invalidArgument, "no marker at \(timecode(frame))")
        }
        markers.remove(at: index)
    }

    public mutating func renameMarker(at frame: Int64, to name: String) throws(EditError) {
        guard let index = markers.firstIndex(where: { $0.frame == frame }) else {
            throw EditError(.invalidArgument, "no marker at \(timecode(frame))")
        }
        markers[index].name = name
    }

    /// Adds a marker to a clip. `marker.frame` is a source frame (timeline rate, from the media's
    /// first frame), so the marker travels with the clip; `matchFrame` turns a record frame into one.
    /// One marker per source frame, as on the timeline; refused on a locked track.
    public mutating func addClipMarker(clip id: ClipID, _ marker: Marker) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        updateClip(track: place.track, id: id) { c in
            c.markers.removeAll { $0.frame == marker.frame }
            let index = c.markers.firstIndex { $0.frame > marker.frame } ?? c.markers.count
            c.markers.insert(marker, at: index)
        }
    }

    public mutating func removeClipMarker(clip id: ClipID, at sourceFrame: Int64) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard place.clip.markers.contains(where: { $0.frame == sourceFrame }) else {
            throw EditError(.invalidArgument, "\(place.clip.name) has no marker at source frame \(sourceFrame)")
        }
        updateClip(track: place.track, id: id) { $0.markers.removeAll { $0.frame == sourceFrame } }
    }

    public mutating func renameClipMarker(clip id: ClipID, at sourceFrame: Int64, to name: String) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard place.clip.markers.contains(where: { $0.frame == sourceFrame }) else {
            throw EditError(.invalidArgument, "\(place.clip.name) has no marker at source frame \(sourceFrame)")
        }
        updateClip(track: place.track, id: id) { c in
            for k in c.markers.indices where c.markers[k].frame == sourceFrame { c.markers[k].name = name }
        }
    }
}
