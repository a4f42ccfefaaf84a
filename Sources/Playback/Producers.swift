import Foundation
import Render
import Synchronization
import TimelineModel

/// A count several threads add to.
final class SharedCount: Sendable {
    private let value = Atomic<Int>(0)
    func add(_ n: Int = 1) { value.add(n, ordering: .relaxed) }
    var current: Int { value.load(ordering: .relaxed) }
    func reset() { value.store(0, ordering: .relaxed) }
}

/// The picture thread: renders the frames a job asks for into the frame queue, ahead of
/// their time, with its own renderer (its own decoders).
///
/// When it falls behind the clock it skips frames whose successor is due before it could
/// finish (ffplay's early frame drop), so a slow stretch costs frames, never sync.
enum PictureThread {
    static func run(jobs: JobBox, queue: FrameQueue, clock: MasterClock, skipped: SharedCount,
                    makePool: @Sendable () -> MediaPool) {
        var renderer: TimelineRenderer?
        var version = -1
        var lastSerial: Int?
        // Mean render time in device samples, to judge whether a frame can still make its time.
        var renderCost: Int64 = 0
        while let ticket = jobs.next(after: lastSerial) {
            lastSerial = ticket.serial
            if ticket.projectVersion != version || renderer == nil {
                if let renderer { renderer.update(ticket.project) } else {
                    renderer = TimelineRenderer(project: ticket.project, pool: makePool())
                }
                version = ticket.projectVersion
            }
            guard let renderer else { continue }
            let serial = ticket.serial
            let size = ticket.size
            let abandoned = { jobs.serial != serial || jobs.isStopped }
            switch ticket.job {
            case .idle:
                continue
            case .still(let frame):
                let image = renderer.picture(at: frame, width: size.width, height: size.height)
                queue.push(QueuedFrame(serial: serial, frame: frame, tau: 0, image: image), abandon: abandoned)
            case .pair(let outgoing, let incoming):
                let image = TrimPair.compose(renderer.picture(at: outgoing, width: size.width / 2, height: size.height / 2),
                                             renderer.picture(at: incoming, width: size.width / 2, height: size.height / 2),
                                             width: size.width, height: size.height)
                queue.push(QueuedFrame(serial: serial, frame: incoming, tau: 0, image: image), abandon: abandoned)
            case .play(let schedule):
                var visit: PlaySchedule.Visit? = schedule.firstVisit
                while let current = visit, !abandoned() {
                    let next = schedule.visit(after: current)
                    if let next, let now = clock.tau(serial: serial), schedule.tau(of: next) <= now + renderCost {
                        skipped.add()
                        visit = next
                        continue
                    }
                    let began = Monotonic.nanoseconds()
                    let image = renderer.picture(at: current.frame, width: size.width, height: size.height)
                    let cost = Int64((Monotonic.nanoseconds() - began) * MasterClock.samplesPerSecond / 1_000_000_000)
                    renderCost = renderCost == 0 ? cost : (renderCost * 7 + cost) / 8
                    queue.push(QueuedFrame(serial: serial, frame: current.frame, tau: schedule.tau(of: current), image: image),
                               abandon: abandoned)
                    visit = next
                }
            }
        }
    }
}

/// The sound thread: mixes the timeline ahead of the device into the audio feed, in chunks
/// of one device buffer. At other speeds it feeds the mix pitch-corrected through atempo
/// (`ShuttleSound`); past the play's end, silence, which still carries τ, so the audio device
/// stays the master clock at every speed.
enum SoundThread {
    static let chunkFrames = 960
    /// How much sound to keep queued ahead of the device: enough to ride out a slow read.
    static let queuedTarget = chunkFrames * 6

    static func run(jobs: JobBox, feed: AudioFeed, makePool: @Sendable () -> MediaPool) {
        var renderer: TimelineRenderer?
        var version = -1
        var lastSerial: Int?
        while let ticket = jobs.next(after: lastSerial) {
            lastSerial = ticket.serial
            if ticket.projectVersion != version || renderer == nil {
                if let renderer { renderer.update(ticket.project) } else {
                    renderer = TimelineRenderer(project: ticket.project, pool: makePool())
                }
                version = ticket.projectVersion
            }
            guard let renderer, case .play(let schedule) = ticket.job else { continue }
            let serial = ticket.serial
            var tau: Int64 = 0
            let shuttle = schedule.speed.isNormal ? nil : ShuttleSound(schedule: schedule)
            while jobs.serial == serial && !jobs.isStopped {
                if feed.queued(serial: serial) >= queuedTarget {
                    feed.waitForRoom(serial: serial, below: queuedTarget, timeout: 0.05)
                    continue
                }
                var count = chunkFrames
                let samples: [Float]
                if schedule.speed.isNormal, let position = schedule.soundPosition(at: tau) {
                    count = Int(min(Int64(chunkFrames), position.run))
                    samples = renderer.sound(from: position.sample, count: count)
                } else if let shuttle, schedule.soundPosition(at: tau) != nil {
                    samples = shuttle.next(count, renderer: renderer)
                } else {
                    samples = [Float](repeating: 0, count: count * 2)
                }
                feed.push(AudioFeed.Chunk(serial: serial, tau: tau, samples: samples))
                tau += Int64(count)
            }
        }
    }
}
