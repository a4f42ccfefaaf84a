import Foundation
import Media
import TimelineModel

/// Image files decoded once, and their premultiplied pictures at the sizes drawn: a logo looks
/// the same on every frame it is up (only its opacity fades), and a decode or a swscale pass
/// costs milliseconds.
final class ImageCache {
    struct Key: Hashable { var path: String; var width: Int; var height: Int }
    private var stills: [MediaFileIdentity: Result<StillImage, MediaError>] = [:]
    private var pictures: [Key: PremultipliedImage] = [:]

    /// The decoded file (a failure is kept too, so a broken file is not re-read every frame).
    /// Keyed by the file's identity (path, size, modification time): a logo saved again from an
    /// image editor shows its new picture on the next frame, at the cost of one `stat`.
    func still(_ path: String) -> Result<StillImage, MediaError> {
        let identity: MediaFileIdentity
        do throws(MediaError) { identity = try MediaFileIdentity(path: path) } catch { return .failure(error) }
        if let known = stills[identity] { return known }
        let result: Result<StillImage, MediaError>
        do throws(MediaError) { result = .success(try StillImage(path: path)) } catch { result = .failure(error) }
        if stills.count > 32 { stills.removeAll() }
        stills[identity] = result
        if case .success = result { pictures = pictures.filter { $0.key.path != path } }
        return result
    }

    /// The file's picture at `width`×`height`, premultiplied.
    func picture(_ still: StillImage, width: Int, height: Int) throws(MediaError) -> PremultipliedImage {
        let key = Key(path: still.path, width: width, height: height)
        if let known = pictures[key] { return known }
        let straight = RGBA64Image(try still.rgba64(width: width, height: height))
        let picture = PremultipliedImage(straight: straight.samples, width: width, height: height)
        // An animated scale makes a new size every frame: keep the cache from growing without end.
        if pictures.count > 16 { pictures.removeAll() }
        pictures[key] = picture
        return picture
    }
}

extension TimelineRenderer {
    /// The size an image is drawn at in a picture `frameHeight` lines high: its own pixels
    /// × `scale` on a 1080-line picture, scaling with the picture (as title sizes do).
    static func drawnSize(imageWidth: Int, imageHeight: Int, scale: Double, frameHeight: Int) -> (width: Int, height: Int) {
        let factor = scale * Double(frameHeight) / 1080
        return (max(1, Int((Double(imageWidth) * factor).rounded())), max(1, Int((Double(imageHeight) * factor).rounded())))
    }

    /// Draws an image clip's picture at `opacity` over `picture`, placed and scaled by its own
    /// values and `motion`; a file that is gone or broken goes to `lastProblem` and the picture
    /// stays as it is (export then fails naming the file).
    func draw<Canvas: OverlayCanvas>(_ image: ImageOverlay, opacity: Double, motion: MotionState, on picture: inout Canvas) {
        guard opacity > 0 else { return }
        switch imageCache.still(image.path) {
        case .failure(let error):
            lastProblem = "image \(error.description)"
        case .success(let still):
            let scale = min(max(image.scale.isFinite ? image.scale : 1, 0.01), 20) * (motion.scale ?? 1)
            let size = Self.drawnSize(imageWidth: still.width, imageHeight: still.height, scale: scale, frameHeight: picture.height)
            let (x, y) = Self.place(image.position, motion: motion, width: size.width, height: size.height,
                                    frameWidth: picture.width, frameHeight: picture.height)
            // Wholly outside the picture (a logo before it slides in): nothing to scale or draw.
            guard x < picture.width, y < picture.height, x + size.width > 0, y + size.height > 0 else { return }
            do throws(MediaError) {
                picture.composite(try imageCache.picture(still, width: size.width, height: size.height), opacity: min(opacity, 1), at: x, y)
            } catch {
                lastProblem = "image \(error.description)"
            }
        }
    }
}
