import Foundation
import XCTest
@testable import TimelineModel

/// Helpers over the model's seeded generator, so every failure names a seed that reproduces it.
extension SplitMix64 {
    mutating func int(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &self)] }
}

/// Random edit sequences on random timelines. Each step checks the invariants (`validate()`),
/// that a refused edit leaves the timeline exactly as it was, and the law of the edit it made.
final class PropertyTests: XCTestCase {
    static let seeds: UInt64 = 400
    static let steps = 40

    func randomSource(_ rng: inout SplitMix64, name: String) -> EditSource {
        let generator = rng.chance(0.1)
        let available: Int64? = generator ? nil : rng.int(10...200)
        let start = rng.int(0...((available ?? 50) - 1))
        let end = Swift.min(start + rng.int(1...40), available ?? Int64.max)
        return EditSource(media: MediaID(name), name: name, available: available,
                          hasVideo: rng.chance(0.8), hasAudio: rng.chance(0.7), range: FrameRange(start: start, end: end))
    }

    func randomPatch(_ rng: inout SplitMix64) -> SourcePatch {
        SourcePatch(video: rng.chance(0.85) ? rng.pick([0, 1]) : nil, audio: rng.chance(0.8) ? rng.pick([2, 3]) : nil)
    }

    func randomTimeline(_ rng: inout SplitMix64) -> Timeline {
        var t = Timeline(name: "p", rate: .fps25, tracks: [
            Track(kind: .video, name: "V1"), Track(kind: .video, name: "V2"),
            Track(kind: .audio, name: "A1"), Track(kind: .audio, name: "A2"),
        ])
        for k in t.tracks.indices { t.tracks[k].syncLocked = rng.chance(0.7) }
        for n in 0..<Int(rng.int(4...30)) {
            let s = randomSource(&rng, name: "m\(n)")
            let frame = rng.int(0...(t.duration + 10))
            if rng.chance(0.5) { _ = try? t.overwrite(s, at: frame, patch: randomPatch(&rng)) }
            else { _ = try? t.insert(s, at: frame, patch: randomPatch(&rng)) }
        }
        for _ in 0..<Int(rng.int(0...4)) {
            if let cut = randomCut(&rng, t) {
                _ = try? t.addTransition(track: cut.track, at: cut.frame, kind: .dissolve, duration: rng.int(1...8),
                                         alignment: rng.pick(Transition.Alignment.allCases))
            }
        }
        return t
    }

    /// A cut on some track: the start of a random item, or the end of the track.
    func randomCut(_ rng: inout SplitMix64, _ t: Timeline) -> (track: Int, frame: Int64)? {
        let candidates = t.tracks.indices.filter { !t.tracks[$0].items.isEmpty }
        guard !candidates.isEmpty else { return nil }
        let track = rng.pick(candidates)
        let items = t.tracks[track].items
        let index = Int(rng.int(0...Int64(items.count)))
        return (track, items.startFrame(ofItemAt: index))
    }

    func randomClip(_ rng: inout SplitMix64, _ t: Timeline) -> ClipID? {
        let all = t.tracks.flatMap { $0.clips.map(\.clip.id) }
        return all.isEmpty ? nil : rng.pick(all)
    }

    /// What the track shows at a frame: media and source frame, or nil.
    func content(_ t: Timeline, _ track: Int, _ frame: Int64) -> String? {
        guard frame >= 0, let m = t.matchFrame(at: frame, track: track) else { return nil }
        return "\(m.media)#\(m.sourceFrame)"
    }

    func records(_ t: Timeline) -> [[String]] {
        t.tracks.map { track in
            var frame: Int64 = 0
            return track.items.map { item in
                defer { frame += item.duration }
                return item.clip.map { "\($0.id)@\(frame)+\($0.duration)" } ?? "gap@\(frame)+\(item.duration)"
            }
        }
    }

    func testRandomEditSequences() throws {
        var checked: [String: Int] = [:]
        for seed in 0..<Self.seeds {
            var rng = SplitMix64(seed: seed)
            var t = randomTimeline(&rng)
            XCTAssertEqual(t.validate(), [], "seed \(seed): generated timeline")
            for step in 0..<Self.steps {
                if rng.chance(0.05), !t.tracks.isEmpty { try t.setLocked(track: Int(rng.int(0...3)), rng.chance(0.3)) }
                let before = t
                let where_ = "seed \(seed) step \(step)"
                let op = Int(rng.int(0...13))
                var label = ""
                do {
                    label = try apply(op, &t, &rng, before: before, where_: where_)
                    checked[label, default: 0] += 1
                    let problems = t.validate()
                    XCTAssertEqual(problems, [], "\(where_) \(label)")
                    if !problems.isEmpty { return }
                } catch {
                    XCTAssertEqual(t, before, "\(where_): refused \(label) changed the timeline: \(error.message)")
                    XCTAssertFalse(error.message.isEmpty)
                    checked["refused", default: 0] += 1
                }
                if step % 20 == 19 {
                    let data = try JSONEncoder().encode(t)
                    XCTAssertEqual(try JSONDecoder().decode(Timeline.self, from: data), t, "\(where_): Codable round trip")
                }
            }
        }
        print("property run:", checked.sorted { $0.key < $1.key })
        // The run must actually exercise every kind of edit.
        for label in ["insert", "overwrite", "lift", "extract", "razor", "ripple", "roll", "slip", "slide", "rippleDelete",
                      "rippleDeleteGap", "move", "nudge", "transition", "refused"] {
            XCTAssertGreaterThan(checked[label, default: 0], 20, "too few \(label): \(checked)")
        }
    }

    /// Applies random edit number `op` and checks its law; returns its name.
    func apply(_ op: Int, _ t: inout Timeline, _ rng: inout SplitMix64, before: Timeline, where_: String) throws(EditError) -> String {
        let probes = (0..<12).map { _ in rng.int(0...(before.duration + 5)) }
        switch op {
        case 0, 1:
            let s = randomSource(&rng, name: "n\(rng.int(0...99))")
            let frame = rng.int(0...(before.duration + 5))
            let patch = randomPatch(&rng)
            if op == 0 {
                let out = try t.insert(s, at: frame, patch: patch)
                let len = s.range.duration
                for created in out.created {
                    let placed = t.clip(created)!
                    XCTAssertEqual(placed.record, FrameRange(start: frame, duration: len), where_)
                    XCTAssertEqual(placed.clip.source, s.range, where_)
                }
                let moved = Set(out.created.map { t.clip($0)!.track })
                    .union(before.tracks.indices.filter { before.tracks[$0].syncLocked && !before.tracks[$0].locked })
                for k in before.tracks.indices {
                    for f in probes where f < frame { XCTAssertEqual(content(t, k, f), content(before, k, f), "\(where_) insert before") }
                    for f in probes where f >= frame {
                        if moved.contains(k) {
                            XCTAssertEqual(content(t, k, f + len), content(before, k, f), "\(where_) insert after, track \(k)")
                        } else {
                            XCTAssertEqual(content(t, k, f), content(before, k, f), "\(where_) insert untouched track \(k)")
                        }
                    }
                }
                return "insert"
            } else {
                let out = try t.overwrite(s, at: frame, patch: patch)
                let range = FrameRange(start: frame, duration: s.range.duration)
                let patched = Set(out.created.map { t.clip($0)!.track })
                for k in before.tracks.indices {
                    for f in probes where !patched.contains(k) || !range.contains(f) {
                        XCTAssertEqual(content(t, k, f), content(before, k, f), "\(where_) overwrite outside")
                    }
                    if patched.contains(k) {
                        XCTAssertEqual(content(t, k, frame), "\(s.media)#\(s.range.start)", where_)
                    }
                }
                XCTAssertEqual(t.duration, Swift.max(before.duration, patched.isEmpty ? 0 : range.end), where_)
                return "overwrite"
            }
        case 2, 3:
            let start = rng.int(0...(before.duration + 2))
            let range = FrameRange(start: start, duration: rng.int(1...30))
            let list = Array(Set((0..<Int(rng.int(1...2))).map { _ in Int(rng.int(0...3)) })).sorted()
            if op == 2 {
                _ = try t.lift(range, tracks: list)
                for k in before.tracks.indices {
                    for f in probes {
                        let expected = list.contains(k) && range.contains(f) ? nil : content(before, k, f)
                        XCTAssertEqual(content(t, k, f), expected, "\(where_) lift")
                    }
                }
                return "lift"
            }
            _ = try t.extract(range, tracks: list)
            for k in before.tracks.indices {
                let moved = list.contains(k) || (before.tracks[k].syncLocked && !before.tracks[k].locked)
                for f in probes {
                    if f < range.start || !moved { XCTAssertEqual(content(t, k, f), content(before, k, f), "\(where_) extract kept") }
                    else { XCTAssertEqual(content(t, k, f), content(before, k, f + range.duration), "\(where_) extract closed") }
                }
            }
            return "extract"
        case 4:
            let frame = rng.int(0...(before.duration + 2))
            _ = try t.razor(at: frame, tracks: [Int(rng.int(0...3)), Int(rng.int(0...3))])
            for k in before.tracks.indices {
                XCTAssertEqual(t.tracks[k].duration, before.tracks[k].duration, where_)
                for f in probes { XCTAssertEqual(content(t, k, f), content(before, k, f), "\(where_) razor shows the same") }
            }
            return "razor"
        case 5, 6:
            // Ripple trim (op 5) or roll (op 6) on one or two tracks at the same kind of side.
            guard let first = randomCut(&rng, before) else { throw EditError(.nothingSelected, "empty") }
            let side: EditSide = op == 6 ? .both : rng.pick([.tail, .head])
            var points = [EditPoint(track: first.track, frame: first.frame, side: side)]
            if rng.chance(0.4), let second = randomCut(&rng, before), second.track != first.track {
                points.append(EditPoint(track: second.track, frame: second.frame, side: side))
            }
            let delta = rng.int(-25...25)
            let out = try t.trim(points, by: delta)
            let applied = out.applied!
            XCTAssertLessThanOrEqual(abs(applied), abs(delta), where_)
            XCTAssertTrue(applied == 0 || (applied > 0) == (delta > 0), where_)
            XCTAssertEqual(applied == delta, out.notes.allSatisfy { !$0.contains("stopped") }, "\(where_) note iff clamped: \(out.notes)")
            let selected = Set(points.map(\.track))
            if side == .both {
                XCTAssertEqual(t.duration, before.duration, "\(where_) roll keeps the duration")
                for k in before.tracks.indices where !selected.contains(k) {
                    XCTAssertEqual(t.tracks[k], before.tracks[k], "\(where_) roll touched another track")
                }
                // A rolled track keeps its length, except at its end, where the roll uses the
                // stretch up to the sequence end (or gives it back).
                for p in points where p.frame < before.tracks[p.track].duration {
                    XCTAssertEqual(t.tracks[p.track].duration, before.tracks[p.track].duration, where_)
                }
                for p in points where p.frame == before.tracks[p.track].duration {
                    XCTAssertEqual(t.tracks[p.track].duration, before.tracks[p.track].duration + applied, where_)
                }
                return "roll"
            }
            let shift = side == .tail ? applied : -applied
            let cut = points.map(\.frame).min()!
            for k in before.tracks.indices {
                let hasMaterialAfter = before.tracks[k].duration > cut
                let syncMoves = !selected.contains(k) && before.tracks[k].syncLocked && !before.tracks[k].locked && hasMaterialAfter
                if selected.contains(k) {
                    // The trimmed track changes by exactly the applied amount.
                    XCTAssertEqual(t.tracks[k].duration, before.tracks[k].duration + shift, "\(where_) ripple track \(k)")
                    let p = points.first { $0.track == k }!
                    for f in probes where f > p.frame + Swift.max(0, -shift) + abs(applied) {
                        XCTAssertEqual(content(t, k, f + shift), content(before, k, f), "\(where_) ripple moved material")
                    }
                } else if syncMoves {
                    XCTAssertEqual(t.tracks[k].duration, before.tracks[k].duration + shift, "\(where_) sync track \(k)")
                    for f in probes where f >= cut + Swift.max(0, -shift) {
                        XCTAssertEqual(content(t, k, f + shift), content(before, k, f), "\(where_) sync moved material")
                    }
                } else if !selected.contains(k) && (before.tracks[k].locked || !before.tracks[k].syncLocked || !hasMaterialAfter) {
                    for f in probes { XCTAssertEqual(content(t, k, f), content(before, k, f), "\(where_) unsynced track") }
                }
            }
            // With one ripple point on a track that ends the sequence alone, and every track that
            // holds material after the cut moving, the sequence changes by exactly the shift.
            // When every track holding material after the cut moves, the sequence end moves by
            // exactly the shift (unless a track ending before the cut is now the longest).
            if before.tracks.indices.allSatisfy({ k in selected.contains(k) || before.tracks[k].duration <= cut
                    || (before.tracks[k].syncLocked && !before.tracks[k].locked) }) && before.duration > cut {
                let unmoved = before.tracks.indices.filter { !selected.contains($0) && before.tracks[$0].duration <= cut }
                    .map { before.tracks[$0].duration }.max() ?? 0
                XCTAssertEqual(t.duration, Swift.max(before.duration + shift, unmoved), "\(where_) ripple changes the duration by the shift")
            }
            return "ripple"
        case 7:
            guard let id = randomClip(&rng, before) else { throw EditError(.nothingSelected, "empty") }
            let out = try t.slip(clip: id, by: rng.int(-20...20))
            XCTAssertEqual(records(t), records(before), "\(where_) slip keeps every record range")
            let group = Set(before.linkedClips(of: id).map(\.clip.id))
            for (k, track) in before.tracks.enumerated() {
                for (old, new) in zip(track.items, t.tracks[k].items) {
                    if let oc = old.clip, group.contains(oc.id) {
                        XCTAssertEqual(new.clip?.source, oc.source.shifted(by: out.applied!), where_)
                    } else {
                        XCTAssertEqual(new, old, where_)
                    }
                }
            }
            return "slip"
        case 8:
            guard let id = randomClip(&rng, before) else { throw EditError(.nothingSelected, "empty") }
            let out = try t.slide(clip: id, by: rng.int(-20...20))
            XCTAssertEqual(t.duration, before.duration, "\(where_) slide keeps the duration")
            let group = before.linkedClips(of: id)
            for k in before.tracks.indices where !group.contains(where: { $0.track == k }) {
                XCTAssertEqual(t.tracks[k], before.tracks[k], "\(where_) slide touched another track")
            }
            for member in group {
                let now = t.clip(member.clip.id)!
                XCTAssertEqual(now.record, member.record.shifted(by: out.applied!), where_)
                XCTAssertEqual(now.clip.source, member.clip.source, where_)
                XCTAssertEqual(t.tracks[member.track].duration, before.tracks[member.track].duration
                               + (member.record.end == before.tracks[member.track].duration ? out.applied! : 0), where_)
            }
            return "slide"
        case 9:
            guard let id = randomClip(&rng, before) else { throw EditError(.nothingSelected, "empty") }
            _ = try t.rippleDelete(clip: id)
            XCTAssertNil(t.clip(id), where_)
            return "rippleDelete"
        case 10:
            let k = Int(rng.int(0...3))
            let gaps = before.tracks[k].items.indices.filter { before.tracks[k].items[$0].isGap }
            let frame = gaps.isEmpty ? rng.int(0...before.duration) : before.tracks[k].items.startFrame(ofItemAt: rng.pick(gaps))
            _ = try t.rippleDeleteGap(track: k, at: frame)
            return "rippleDeleteGap"
        case 11:
            guard let id = randomClip(&rng, before) else { throw EditError(.nothingSelected, "empty") }
            let from = before.clip(id)!
            let to = from.track < 2 ? Int(rng.int(0...1)) : Int(rng.int(2...3))
            _ = try t.move(clip: id, toTrack: to, at: rng.int(0...(before.duration + 5)), mode: rng.pick([.insert, .overwrite]))
            XCTAssertEqual(t.clip(id)?.clip.source, from.clip.source, where_)
            return "move"
        case 12:
            guard let id = randomClip(&rng, before) else { throw EditError(.nothingSelected, "empty") }
            let out = try t.nudge(clips: [id], by: rng.int(-10...10))
            XCTAssertEqual(t.clip(id)?.record, from(before, id).shifted(by: out.applied!), where_)
            return "nudge"
        default:
            guard let cut = randomCut(&rng, before) else { throw EditError(.nothingSelected, "empty") }
            _ = try t.addTransition(track: cut.track, at: cut.frame, kind: .dissolve, duration: rng.int(1...12),
                                    alignment: rng.pick(Transition.Alignment.allCases))
            return "transition"
        }
    }

    func from(_ t: Timeline, _ id: ClipID) -> FrameRange { t.clip(id)!.record }
}
