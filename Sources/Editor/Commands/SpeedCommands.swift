import Foundation
import TimelineModel

/// Constant speed changes and freeze frames on a clip.
enum SpeedCommands {
    static let all: [CommandSpec] = [
        CommandSpec("speed", .editing,
                    "Play a clip (and its linked sound or picture) at a constant speed (200, 50, 33.3 percent), in reverse (-100, -50) or freeze its first frame; 100 clears it. blend=on mixes the two media frames a slow-motion frame falls between (frame blending). Speed-changed sound keeps its pitch (atempo); -100 plays the sound backwards; a freeze and other reverse speeds are silent",
                    arguments: [ArgumentSpec("percent", .word, "speed in percent, or freeze"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)"),
                                ArgumentSpec("blend", .choice(["on", "off"]), optional: true, "frame blending below 100%: on or off (default: the clip's, off for a new speed)")],
                    changesProject: true) { editor, args in
            let id = try editor.targetClip(args)
            guard let hit = editor.timeline.clip(id) else { throw CommandError("no clip \(id) on the timeline") }
            let text = (args["percent"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            var speed: ClipSpeed?
            let label: String
            if text == "freeze" {
                guard try args.bool("blend") != true else { throw CommandError("speed: a freeze shows one frame, so there is nothing to blend") }
                speed = editor.timeline.freezeFrame(of: id)
                // The held frame in source timecode at the media's own rate, as `TimelineDump` shows it.
                let held = speed?.freezeFrame ?? 0
                label = "freeze " + (editor.project.mediaReference(hit.clip.media)?.sourceTimecode(atTimelineFrame: held, timeline: editor.timeline)
                    ?? Timecode.format(frame: held, rate: editor.timeline.rate, dropFrame: editor.timeline.dropFrame))
            } else {
                let number = text.hasSuffix("%") ? String(text.dropLast()) : text
                guard let percent = Double(number), percent.isFinite, percent != 0 else {
                    throw CommandError("speed: '\(text)' is not a speed: give a percent (200, 50, 33.3; -100 plays in reverse) or freeze")
                }
                guard let s = ClipSpeed.approximating(abs(percent) / 100) else {
                    throw CommandError("speed: \(number)% is out of range")
                }
                if percent < 0 {
                    // The mirror frame is a placeholder: `setSpeed` puts it on the media's last frame.
                    speed = ClipSpeed(numerator: s.numerator, denominator: s.denominator, reversedFrom: 0)
                } else {
                    speed = s.isNormal ? nil : s
                }
                // Blending is kept when only the speed changes, as an NLE's speed dialog keeps it.
                if let blend = try args.bool("blend") ?? hit.clip.speed?.frameBlend, blend { speed?.frameBlend = true }
                label = "\(speed.map(Timeline.percentText) ?? "100")%" + (speed?.frameBlend == true ? " blend=on" : "")
            }
            let mediaFrames = editor.project.mediaReference(hit.clip.media)?.availableFrames(at: editor.timeline.rate)
            // Linked picture and sound over the same span change together, as Premiere's
            // Speed/Duration and Resolve's Change Clip Speed do on a linked clip.
            // Frame blending mixes pictures: linked sound takes the speed without it.
            let partners = editor.timeline.linkedClips(of: id)
                .filter { $0.clip.id != id && $0.clip.media == hit.clip.media && $0.record == hit.record }
                .map { partner -> (ClipID, ClipSpeed?) in
                    guard editor.timeline.tracks[partner.track].kind != .video, var sound = speed else { return (partner.clip.id, speed) }
                    sound.frameBlend = false
                    return (partner.clip.id, sound)
                }
            return try editor.edit("speed \(id) \(label)") { (t: inout Timeline) throws(EditError) in
                var outcome = try t.setSpeed(clip: id, to: speed, mediaFrames: mediaFrames)
                for (partner, partnerSpeed) in partners {
                    outcome.notes += try t.setSpeed(clip: partner, to: partnerSpeed, mediaFrames: mediaFrames).notes
                }
                return outcome
            }
        },
    ]
}
