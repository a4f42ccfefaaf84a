import Foundation
import Media
import Render
import TimelineModel

/// How a copy cut off a keyframe is made.
public enum CopySnap: String, Sendable, CaseIterable {
    /// Snap the in point back to the keyframe before it (LosslessCut's keyframe cut).
    case keyframe
    /// Re-encode from the cut to the next keyframe (LosslessCut's experimental smart cut).
    case smart
}

/// Where one clip's copy really lands, worked out before anything is written.
public struct CopyCut: Sendable {
    public var clip: String
    public var path: String
    /// Timeline frame where the clip's part of the range starts.
    public var recordStart: Int64
    /// Source frames (display order, from the file's first) asked for: in, out (exclusive).
    public var requested: Range<Int>
    /// Source frames the copy takes.
    public var taken: Range<Int>
    /// Seconds from the media start of the keyframe the cut starts on.
    public var keyframeSeconds: Double
    /// Frames shown before the requested in point (negative: frames lost).
    public var framesGainedAtStart: Int { requested.lowerBound - taken.lowerBound }
    /// Frames shown after the requested out point (decode-order closure with B-frames).
    public var framesGainedAtEnd: Int { taken.upperBound - requested.upperBound }
    /// Where the cut starts in the output, seconds.
    public var outputSeconds: Double
    /// Sound against picture at the cut's start, ms; positive: the sound is late. Nil without sound.
    public var audioOffsetMilliseconds: Double?
    /// Source frames (display order) re-encoded by a smart cut: the partial GOPs at each end.
    public var reencoded: [Range<Int>] = []
    public var warnings: [String]
}

/// A lossless stream copy of the timeline: which packets of which files, shifted where, and
/// what the user gets compared with what the timeline shows.
public struct CopyPlan: Sendable {
    public var output: URL
    public var formatName: String
    /// Muxer options (`movflags`): none for a copy; the preset's for a smart render.
    public var containerOptions: [String: String] = [:]
    public var snap: CopySnap
    public var cuts: [CopyCut]
    public var steps: [CopyStep]
    public var outputFrames: Int
    public var seconds: Double
    public var hasAudio: Bool
    public var expectedPackets: Int
    public var warnings: [String]

    /// The files the plan reads, in order.
    public var sourcePaths: [String] {
        steps.map { step -> String in
            switch step { case .packets(let s): return s.path; case .reencode(let r): return r.path }
        }
    }

    /// Containers a copy writes, by extension.
    static let formats = ["mp4": "mp4", "m4v": "mp4", "mov": "mov", "mkv": "matroska", "ts": "mpegts", "m2ts": "mpegts"]

    public static func make(project: Project, output: URL, frames requested: Range<Int64>? = nil, snap: CopySnap = .keyframe,
                            scan: (String) throws(MediaError) -> PacketTable = { path throws(MediaError) in try PacketTable.scan(path: path) })
        throws(DeliveryError) -> CopyPlan {
        let timeline = project.timeline
        guard let formatName = formats[output.pathExtension.lowercased()] else {
            throw DeliveryError("\(output.path): a stream copy writes .mp4, .mov, .mkv or .ts (the sources' packets, unchanged)")
        }
        let range = requested ?? 0..<timeline.duration
        guard timeline.duration > 0, !range.isEmpty else { throw DeliveryError("the timeline is empty: there is nothing to copy") }
        let pieces = try pictureClips(project, range: range)

        var tables: [String: (PacketTable, CopyPoints.Layout)] = [:]
        var cuts: [CopyCut] = [], steps: [CopyStep] = []
        var firstTable: PacketTable?
        var outputPosition: Int64 = 0          // output video time base
        var audioPosition: Int64 = 0           // output audio time base
        var frames = 0, packets = 0
        var warnings: [String] = []
        for piece in pieces where tables[piece.reference.path] == nil {
            let path = piece.reference.path
            if tables[path] == nil {
                do {
                    let table = try scan(path)
                    tables[path] = (table, CopyPoints.Layout(table))
                } catch {
                    throw DeliveryError("cannot copy from \(path): \(error.reason)")
                }
            }
            let (table, layout) = tables[path]!
            guard table.hasDecodeTimes else {
                throw DeliveryError("\(path): its video has no usable decode times (Matroska/WebM keeps presentation times only); "
                                    + "lossless copy takes MP4, MOV and MPEG-TS sources — render instead")
            }
            if let head = firstTable {
                let video = table.videoCodec.differences(from: head.videoCodec)
                let audio = (head.audioCodec != nil) != (table.audioCodec != nil) ? ["one has sound and the other none"]
                    : table.audioCodec.map { $0.differences(from: head.audioCodec!) } ?? []
                if !video.isEmpty || !audio.isEmpty {
                    throw DeliveryError("cannot copy: \(path) and \(head.path) do not share codec parameters ("
                                        + (video.map { "video " + $0 } + audio.map { "audio " + $0 }).joined(separator: ", ")
                                        + "); their packets cannot follow each other in one stream — render instead (re-encode)")
                }
            } else {
                firstTable = table
            }
        }
        // Decode times run behind presentation times by the reorder delay; re-encoded frames
        // (no B-frames) keep the largest delay of the sources so decode times never go back.
        let head = firstTable!
        let lag = tables.values.map { table, _ in
            rescale(table.video.prefix(300).map { $0.pts - $0.dts }.max() ?? 0, table.videoTimeBase, head.videoTimeBase)
        }.max() ?? 0
        for piece in pieces {
            let path = piece.reference.path
            let (table, layout) = tables[path]!
            let rate = timeline.rate
            func timestamp(_ sourceFrame: Int64) -> Int64 {
                let base = table.videoTimeBase
                return table.startTimestamp + RationalTime(sourceFrame, rate)
                    .rescaled(to: Rate(Int64(base.denominator), Int64(base.numerator)), rounding: .up).value
            }
            let wantedIn = layout.frame(containing: timestamp(piece.source.lowerBound))
            let wantedOut = layout.frame(containing: timestamp(piece.source.upperBound - 1)) + 1
            let at = Timecode.format(frame: timeline.startTimecode + piece.record, rate: rate, dropFrame: timeline.dropFrame)
            guard wantedOut > wantedIn else {
                throw DeliveryError("clip '\(piece.clip.name)' at \(at): \(path) has no frames there")
            }
            let points: CopyPoints?
            let first: Int, end: Int
            if snap == .keyframe {
                guard let found = CopyPoints.keyframeCut(table, layout, requested: wantedIn..<wantedOut) else {
                    throw DeliveryError("clip '\(piece.clip.name)' at \(at): \(path) has no keyframe at or before its frames; it cannot be copied — render instead")
                }
                points = found
                (first, end) = (found.first, found.end)
            } else {
                points = CopyPoints.smartCut(table, layout, requested: wantedIn..<wantedOut)
                (first, end) = (wantedIn, wantedOut)
            }
            let vIn = table.videoTimeBase, vOut = head.videoTimeBase
            func endTime(_ index: Int) -> Int64 {
                if index < layout.pts.count { return layout.pts[index] }
                let last = table.video[layout.decodeIndex[index - 1]]
                let step = last.duration > 0 ? last.duration : (index >= 2 ? layout.pts[index - 1] - layout.pts[index - 2] : 1)
                return layout.pts[index - 1] + step
            }
            let startPTS = layout.pts[first]
            let endPTS = endTime(end)
            let outStart = outputPosition
            let outEnd = outStart + rescale(endPTS - startPTS, vIn, vOut)
            let shift = outStart - rescale(startPTS, vIn, vOut)
            var span = CopySpan(path: path, videoDTS: points.map { table.video[$0.firstPacket].dts...table.video[$0.lastPacket].dts },
                                videoFirstPTS: points.map { layout.pts[$0.first] } ?? startPTS, videoShift: shift,
                                audioPTS: nil, audioShift: 0)
            let keyframe = points.map { layout.pts[$0.first] } ?? startPTS
            var cut = CopyCut(clip: piece.clip.name, path: path, recordStart: piece.record, requested: wantedIn..<wantedOut,
                              taken: first..<end,
                              keyframeSeconds: Double(rescale(keyframe - table.startTimestamp, vIn, MediaRational(1, 1_000_000))) / 1e6,
                              outputSeconds: Double(rescale(outStart, vOut, MediaRational(1, 1_000_000))) / 1e6,
                              audioOffsetMilliseconds: nil, warnings: [])
            var before: [CopyStep] = [], after: [CopyStep] = []
            if snap == .smart {
                func reencode(_ frames: Range<Int>) -> CopyStep {
                    cut.reencoded.append(frames)
                    packets += frames.count
                    return .reencode(ReencodeSpan(path: path, framePTS: Array(layout.pts[frames]), videoShift: shift, decodeLag: lag,
                                                  lastFrameDuration: rescale(endTime(frames.upperBound) - layout.pts[frames.upperBound - 1], vIn, vOut)))
                }
                if let points {
                    if points.first > first { before.append(reencode(first..<points.first)) }
                    if end > points.end { after.append(reencode(points.end..<end)) }
                } else {
                    before.append(reencode(first..<end))
                }
            }
            let fps = rate.framesPerSecond
            if points?.snappedForward == true {
                cut.warnings.append("no keyframe at or before the in point: the cut starts \(-cut.framesGainedAtStart) frames late (lost); "
                                    + "the sound is cut at the same place")
            } else if Double(cut.framesGainedAtStart) > fps {
                cut.warnings.append(String(format: "the keyframe is %.2f s before the in point: %d frames from before the cut are shown",
                                           Double(cut.framesGainedAtStart) / fps, cut.framesGainedAtStart))
            }
            // Sound: packets laid end to end, each cut's first the one that best keeps it in
            // step with the picture, so the error never grows past half a packet.
            if let audioBase = table.audioTimeBase, let outBase = head.audioTimeBase, !table.audio.isEmpty {
                let cutStart = rescale(outStart, vOut, outBase), cutEnd = rescale(outEnd, vOut, outBase)
                if audioPosition < cutStart - 1 { audioPosition = cutStart }   // the source's sound ran short before
                let sourceStart = rescale(startPTS, vIn, audioBase)
                let wanted = sourceStart + rescale(audioPosition - cutStart, outBase, audioBase)
                var p0 = nearest(table.audio, wanted)
                // Never sound from before the cut's picture by more than half a packet.
                if p0 + 1 < table.audio.count, table.audio[p0].pts + table.audio[p0].duration / 2 < sourceStart { p0 += 1 }
                let shift = audioPosition - rescale(table.audio[p0].pts, audioBase, outBase)
                let soundStart = audioPosition
                var p1 = p0, gap = false
                while p1 < table.audio.count {
                    let a = table.audio[p1]
                    let start = rescale(a.pts, audioBase, outBase) + shift
                    let length = rescale(max(a.duration, 1), audioBase, outBase)
                    if p1 > p0, start + length / 2 > cutEnd { break }
                    if p1 > p0, table.audio[p1 - 1].pts + table.audio[p1 - 1].duration != a.pts { gap = true }
                    audioPosition = start + length
                    p1 += 1
                }
                p1 -= 1
                span.audioPTS = table.audio[p0].pts...table.audio[p1].pts
                span.audioShift = shift
                packets += p1 - p0 + 1
                // At the output instant the cut's sound starts, the picture shows source time
                // `seen` and the sound is source time `heard`.
                let micro = MediaRational(1, 1_000_000)
                let heard = Double(rescale(table.audio[p0].pts, audioBase, micro))
                let seen = Double(rescale(startPTS, vIn, micro)) + Double(rescale(soundStart - cutStart, outBase, micro))
                let offset = (seen - heard) / 1000
                cut.audioOffsetMilliseconds = (offset * 10).rounded() / 10
                if abs(offset) > 500 / fps {
                    cut.warnings.append(String(format: "the sound would be %.0f ms %@ the picture at this cut (the source's sound does not cover it)",
                                               abs(offset), offset > 0 ? "behind" : "ahead of"))
                }
                if gap { cut.warnings.append("the source's sound has a gap inside this cut: the copy closes it, so the sound after it runs early") }
            } else if head.audioTimeBase != nil {
                cut.warnings.append("no sound in the source here: the copy is silent for this cut and the sound after it runs early")
            }
            cut.warnings += timelineSoundWarnings(project, piece: piece)
            frames += end - first
            if let points { packets += points.lastPacket - points.firstPacket + 1 }
            outputPosition = outEnd
            cuts.append(cut)
            steps += before + [.packets(span)] + after
        }
        let spans = steps.compactMap { step -> CopySpan? in if case .packets(let s) = step { return s } else { return nil } }
        let gained = cuts.reduce(0) { $0 + $1.framesGainedAtStart + $1.framesGainedAtEnd }
        if gained != 0 {
            warnings.append("the copy is \(frames) frames against the timeline's \(range.count) (\(gained > 0 ? "+" : "")\(gained): keyframe snapping)")
        }
        return CopyPlan(output: output, formatName: formatName, snap: snap, cuts: cuts, steps: steps, outputFrames: frames,
                        seconds: Double(rescale(outputPosition, head.videoTimeBase, MediaRational(1, 1_000_000))) / 1e6,
                        hasAudio: spans.first?.audioPTS != nil, expectedPackets: packets, warnings: warnings)
    }

    /// The audio packet whose start is nearest `pts`.
    static func nearest(_ audio: [PacketTable.AudioPacket], _ pts: Int64) -> Int {
        var low = 0, high = audio.count
        while low < high {
            let middle = (low + high) / 2
            if audio[middle].pts < pts { low = middle + 1 } else { high = middle }
        }
        if low >= audio.count { return audio.count - 1 }
        if low > 0, pts - audio[low - 1].pts < audio[low].pts - pts { return low - 1 }
        return low
    }
}
