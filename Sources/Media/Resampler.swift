import CFFmpeg

/// Owns a `SwrContext`: converts decoded audio frames to Float32 interleaved at one rate
/// and channel layout (rematrix, resample and format conversion in one step).
///
/// Configured exactly as the ffmpeg tool's automatically inserted `aresample` filter is
/// (`swr_alloc_set_opts2` with swresample's defaults: 32-tap filter, exact rational phase
/// count, the standard downmix matrix with −3 dB centre and surround, LFE dropped), so
/// our samples equal `ffmpeg -i FILE -f f32le -ac N -ar R -`.
final class Resampler {
    private let context: OpaquePointer
    let outputChannels: Int
    /// The input this context was made for; a frame in another shape needs a new one.
    let inputFormat: AVSampleFormat
    let inputRate: Int
    private let inputLayout: ChannelLayout
    private let path: String
    /// Where swr_convert writes, kept from one frame to the next.
    private var scratch: [Float] = []

    init(input frame: Frame, outputLayout: ChannelLayout, outputRate: Int, path: String) throws(MediaError) {
        let f = frame.pointer
        let inputFormat = AVSampleFormat(rawValue: f.pointee.format)
        let inputRate = Int(f.pointee.sample_rate)
        let inputLayout = withUnsafePointer(to: f.pointee.ch_layout) { ChannelLayout(copying: $0) }
        self.inputFormat = inputFormat
        self.inputRate = inputRate
        self.inputLayout = inputLayout
        outputChannels = outputLayout.channelCount
        self.path = path
        var created: OpaquePointer?
        let status = outputLayout.withPointer { output in
            inputLayout.withPointer { input in
                // libswresample 4 takes the layouts as non-const pointers but only reads them.
                swr_alloc_set_opts2(&created, UnsafeMutablePointer(mutating: output), AV_SAMPLE_FMT_FLT, Int32(outputRate),
                                    UnsafeMutablePointer(mutating: input), inputFormat, Int32(inputRate), 0, nil)
            }
        }
        guard status >= 0, let created else {
            throw MediaError(.decodeFailed, path: path, reason: "cannot set up audio conversion (\(libavErrorText(status)))")
        }
        let initialised = swr_init(created)
        guard initialised >= 0 else {
            var freeing: OpaquePointer? = created
            swr_free(&freeing)
            throw MediaError(.decodeFailed, path: path,
                             reason: "cannot convert \(inputLayout.name) audio at \(inputRate) Hz (\(libavErrorText(initialised)))")
        }
        context = created
    }

    deinit {
        var freeing: OpaquePointer? = context
        swr_free(&freeing)
    }

    /// Whether `frame` has the sample format, rate and channel layout this context converts.
    func accepts(_ frame: Frame) -> Bool {
        let f = frame.pointer
        return AVSampleFormat(rawValue: f.pointee.format) == inputFormat && Int(f.pointee.sample_rate) == inputRate
            && withUnsafePointer(to: f.pointee.ch_layout) { layout in
                layout.pointee.order == AV_CHANNEL_ORDER_UNSPEC
                    ? Int(layout.pointee.nb_channels) == inputLayout.channelCount
                    : inputLayout.matches(layout)
            }
    }

    /// Converts `frame` from its sample `skipping` on and appends the output to `buffer`.
    func convert(_ frame: Frame, skipping skip: Int, into buffer: inout [Float]) throws(MediaError) {
        let f = frame.pointer
        let count = Int(f.pointee.nb_samples) - skip
        guard count > 0, let data = f.pointee.extended_data else { return }
        let bytesPerSample = Int(av_get_bytes_per_sample(inputFormat))
        let planar = av_sample_fmt_is_planar(inputFormat) != 0
        let channels = Int(f.pointee.ch_layout.nb_channels)
        let stride = planar ? bytesPerSample : bytesPerSample * channels
        var planes: [UnsafePointer<UInt8>?] = (0..<(planar ? channels : 1)).map { plane in
            guard let base = data[plane] else { return nil }
            return UnsafePointer(base + skip * stride)
        }
        try run(input: &planes, count: count, into: &buffer)
    }

    /// Drains what the resampler still holds (its filter's look-ahead) at the end of the stream.
    func flush(into buffer: inout [Float]) throws(MediaError) {
        var none: [UnsafePointer<UInt8>?] = []
        try run(input: &none, count: 0, into: &buffer)
    }

    private func run(input: inout [UnsafePointer<UInt8>?], count: Int, into buffer: inout [Float]) throws(MediaError) {
        let capacity = Int(swr_get_out_samples(context, Int32(count)))
        guard capacity > 0 else { return }
        // Converted into a kept scratch array, then copied on: growing `buffer` by zeros and
        // cutting it back cost more than the conversion in `bench mix`.
        if scratch.count < capacity * outputChannels { scratch = [Float](repeating: 0, count: capacity * outputChannels) }
        let produced: Int32 = scratch.withUnsafeMutableBufferPointer { output in
            var outputPlane: UnsafeMutablePointer<UInt8>? = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: UInt8.self)
            return input.withUnsafeMutableBufferPointer { planes in
                swr_convert(context, &outputPlane, Int32(capacity), count > 0 ? planes.baseAddress : nil, Int32(count))
            }
        }
        guard produced >= 0 else {
            throw MediaError(.decodeFailed, path: path, reason: "audio conversion failed (\(libavErrorText(produced)))")
        }
        scratch.withUnsafeBufferPointer { converted in
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: converted[0..<(Int(produced) * outputChannels)]))
        }
    }
}
