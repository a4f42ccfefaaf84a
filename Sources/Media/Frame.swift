import CFFmpeg

/// Owns one `AVFrame` (decoded or to be encoded).
final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() {
        guard let frame = av_frame_alloc() else { fatalError("av_frame_alloc: out of memory") }
        pointer = frame
    }

    /// Takes ownership of a frame libav allocated (`av_frame_clone`).
    init(adopting frame: UnsafeMutablePointer<AVFrame>) {
        pointer = frame
    }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }

    func unref() { av_frame_unref(pointer) }

    var pts: Int64? {
        let value = pointer.pointee.pts
        return value == tc_nopts_value() ? nil : value
    }

    /// libav's best guess at the presentation time when `pts` is missing or unreliable.
    var bestEffortTimestamp: Int64? {
        let value = pointer.pointee.best_effort_timestamp
        return value == tc_nopts_value() ? nil : value
    }
}

/// An `AVDictionary` of options built from Swift, freed after use.
func withOptions<Result>(_ options: [String: String], _ body: (inout OpaquePointer?) -> Result) -> Result {
    var dictionary: OpaquePointer?
    for (key, value) in options.sorted(by: { $0.key < $1.key }) {
        av_dict_set(&dictionary, key, value, 0)
    }
    defer { av_dict_free(&dictionary) }
    return body(&dictionary)
}
