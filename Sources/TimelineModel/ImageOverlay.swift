import Foundation

/// An image or logo clip (a PNG, usually with alpha) laid over the picture: generated media on
/// a video track, like a title, whose picture is the file at `path` placed, scaled and faded.
///
/// `scale` 1 draws the image at its own pixel size on a 1080-line picture and scales with the
/// picture's height (as title sizes do), so the 540-line preview and the 1080p render agree.
/// `path` is absolute in memory; the project file stores it relative to the project's folder
/// when it lies below it, as media paths are.
public struct ImageOverlay: Hashable, Codable, Sendable {
    public var path: String
    /// Where the image's centre goes: a title preset (inside title-safe) or X,Y fractions.
    public var position: TitleStyle.Position
    public var scale: Double
    /// 0…1, multiplied with the image's own alpha and the fades.
    public var opacity: Double
    /// Fade in from and out to transparent, in record frames.
    public var fadeIn: Int64
    public var fadeOut: Int64

    public static let scaleRange: ClosedRange<Double> = 0.01...20

    public init(path: String, position: TitleStyle.Position = .centre, scale: Double = 1, opacity: Double = 1,
                fadeIn: Int64 = 0, fadeOut: Int64 = 0) {
        self.path = path; self.position = position; self.scale = scale; self.opacity = opacity
        self.fadeIn = fadeIn; self.fadeOut = fadeOut
    }

    /// Opacity 0…1 at record frame `offset` of a clip `duration` frames long (its own opacity
    /// times the fades).
    public func opacity(at offset: Int64, duration: Int64) -> Double {
        opacity * TitleStyle.fadeOpacity(at: offset, duration: duration, fadeIn: fadeIn, fadeOut: fadeOut)
    }

    /// "logo.png at=0.9,0.1 scale=0.5 opacity=0.8 fade-in=12", as `dump` and the status line show it.
    public var summary: String {
        var parts = ["at=\(position)", "scale=\(TitleStyle.number(scale))", "opacity=\(TitleStyle.number(opacity))"]
        if fadeIn > 0 { parts.append("fade-in=\(fadeIn)") }
        if fadeOut > 0 { parts.append("fade-out=\(fadeOut)") }
        return parts.joined(separator: " ")
    }

    /// Why the values cannot be used (a scale or opacity out of range), or nil.
    public var problem: String? {
        if !scale.isFinite || !Self.scaleRange.contains(scale) { return "scale \(scale) is out of range (0.01 to 20)" }
        if !opacity.isFinite || !(0...1).contains(opacity) { return "opacity \(opacity) is out of range (0 to 1)" }
        if fadeIn < 0 || fadeOut < 0 { return "a fade cannot be negative" }
        return nil
    }
}

extension Timeline {
    /// Places an image clip showing `image` over `frame ..< frame + duration` on video track
    /// `track`, or with nil on the lowest video track above V1 free there (a new one when none
    /// is), as a title goes. What the track held there is overwritten.
    public mutating func addImage(_ image: ImageOverlay, at frame: Int64, duration: Int64, track: Int?) throws(EditError) -> EditOutcome {
        guard frame >= 0 else { throw EditError(.invalidRange, "an image cannot start before the sequence") }
        guard duration > 0 else { throw EditError(.invalidArgument, "an image needs a duration of at least one frame, not \(duration)") }
        guard !image.path.isEmpty else { throw EditError(.invalidArgument, "an image needs the path of its file") }
        if let problem = image.problem { throw EditError(.invalidArgument, "image: \(problem)") }
        if let track {
            guard tracks.indices.contains(track), tracks[track].kind == .video else {
                throw EditError(.invalidArgument, "an image goes on a video track")
            }
            try requireUnlocked(track)
        }
        let name = String(URL(fileURLWithPath: image.path).lastPathComponent.prefix(40))
        return placeGenerated(at: frame, duration: duration, track: track) { id in
            var clip = Clip(id: id, name: name, media: Clip.generatedMedia,
                            source: FrameRange(start: 0, duration: duration), available: nil)
            clip.image = image
            return clip
        }
    }

    /// Changes an image clip's placement, scale, opacity or fades (its file and timing stay).
    public mutating func setImage(clip id: ClipID, _ image: ImageOverlay) throws(EditError) -> EditOutcome {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard place.clip.image != nil else { throw EditError(.invalidArgument, "\(place.clip.name) (\(id)) is not an image clip") }
        if let problem = image.problem { throw EditError(.invalidArgument, "image: \(problem)") }
        updateClip(track: place.track, id: id) { $0.image = image }
        return EditOutcome()
    }

    /// Every image clip's path rewritten by `change` (the project file makes them relative on
    /// saving and absolute on loading).
    public mutating func rewriteImagePaths(_ change: (String) -> String) {
        for t in tracks.indices where tracks[t].kind == .video {
            let items = tracks[t].items
            guard items.contains(where: { $0.clip?.image != nil }) else { continue }
            tracks[t].items = ItemList(items.map { item in
                guard case .clip(var clip) = item, let image = clip.image else { return item }
                clip.image?.path = change(image.path)
                return .clip(clip)
            })
        }
    }
}
