import Foundation
import TextShaping
import TimelineModel

/// Rasterised titles kept between frames: shaping and drawing text costs milliseconds, and a
/// title looks the same on every frame it is up (only its opacity fades).
final class TitleCache {
    struct Key: Hashable { var text: String; var font: String; var pixelSize: Int; var outline: Int }
    struct Entry { var fill: TextMask; var outline: TextMask? }
    var entries: [Key: Entry] = [:]

    func masks(_ key: Key) throws(TextError) -> Entry {
        if let known = entries[key] { return known }
        let fill = try Typesetter.shared.render(key.text, font: key.font, pixelSize: key.pixelSize, margin: key.outline + 1)
        let entry = Entry(fill: fill, outline: key.outline > 0 ? fill.dilated(by: key.outline) : nil)
        if entries.count > 64 { entries.removeAll() }
        entries[key] = entry
        return entry
    }
}

extension TimelineRenderer {
    /// Titles and images on video tracks above `baseTrack` (the track the picture came from; nil
    /// for black), bottom to top, then the subtitles when shown (or burnt in): the overlays
    /// Render draws over the picture so the preview and the render agree. The 8-bit preview
    /// picture and the 16-bit export picture draw them through the same code (`OverlayCanvas`).
    func drawOverlays<Canvas: OverlayCanvas>(on picture: inout Canvas, at frame: Int64, above baseTrack: Int?) {
        let timeline = project.timeline
        for t in timeline.videoTracks where !timeline.tracks[t].hidden && t > (baseTrack ?? -1) {
            let items = timeline.tracks[t].items
            guard let (index, start) = items.locate(frame: frame), case .clip(let clip) = items[index], clip.enabled else { continue }
            let motion = clip.motion.state(at: Double(clip.source.start + frame - start))
            if let style = clip.title, let text = clip.text {
                draw(text, style: style, opacity: style.opacity(at: frame - start, duration: clip.duration) * (motion.opacity ?? 1),
                     motion: motion, on: &picture)
            } else if let image = clip.image {
                draw(image, opacity: image.opacity(at: frame - start, duration: clip.duration) * (motion.opacity ?? 1),
                     motion: motion, on: &picture)
            }
        }
        let display = timeline.subtitleDisplay ?? SubtitleDisplay()
        guard display.shown || burnSubtitles else { return }
        for t in timeline.tracks.indices where timeline.tracks[t].kind == .subtitle && !timeline.tracks[t].hidden {
            let items = timeline.tracks[t].items
            guard let (index, start) = items.locate(frame: frame), case .clip(let clip) = items[index],
                  clip.enabled, let text = clip.text else { continue }
            draw(text, style: display.style, opacity: display.style.opacity(at: frame - start, duration: clip.duration),
                 motion: MotionState(), on: &picture)
        }
    }

    /// Whether a title, an image, a shown subtitle or a graded adjustment layer is up at `frame`
    /// (export cannot pass a decoded frame through untouched there, nor the scopes read one).
    public func hasOverlays(at frame: Int64) -> Bool {
        if hasAdjustment(at: frame) { return true }
        let timeline = project.timeline
        let subtitles = (timeline.subtitleDisplay?.shown ?? false) || burnSubtitles
        for t in timeline.tracks.indices where !timeline.tracks[t].hidden {
            let kind = timeline.tracks[t].kind
            guard kind == .video || (kind == .subtitle && subtitles) else { continue }
            let items = timeline.tracks[t].items
            guard let (index, _) = items.locate(frame: frame), case .clip(let clip) = items[index], clip.enabled else { continue }
            if kind == .subtitle ? clip.text != nil : (clip.title != nil && clip.text != nil) || clip.image != nil { return true }
        }
        return false
    }

    /// Where a block of `width`×`height` goes in a `frameWidth`×`frameHeight` picture: its top
    /// left corner. Presets keep inside title-safe (the centre 90%).
    static func place(_ position: TitleStyle.Position, width: Int, height: Int, frameWidth: Int, frameHeight: Int) -> (x: Int, y: Int) {
        let safeX = Double(frameWidth) * 0.05, safeY = Double(frameHeight) * 0.05
        var x: Double, y: Double
        switch position {
        case .lowerThird:
            // Left-aligned in title-safe, its bottom two thirds of the way down the lower third.
            x = safeX
            y = Double(frameHeight) * 0.85 - Double(height)
        case .centre:
            x = (Double(frameWidth) - Double(width)) / 2
            y = (Double(frameHeight) - Double(height)) / 2
        case .top:
            x = (Double(frameWidth) - Double(width)) / 2
            y = safeY
        case .point(let fx, let fy):
            x = fx * Double(frameWidth) - Double(width) / 2
            y = fy * Double(frameHeight) - Double(height) / 2
        }
        x = min(max(0, x), Double(max(0, frameWidth - width)))
        y = min(max(0, y), Double(max(0, frameHeight - height)))
        return (Int(x.rounded()), Int(y.rounded()))
    }

    /// The same, with a motion keyframe's centre (fractions of the frame) in place of the
    /// position's where it sets one; an animated block may leave the frame (a logo sliding in).
    static func place(_ position: TitleStyle.Position, motion: MotionState, width: Int, height: Int,
                      frameWidth: Int, frameHeight: Int) -> (x: Int, y: Int) {
        var (x, y) = place(position, width: width, height: height, frameWidth: frameWidth, frameHeight: frameHeight)
        if let mx = motion.x { x = Int((mx * Double(frameWidth) - Double(width) / 2).rounded()) }
        if let my = motion.y { y = Int((my * Double(frameHeight) - Double(height) / 2).rounded()) }
        return (x, y)
    }

    /// Draws `text` with `style` at `opacity` over `picture`, moved and scaled by `motion`; a
    /// problem (a font gone since the title was made) goes to `lastProblem` and the picture stays.
    func draw<Canvas: OverlayCanvas>(_ text: String, style: TitleStyle, opacity: Double, motion: MotionState, on picture: inout Canvas) {
        guard opacity > 0 else { return }
        let scale = Double(picture.height) / 1080 * (motion.scale ?? 1)
        // Clamped as the commands clamp them, for styles read from a hand-edited project file.
        let size = min(max(style.size.isFinite ? style.size : 64, 4), 1000), outline = min(max(style.outline.isFinite ? style.outline : 0, 0), 50)
        let key = TitleCache.Key(text: text, font: style.font, pixelSize: max(4, Int((size * scale).rounded())),
                                 outline: outline > 0 ? max(1, Int((outline * scale).rounded())) : 0)
        let masks: TitleCache.Entry
        do throws(TextError) {
            masks = try titleCache.masks(key)
        } catch {
            lastProblem = "title '\(text.prefix(30))': \(error.description)"
            return
        }
        let fill = masks.fill
        let (x, y) = Self.place(style.position, motion: motion, width: fill.width, height: fill.height,
                                frameWidth: picture.width, frameHeight: picture.height)
        if let box = style.box {
            picture.blend(mask: nil, width: fill.width, height: fill.height, colour: box, opacity: opacity, at: x, y)
        }
        if let outline = masks.outline {
            picture.blend(mask: outline.coverage, width: outline.width, height: outline.height, colour: style.outlineColour, opacity: opacity, at: x, y)
        }
        picture.blend(mask: fill.coverage, width: fill.width, height: fill.height, colour: style.colour, opacity: opacity, at: x, y)
    }
}
