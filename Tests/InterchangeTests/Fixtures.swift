import Foundation
import XCTest
import TimelineModel
@testable import Interchange

/// Projects built by hand for round trips: several tracks, gaps, every transition alignment,
/// clip and timeline markers, offline media, media at other rates than the timeline.
enum Fixtures {
    static func project(rate: Rate, dropFrame: Bool) -> Project {
        let base = rate.timecodeBase
        let hour = dropFrame ? SMPTETimecode.parse("01:00:00;00", rate: rate, dropFrame: true)!.frames : 3600 * base
        let interview = MediaReference(id: "interview", name: "interview.mov", path: "/media/interview.mov",
                                       duration: RationalTime(600 * base, rate),
                                       video: .init(width: 1920, height: 1080, rate: rate, codec: "h264"), startTimecode: hour)
        // Picture at 50 fps in a 25 fps timeline (or 2× for other rates): whole timeline frames land on whole media frames.
        let doubled = Rate(rate.numerator * 2, rate.denominator)
        let broll = MediaReference(id: "broll", name: "broll.mp4", path: "footage/broll.mp4",
                                   duration: RationalTime(1200 * base, doubled), startTimecode: 0)
        let music = MediaReference(id: "music", name: "music.wav", path: "/media/music.wav",
                                   duration: RationalTime(48_000 * 300, .audio48k),
                                   audio: .init(sampleRate: 48_000, channels: 2, layout: "stereo", codec: "pcm_s16le"))
        let lost = MediaReference(id: "lost", name: "lost.mov", path: "/gone/lost.mov",
                                  duration: RationalTime(2000, rate), startTimecode: 1000, isOffline: true)
        var timeline = Timeline(name: "Round trip \(rate)", rate: rate, dropFrame: dropFrame, tracks: [])
        func clip(_ name: String, _ media: MediaReference, _ start: Int64, _ duration: Int64, link: LinkID? = nil,
                  markers: [Marker] = [], transition: Transition? = nil, enabled: Bool = true) -> Item {
            .clip(Clip(id: ClipID(timeline.allocateID()), name: name, media: media.id,
                       source: FrameRange(start: start, duration: duration), available: media.availableFrames(at: rate),
                       enabled: enabled, link: link, markers: markers, transitionOut: transition))
        }
        let link = LinkID(timeline.allocateID())
        let v1: [Item] = [
            clip("Interview wide", interview, 100, 100, link: link, transition: Transition(kind: .dissolve, duration: 10, alignment: .centered)),
            clip("B-roll street", broll, 50, 100, markers: [Marker(frame: 60, name: "car", color: .green, note: "check plate")],
                 transition: Transition(kind: .wipe, duration: 8, alignment: .startAtCut)),
            clip("Lost shot", lost, 10, 48, transition: Transition(kind: .dip, duration: 6, alignment: .endAtCut)),
            clip("Interview close", interview, 500, 60),
            .gap(20),
            clip("Interview end", interview, 900, 30, transition: Transition(kind: .dissolve, duration: 6, alignment: .startAtCut)),
            .gap(30),
        ]
        let v2: [Item] = [.gap(40), clip("Title plate", broll, 400, 25, enabled: false)]
        let a1: [Item] = [clip("Interview wide", interview, 100, 100, link: link), .gap(60), clip("Music", music, 0, 300)]
        let a2: [Item] = [.gap(12), clip("Music", music, 300, 80, transition: Transition(kind: .dissolve, duration: 12, alignment: .centered)),
                          clip("Music 2", music, 1000, 90)]
        timeline.tracks = [Track(kind: .video, name: "V1", items: ItemList(v1)), Track(kind: .video, name: "V2", items: ItemList(v2)),
                           Track(kind: .audio, name: "A1", items: ItemList(a1)), Track(kind: .audio, name: "A2", items: ItemList(a2))]
        timeline.markers = [Marker(frame: 5, name: "start", color: .red), Marker(frame: 150, name: "mid", color: .blue, note: "n", duration: 10)]
        return Project(name: "Fixture", media: [interview, broll, music, lost], timeline: timeline)
    }

    /// A description of everything a round trip must keep, independent of ids.
    static func summary(_ project: Project, includeLinks: Bool = false) -> [String] {
        let t = project.timeline
        var out = ["rate \(t.rate) df \(t.dropFrame) start \(t.startTimecode) markers \(t.markers.map { "\($0.frame)+\($0.duration) \($0.name) \($0.color) '\($0.note)'" })"]
        for track in t.tracks {
            out.append("track \(track.name) \(track.kind)")
            for item in track.items {
                switch item {
                case .gap(let d): out.append("  gap \(d)")
                case .clip(let c):
                    let media = project.mediaReference(c.media)
                    let base = media.map { RationalTime($0.startTimecode, $0.duration.rate).rescaled(to: t.rate, rounding: .nearest).value } ?? 0
                    let mediaText = media.map { "\($0.name) '\($0.path)' offline \($0.isOffline)" } ?? "generated"
                    let markers = c.markers.map { "\($0.frame + base)+\($0.duration) \($0.name) \($0.color) '\($0.note)'" }
                    out.append("  clip '\(c.name)' src \(base + c.source.start)+\(c.duration) \(mediaText) enabled \(c.enabled) t \(c.transitionOut.map { "\($0.kind) \($0.duration) \($0.alignment)" } ?? "-") markers \(markers) text \(c.text ?? "-")\(includeLinks ? " link \(c.link != nil)" : "")")
                }
            }
        }
        return out
    }
}
