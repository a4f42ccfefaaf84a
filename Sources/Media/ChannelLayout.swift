import CFFmpeg

/// Owns an `AVChannelLayout` (which may point at an allocated channel map), copied in and
/// freed on `deinit`.
final class ChannelLayout {
    private(set) var layout = AVChannelLayout()

    /// A copy of `source`; an unspecified order (WAV and others give only a count) becomes
    /// the default layout for the count, as the ffmpeg tool assumes (1 = mono, 2 = stereo, 6 = 5.1).
    init(copying source: UnsafePointer<AVChannelLayout>) {
        if source.pointee.order == AV_CHANNEL_ORDER_UNSPEC {
            av_channel_layout_default(&layout, source.pointee.nb_channels)
        } else if av_channel_layout_copy(&layout, source) < 0 {
            av_channel_layout_default(&layout, source.pointee.nb_channels)
        }
    }

    /// The default layout for `channels` (1 = mono, 2 = stereo, 6 = 5.1 …), as `-ac N` picks.
    init(defaultFor channels: Int) {
        av_channel_layout_default(&layout, Int32(channels))
    }

    deinit {
        av_channel_layout_uninit(&layout)
    }

    var channelCount: Int { Int(layout.nb_channels) }

    /// libav's name for it: `mono`, `stereo`, `5.1`, `5.1(side)`, `6 channels` …
    var name: String {
        var text = [CChar](repeating: 0, count: 128)
        return withUnsafePointer(to: layout) { pointer in
            av_channel_layout_describe(pointer, &text, text.count) > 0 ? cString(text) : "\(layout.nb_channels) channels"
        }
    }

    func matches(_ other: UnsafePointer<AVChannelLayout>) -> Bool {
        withUnsafePointer(to: layout) { av_channel_layout_compare($0, other) == 0 }
    }

    func withPointer<Result>(_ body: (UnsafePointer<AVChannelLayout>) -> Result) -> Result {
        withUnsafePointer(to: layout) { body($0) }
    }
}
