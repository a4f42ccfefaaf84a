import CFFmpeg

/// Writes an MP4 with one H.264 video stream (libx264, yuv420p, BT.709 limited range)
/// and one AAC stereo stream (libavcodec's native encoder), frame by frame.
///
/// Video frames are drawn by the caller into a `PictureCanvas`; audio arrives as samples.
/// The caller keeps audio roughly in step with video; the muxer interleaves.
final class H264AACFileEncoder {
    struct Settings {
        var width = 1920
        var height = 1080
        var frameRate = 30
        var sampleRate = 48_000
        var preset = "ultrafast"
        var crf = 23
        var keyframeInterval = 30
        var audioBitRate = 160_000
        var tags: [String: String] = [:]
    }

    let path: String
    let settings: Settings
    private let writer: MediaWriter
    private let video: CodecContext
    private let audio: CodecContext
    private let videoStream: Int
    private let audioStream: Int
    private let picture = Frame()
    private let sound = Frame()
    private(set) var framesWritten = 0
    private(set) var samplesWritten = 0

    init(path: String, settings: Settings) throws(MediaError) {
        self.path = path
        self.settings = settings
        writer = try MediaWriter(path: path, formatName: "mp4")
        for (key, value) in settings.tags { writer.setTag(key, value) }

        video = try CodecContext.encoder(named: "libx264", path: path)
        let v = video.context
        v.pointee.width = Int32(settings.width)
        v.pointee.height = Int32(settings.height)
        v.pointee.pix_fmt = AV_PIX_FMT_YUV420P
        v.pointee.time_base = AVRational(num: 1, den: Int32(settings.frameRate))
        v.pointee.framerate = AVRational(num: Int32(settings.frameRate), den: 1)
        v.pointee.gop_size = Int32(settings.keyframeInterval)
        v.pointee.color_range = AVCOL_RANGE_MPEG
        v.pointee.colorspace = AVCOL_SPC_BT709
        v.pointee.color_primaries = AVCOL_PRI_BT709
        v.pointee.color_trc = AVCOL_TRC_BT709
        if writer.wantsGlobalHeaders { v.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        try video.open(options: ["preset": settings.preset, "crf": "\(settings.crf)"])

        audio = try CodecContext.encoder(named: "aac", path: path)
        let a = audio.context
        a.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
        a.pointee.sample_rate = Int32(settings.sampleRate)
        av_channel_layout_default(&a.pointee.ch_layout, 2)
        a.pointee.bit_rate = Int64(settings.audioBitRate)
        a.pointee.time_base = AVRational(num: 1, den: Int32(settings.sampleRate))
        if writer.wantsGlobalHeaders { a.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        try audio.open()

        videoStream = try writer.addStream(for: video, packetDuration: 1)
        audioStream = try writer.addStream(for: audio)
        // Put the index first so players and editors can start reading at once.
        try writer.start(options: ["movflags": "+faststart"])

        picture.pointer.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        picture.pointer.pointee.width = Int32(settings.width)
        picture.pointer.pointee.height = Int32(settings.height)
        sound.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
        sound.pointer.pointee.sample_rate = Int32(settings.sampleRate)
        sound.pointer.pointee.nb_samples = audio.context.pointee.frame_size
        av_channel_layout_copy(&sound.pointer.pointee.ch_layout, &a.pointee.ch_layout)
        guard av_frame_get_buffer(picture.pointer, 0) >= 0, av_frame_get_buffer(sound.pointer, 0) >= 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "out of memory for frames")
        }
    }

    /// Samples per audio packet the AAC encoder takes.
    var audioFrameSize: Int { Int(audio.context.pointee.frame_size) }

    /// Encodes the next video frame, drawn by `draw`.
    func writeVideoFrame(_ draw: (PictureCanvas) -> Void) throws(MediaError) {
        guard av_frame_make_writable(picture.pointer) >= 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "out of memory for a frame")
        }
        draw(PictureCanvas(picture.pointer))
        picture.pointer.pointee.pts = Int64(framesWritten)
        try writer.encode(picture, with: video, stream: videoStream)
        framesWritten += 1
    }

    /// Encodes `count` (at most `audioFrameSize`) stereo samples; only the last call may be short.
    func writeAudio(count: Int, _ sample: (Int) -> (left: Float, right: Float)) throws(MediaError) {
        precondition(count > 0 && count <= audioFrameSize)
        guard av_frame_make_writable(sound.pointer) >= 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "out of memory for audio")
        }
        sound.pointer.pointee.nb_samples = Int32(count)
        let left = sound.pointer.pointee.extended_data[0]!.withMemoryRebound(to: Float.self, capacity: count) { $0 }
        let right = sound.pointer.pointee.extended_data[1]!.withMemoryRebound(to: Float.self, capacity: count) { $0 }
        for offset in 0..<count {
            let value = sample(samplesWritten + offset)
            left[offset] = value.left
            right[offset] = value.right
        }
        sound.pointer.pointee.pts = Int64(samplesWritten)
        try writer.encode(sound, with: audio, stream: audioStream)
        samplesWritten += count
    }

    /// Drains both encoders and closes the file.
    func finish() throws(MediaError) {
        try writer.encode(nil, with: video, stream: videoStream)
        try writer.encode(nil, with: audio, stream: audioStream)
        try writer.finish()
    }
}
