import CFFmpeg

/// Turns decoded pictures upright by a file's display matrix (phone footage is stored
/// landscape with a "rotate 90°" in its container), as ffmpeg, players and every editor do:
/// a portrait clip shows portrait in the preview, the scopes, the render and stills.
///
/// libavfilter does the turn (`transpose`, or `hflip,vflip` for half a turn), so every pixel
/// format works (4:2:2, whose chroma cannot be turned as is, goes through the format
/// conversion libavfilter inserts). One frame in, one frame out; the graph is rebuilt if the
/// stream changes size or format mid-way.
final class PictureRotation {
    /// Clockwise quarter turns to display: 1, 2 or 3.
    let quarterTurns: Int
    private var graph: UnsafeMutablePointer<AVFilterGraph>?
    private var source: UnsafeMutablePointer<AVFilterContext>?
    private var sink: UnsafeMutablePointer<AVFilterContext>?
    private var shape: (width: Int32, height: Int32, format: Int32)?

    /// nil when `rotation` (degrees counter-clockwise, `StreamInfo.rotation`) needs no turn.
    init?(rotation: Double?) {
        let turns = Self.quarterTurns(rotation)
        guard turns != 0 else { return nil }
        quarterTurns = turns
    }

    deinit { avfilter_graph_free(&graph) }

    /// Clockwise quarter turns (0…3) for a display matrix's counter-clockwise angle, as
    /// ffmpeg's autorotate reads it; angles off a quarter turn by more than a degree are left alone.
    static func quarterTurns(_ rotation: Double?) -> Int {
        guard let rotation, rotation.isFinite else { return 0 }
        let clockwise = (-rotation).truncatingRemainder(dividingBy: 360) + 360
        let turns = (clockwise / 90).rounded()
        guard abs(clockwise - turns * 90) < 1 else { return 0 }
        return Int(turns) % 4
    }

    /// The picture turned upright (a new frame; `frame` is left as it was).
    func turn(_ frame: Frame, path: String) throws(MediaError) -> Frame {
        let f = frame.pointer.pointee
        if shape == nil || shape! != (f.width, f.height, f.format) {
            try configure(frame, path: path)
        }
        let input = Frame()
        av_frame_ref(input.pointer, frame.pointer)
        var status = av_buffersrc_add_frame_flags(source, input.pointer, 0)
        guard status >= 0 else { throw MediaError(.decodeFailed, path: path, reason: "cannot turn the picture (\(libavErrorText(status)))") }
        let output = Frame()
        status = av_buffersink_get_frame(sink, output.pointer)
        guard status >= 0 else { throw MediaError(.decodeFailed, path: path, reason: "cannot turn the picture (\(libavErrorText(status)))") }
        // Timestamps, damage flags and colour tags travel with the frame through the filters.
        return output
    }

    private func configure(_ frame: Frame, path: String) throws(MediaError) {
        avfilter_graph_free(&graph)
        guard let made = avfilter_graph_alloc() else { throw MediaError(.decodeFailed, path: path, reason: "out of memory for a filter graph") }
        graph = made
        let f = frame.pointer.pointee
        let aspect = f.sample_aspect_ratio.num > 0 ? f.sample_aspect_ratio : AVRational(num: 1, den: 1)
        let arguments = "video_size=\(f.width)x\(f.height):pix_fmt=\(f.format):time_base=1/1:pixel_aspect=\(aspect.num)/\(aspect.den)"
        func make(_ name: String, _ args: String?) throws(MediaError) -> UnsafeMutablePointer<AVFilterContext> {
            var context: UnsafeMutablePointer<AVFilterContext>?
            let status = avfilter_graph_create_filter(&context, avfilter_get_by_name(name), name, args, nil, made)
            guard status >= 0, let context else {
                throw MediaError(.decodeFailed, path: path, reason: "cannot make the \(name) filter (\(libavErrorText(status)))")
            }
            return context
        }
        let chain: [(String, String?)] = switch quarterTurns {
        case 1: [("transpose", "clock")]
        case 2: [("hflip", nil), ("vflip", nil)]
        default: [("transpose", "cclock")]
        }
        var last = try make("buffer", arguments)
        source = last
        for (name, args) in chain {
            let next = try make(name, args)
            guard avfilter_link(last, 0, next, 0) >= 0 else { throw MediaError(.decodeFailed, path: path, reason: "cannot link \(name)") }
            last = next
        }
        let out = try make("buffersink", nil)
        guard avfilter_link(last, 0, out, 0) >= 0 else { throw MediaError(.decodeFailed, path: path, reason: "cannot link the sink") }
        sink = out
        let status = avfilter_graph_config(made, nil)
        guard status >= 0 else { throw MediaError(.decodeFailed, path: path, reason: "cannot set up the turn (\(libavErrorText(status)))") }
        shape = (f.width, f.height, f.format)
    }
}

extension StreamInfo {
    /// Clockwise quarter turns (0…3) that show the stream upright.
    public var quarterTurns: Int { PictureRotation.quarterTurns(rotation) }

    /// The stream as it is shown: width and height (and the pixel aspect) swapped for a
    /// quarter turn of its display matrix. `rotation` still tells the stored orientation.
    public var upright: StreamInfo {
        guard quarterTurns % 2 == 1 else { return self }
        var shown = self
        (shown.width, shown.height) = (height, width)
        shown.sampleAspectRatio = sampleAspectRatio.map { $0.isValid ? $0.inverted : $0 }
        return shown
    }
}
