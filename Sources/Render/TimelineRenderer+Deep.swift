import Foundation
import Media
import TimelineModel

/// The same pictures as `picture(at:width:height:)`, composited at 16 bits per channel for
/// outputs of 10 bits and more: decoded frames convert straight to 16-bit RGB (swscale, in
/// the source's matrix and range), transitions mix at 16 bits, cards are drawn at 8 and widened;
/// titles, images and subtitles are drawn over it at 16 bits as over the 8-bit picture.
extension TimelineRenderer {
    /// `overlays` false leaves out titles, images and subtitles (grade-match measures the
    /// picture itself).
    public func deepPicture(at frame: Int64, width: Int, height: Int, overlays: Bool = true) -> RGBA64Image {
        let composition = composition(at: frame)
        var picture = composedDeepPicture(composition, width: width, height: height)
        let base: Int?
        switch composition {
        case .black: base = nil
        case .layer(let layer): base = layer.track
        case .transition(_, let from, _, _): base = from.track
        }
        applyAdjustments(to: &picture, at: frame, above: base)
        if overlays { drawOverlays(on: &picture, at: frame, above: base) }
        return picture
    }

    private func composedDeepPicture(_ composition: PictureComposition, width: Int, height: Int) -> RGBA64Image {
        switch composition {
        case .black:
            return RGBA64Image(width: width, height: height)
        case .layer(let layer):
            return deepPicture(of: layer, width: width, height: height)
        case .transition(let kind, let from, let to, let progress):
            let outgoing = deepPicture(of: from, width: width, height: height)
            let incoming = deepPicture(of: to, width: width, height: height)
            switch kind {
            case .dissolve:
                return outgoing.mixed(with: incoming, amount: progress)
            case .dip:
                let black = RGBA64Image(width: width, height: height)
                return progress < 0.5 ? outgoing.mixed(with: black, amount: progress * 2)
                                      : black.mixed(with: incoming, amount: (progress - 0.5) * 2)
            case .wipe:
                var out = outgoing
                let edge = Int((Double(width) * progress).rounded())
                if edge > 0 {
                    var strip = RGBA64Image(width: edge, height: height)
                    for row in 0..<height {
                        for i in 0..<(edge * 4) { strip.samples[row * edge * 4 + i] = incoming.samples[row * width * 4 + i] }
                    }
                    out.draw(strip, atX: 0, y: 0)
                }
                return out
            }
        }
    }

    func deepPicture(of layer: PictureLayer, width: Int, height: Int) -> RGBA64Image {
        guard case .media(let id, let sourceFrame) = layer.source, let reference = project.mediaReference(id),
              case .success(let source) = pool.video(for: reference) else {
            // Cards and failures: the 8-bit picture (which also records the problem), widened.
            return RGBA64Image(picture(of: layer, width: width, height: height))
        }
        do {
            let frame = try source.frame(atTimestamp: Self.timestamp(of: sourceFrame, rate: project.timeline.rate, in: source))
            let picture = try deepShownPicture(frame, of: layer, source: source, width: width, height: height)
            if let blend = layer.blend { return try deepBlended(picture, blend, of: layer, source: source, width: width, height: height) }
            return picture
        } catch {
            return RGBA64Image(picture(of: layer, width: width, height: height))
        }
    }

    /// A decoded frame as the layer shows it, at 16 bits: graded, fitted into the picture.
    func deepShownPicture(_ frame: VideoFrame, of layer: PictureLayer, source: VideoSource,
                          width: Int, height: Int) throws(MediaError) -> RGBA64Image {
        try gradedPicture(frame, grade: grade(of: layer), width: width, height: height, sampleAspect: source.stream.sampleAspectRatio)
    }
}
