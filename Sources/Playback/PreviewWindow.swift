import CSDL2
import Render

/// Something SDL refused, with SDL's own words.
public struct PlaybackError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func sdl(_ what: String) -> PlaybackError {
        PlaybackError("\(what): \(String(cString: SDL_GetError()))")
    }
}

/// The SDL preview window: a resizable window showing RGBA frames with their aspect kept
/// (letterbox or pillarbox bars), a streaming texture per frame size, fullscreen on demand.
///
/// Owns its window, renderer and texture and destroys them in `deinit`. SDL video belongs to
/// the main thread: only the engine, on the main thread, touches this.
final class PreviewWindow {
    private let window: OpaquePointer
    private let renderer: OpaquePointer
    private var texture: OpaquePointer?
    private var textureSize = (width: 0, height: 0)
    private(set) var isVisible = true
    private(set) var isFullscreen = false

    init(title: String, width: Int, height: Int) throws(PlaybackError) {
        guard let window = SDL_CreateWindow(title, Int32(tc_sdl_windowpos_undefined()), Int32(tc_sdl_windowpos_undefined()),
                                            Int32(width), Int32(height),
                                            SDL_WINDOW_RESIZABLE.rawValue | SDL_WINDOW_ALLOW_HIGHDPI.rawValue) else {
            throw .sdl("cannot open the preview window")
        }
        // Accelerated where there is a GPU, SDL's software renderer where there is none.
        guard let renderer = SDL_CreateRenderer(window, -1, 0) ?? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue) else {
            let error = PlaybackError.sdl("cannot draw in the preview window")
            SDL_DestroyWindow(window)
            throw error
        }
        self.window = window
        self.renderer = renderer
    }

    deinit {
        if let texture { SDL_DestroyTexture(texture) }
        SDL_DestroyRenderer(renderer)
        SDL_DestroyWindow(window)
    }

    var windowID: UInt32 { SDL_GetWindowID(window) }

    /// Drawable size in pixels (larger than the window's size on high-DPI screens).
    var outputSize: (width: Int, height: Int) {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetRendererOutputSize(renderer, &w, &h)
        return (Int(w), Int(h))
    }

    /// Shows `image` fitted into the window, black around it.
    func present(_ image: RGBAImage) {
        if texture == nil || textureSize != (image.width, image.height) {
            if let texture { SDL_DestroyTexture(texture) }
            texture = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32.rawValue, Int32(SDL_TEXTUREACCESS_STREAMING.rawValue),
                                        Int32(image.width), Int32(image.height))
            textureSize = (image.width, image.height)
        }
        guard let texture else { return }
        image.bytes.withUnsafeBytes { pixels in
            _ = SDL_UpdateTexture(texture, nil, pixels.baseAddress, Int32(image.width * 4))
        }
        SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255)
        SDL_RenderClear(renderer)
        let output = outputSize
        let fitted = PixelRect.fitting(aspectWidth: image.width, aspectHeight: image.height,
                                       in: PixelRect(x: 0, y: 0, width: output.width, height: output.height))
        var target = SDL_Rect(x: Int32(fitted.x), y: Int32(fitted.y), w: Int32(fitted.width), h: Int32(fitted.height))
        SDL_RenderCopy(renderer, texture, nil, &target)
        SDL_RenderPresent(renderer)
    }

    /// The window's pixels as last presented (for tests: what the viewer sees).
    func readPixels() -> RGBAImage? {
        let size = outputSize
        guard size.width > 0, size.height > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: size.width * size.height * 4)
        let status = bytes.withUnsafeMutableBytes { buffer in
            SDL_RenderReadPixels(renderer, nil, SDL_PIXELFORMAT_RGBA32.rawValue, buffer.baseAddress, Int32(size.width * 4))
        }
        return status == 0 ? RGBAImage(width: size.width, height: size.height, bytes: bytes) : nil
    }

    func setVisible(_ visible: Bool) {
        if visible {
            SDL_ShowWindow(window)
            SDL_RaiseWindow(window)
        } else {
            SDL_HideWindow(window)
        }
        isVisible = visible
    }

    /// Fullscreen at the desktop's resolution (no mode switch), or back to the window.
    func setFullscreen(_ on: Bool) {
        if SDL_SetWindowFullscreen(window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP.rawValue : 0) == 0 {
            isFullscreen = on
        }
    }

    func setTitle(_ title: String) { SDL_SetWindowTitle(window, title) }
}
