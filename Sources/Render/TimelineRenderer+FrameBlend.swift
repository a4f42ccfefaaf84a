import Media
import TimelineModel

/// Frame blending for slow motion (`ClipSpeed.frameBlend`), as Premiere's Frame Blending: a
/// record frame that falls a fraction w of the way from media frame m to the next is
/// m × (1 − w) + next × w, per RGB channel, instead of m repeated. At 50% every other frame is
/// an even mix; at 33.3% the in-between frames take 1/3 and 2/3. This is the weighting of
/// FFmpeg's `framerate` filter (see `SpeedBlendRenderTests`), which mixes the Y′CbCr planes;
/// the mix is linear, so mixing after the conversion to RGB differs only by rounding.
extension TimelineRenderer {
    /// A decoded frame as the layer shows it: graded when the clip has a grade, fitted into the picture.
    func shownPicture(_ frame: VideoFrame, of layer: PictureLayer, source: VideoSource,
                      width: Int, height: Int) throws(MediaError) -> RGBAImage {
        if let grade = grade(of: layer) {
            return RGBAImage(narrowing: try gradedPicture(frame, grade: grade, width: width, height: height,
                                                          sampleAspect: source.stream.sampleAspectRatio))
        }
        return try Self.fit(frame, width: width, height: height, sampleAspect: source.stream.sampleAspectRatio, mode: fit)
    }

    /// `picture` mixed with the blend's next media frame. Past the media's last frame there is
    /// nothing to blend with, and the frame shows alone (as the last frame of a clip without blending).
    func blended(_ picture: RGBAImage, _ blend: FrameBlend, of layer: PictureLayer, source: VideoSource,
                 width: Int, height: Int) throws(MediaError) -> RGBAImage {
        guard let next = try nextFrame(of: blend, source: source) else { return picture }
        return picture.mixed(with: try shownPicture(next, of: layer, source: source, width: width, height: height), amount: blend.weight)
    }
}

extension TimelineRenderer {
    /// `blended` at 16 bits per channel, for outputs of 10 bits and more.
    func deepBlended(_ picture: RGBA64Image, _ blend: FrameBlend, of layer: PictureLayer, source: VideoSource,
                     width: Int, height: Int) throws(MediaError) -> RGBA64Image {
        guard let next = try nextFrame(of: blend, source: source) else { return picture }
        return picture.mixed(with: try deepShownPicture(next, of: layer, source: source, width: width, height: height), amount: blend.weight)
    }
}

extension TimelineRenderer {
    /// The media frame a blend mixes in, or nil past the media's last frame (nothing to blend with).
    func nextFrame(of blend: FrameBlend, source: VideoSource) throws(MediaError) -> VideoFrame? {
        do {
            return try source.frame(atTimestamp: Self.timestamp(of: blend.nextFrame, rate: project.timeline.rate, in: source))
        } catch {
            if error.kind == .invalidRequest { return nil }
            throw error
        }
    }
}
