#!/usr/bin/env python3
"""Random timelines made and read by OpenTimelineIO itself, for termcut's conformance test.

  otio-conformance.py generate SEED COUNT FOLDER   # writes NNNN.otio and NNNN.edl (OTIO's adapters)
  otio-conformance.py compare FOLDER               # compares NNNN.{otio,edl} with NNNN.back.{otio,edl}

Run with the python of scripts/otio-venv.sh. `compare` reads both the original and termcut's
export with OpenTimelineIO and compares, per track, every clip's name, CMX reel, source range
(its start in frames at the source range's own rate, and that rate: a clip whose media runs
at another rate than the timeline's must come back at the media's rate), record range (frames from the timeline's global start), speed, and the
transitions' offsets. For EDLs the original is what OTIO's own adapter reads back from the list
it wrote (CMX 3600 cannot hold everything an OTIO timeline can: more than one video track,
gaps as items, transition alignment); termcut must give back the same reading.
Exit status 1 with one line per difference (file and track named).
"""
import json
import os
import random
import sys

import opentimelineio as otio
from opentimelineio import opentime

# (rate, drop frame): 23.976, 24, 25, 29.97 NDF and DF, 30, 50, 59.94 DF.
RATES = [(24000 / 1001, False), (24.0, False), (25.0, False), (30000 / 1001, False), (30000 / 1001, True),
         (30.0, False), (50.0, False), (60000 / 1001, True)]


def rt(frames, rate):
    return opentime.RationalTime(frames, rate)


def make_clip(rng, rate, index, reels, speed_ok):
    reel = rng.choice(reels)
    name = rng.choice(["shot", "take", "A cam", "interview", "broll_"]) + " %d" % index
    base = int(round(rate)) * 3600 * rng.randint(0, 20)  # sources start on an hour or later
    start = base + rng.randint(0, 5000)
    duration = rng.randint(20, 160)
    clip = otio.schema.Clip(name=name, source_range=opentime.TimeRange(rt(start, rate), rt(duration, rate)))
    clip.media_reference = otio.schema.MissingReference()
    clip.metadata["cmx_3600"] = {"reel": reel}
    if rng.random() < 0.2:
        # Mixed rate, as editors exchange it: the source range at the media's own rate (a 25 fps
        # clip in a 30 fps timeline starts on a whole 25 fps frame); its duration is the record
        # duration counted at that rate (fractional when the rates differ), so the record stays whole.
        # Media slower than the timeline (every media frame is on screen at some timeline frame):
        # termcut counts a clip's source in timeline frames from the media's first frame, so a
        # faster medium's start can only be a frame that is shown (the next one is taken).
        media_rate = rng.choice([r for r, _ in RATES if r < rate] + [20.0])
        media_start = int(round(media_rate)) * 3600 * rng.randint(0, 20) + rng.randint(0, 5000)
        clip.source_range = opentime.TimeRange(rt(media_start, media_rate), rt(duration, rate).rescaled_to(media_rate))
        return clip
    if speed_ok and rng.random() < 0.15:
        if rng.random() < 0.3:
            clip.effects.append(otio.schema.FreezeFrame())
        else:
            clip.effects.append(otio.schema.LinearTimeWarp(time_scalar=rng.choice([2.0, 0.5, 4.0, 0.25])))
        # The adapter writes the clip name into the M2 line and cannot read it back with spaces.
        clip.name = name.replace(" ", "_")
    return clip


def make_track(rng, rate, kind, reels, counter, video):
    track = otio.schema.Track(name=kind[0] + str(counter[kind]), kind=kind)
    counter[kind] += 1
    n = rng.randint(1, 8)
    previous_clip = None
    # Frames at the head of the previous clip that its own incoming dissolve covers: the next
    # dissolve's in_offset must fit in what is left, or the two would overlap (a timeline no
    # editor can hold; OTIO's adapter then writes a dissolve longer than its event).
    previous_head = 0
    for i in range(n):
        if i > 0 and rng.random() < 0.2:
            track.append(otio.schema.Gap(source_range=opentime.TimeRange(rt(0, rate), rt(rng.randint(1, 90), rate))))
            previous_clip = None
        clip = make_clip(rng, rate, counter["clip"], reels, speed_ok=True)
        counter["clip"] += 1
        head = 0
        mixed = clip.source_range.start_time.rate != rate or (previous_clip is not None and previous_clip.source_range.start_time.rate != rate)
        if video and previous_clip is not None and not previous_clip.effects and not clip.effects and not mixed and rng.random() < 0.35:
            # A dissolve at the cut, as CMX 3600 holds it: starting at the cut (in_offset 0)
            # or centred on it with equal halves; both clips need handles, which they have.
            d = rng.randint(1, 8) * 2
            d = min(d, clip.source_range.duration.value - 2)
            if d >= 2:
                in_offset = 0 if rng.random() < 0.5 else d // 2
                out_offset = d - in_offset
                if previous_head + in_offset < previous_clip.source_range.duration.value - 1:
                    track.append(otio.schema.Transition(transition_type=otio.schema.TransitionTypes.SMPTE_Dissolve,
                                                        in_offset=rt(in_offset, rate), out_offset=rt(out_offset, rate)))
                    head = out_offset
        track.append(clip)
        previous_clip = clip
        previous_head = head
    return track


def generate(seed, count, folder):
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    for n in range(count):
        rate, drop = rng.choice(RATES)
        reels = ["R%03d" % rng.randint(0, 999) for _ in range(rng.randint(1, 4))] + ["TAPE" + str(rng.randint(1, 9))]
        counter = {"Video": 1, "Audio": 1, "clip": 1}
        tl = otio.schema.Timeline(name="conform %d" % n)
        tl.global_start_time = opentime.from_timecode("01:00:00:00", rate)
        tl.tracks.append(make_track(rng, rate, otio.schema.TrackKind.Video, reels, counter, True))
        for _ in range(rng.randint(1, 3)):
            tl.tracks.append(make_track(rng, rate, otio.schema.TrackKind.Audio, reels, counter, False))
        stem = os.path.join(folder, "%04d" % n)
        otio.adapters.write_to_file(tl, stem + ".otio")
        # The EDL holds the picture track (CMX 3600 has one video track).
        picture = otio.schema.Timeline(name=tl.name)
        picture.global_start_time = tl.global_start_time
        picture.tracks.append(tl.tracks[0].clone())
        for clip in picture.tracks[0].find_clips():
            # CMX 3600 counts every timecode at the list's one rate: mixed-rate clips go through OTIO JSON only.
            sr = clip.source_range
            if sr.start_time.rate != rate:
                clip.source_range = opentime.TimeRange(rt(int(round(sr.start_time.rescaled_to(rate).value)), rate),
                                                       rt(int(round(sr.duration.rescaled_to(rate).value)), rate))
        if rate in (30000 / 1001, 60000 / 1001):
            # The adapter writes M2 timecodes at 29.97 and 59.94 with ';' (drop-frame, whatever
            # was asked) and its own reader refuses them:
            # speed effects at drop-frame rates are compared through OTIO JSON only.
            for clip in picture.tracks[0].find_clips():
                clip.effects[:] = []
        # OTIO's adapter reads its own list, as termcut will.
        with open(stem + ".edl", "w") as f:
            f.write(otio.adapters.write_to_string(picture, "cmx_3600"))
        with open(stem + ".rate", "w") as f:
            exact = {24000 / 1001: "24000/1001", 30000 / 1001: "30000/1001", 60000 / 1001: "60000/1001"}.get(rate, "%d" % rate)
            f.write("%r %s %s\n" % (rate, exact, "DF" if drop else "NDF"))


def frames(t, rate):
    return int(round(t.rescaled_to(rate).value))


def rows(tl, rate):
    out = []
    start = tl.global_start_time or rt(0, rate)
    counts = {}
    for track in tl.tracks:
        counts[track.kind] = counts.get(track.kind, 0) + 1
        label = "%s%d" % (track.kind[0], counts[track.kind])
        for item in track:
            if isinstance(item, otio.schema.Transition):
                rip = track.range_of_child(item)
                out.append((label, "transition", frames(start + rip.start_time, rate), frames(item.in_offset, rate),
                            frames(item.out_offset, rate)))
                continue
            if not isinstance(item, otio.schema.Clip):
                continue
            rip = item.range_in_parent()
            speed = "100"
            for e in item.effects:
                if isinstance(e, otio.schema.FreezeFrame):
                    speed = "freeze"
                elif isinstance(e, otio.schema.LinearTimeWarp):
                    speed = "%.4g" % e.time_scalar
            reel = (item.metadata.get("cmx_3600") or {}).get("reel", "")
            sr = item.source_range
            out.append((label, "clip", frames(start + rip.start_time, rate), frames(rip.duration, rate), item.name,
                        reel.strip(), frames(sr.start_time, sr.start_time.rate), round(sr.start_time.rate, 3),
                        frames(sr.duration, rate), speed))
    return out


def outgoing_sides(text, rate):
    """The outgoing side of every transition event, as written: (reel, source in, record in) of
    the zero-length cut line before each D/W line of the same event number, timecodes as frames
    (a ';' label is drop-frame). OpenTimelineIO's reader overwrites that line with the incoming
    one, so it is compared on the text."""
    def f(tc):
        return int(round(opentime.from_timecode(tc, rate).value))
    out = []
    previous = None
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 9 and fields[0].isdigit() and (fields[3] == "D" or fields[3].startswith("W")):
            if previous is not None and previous[0] == fields[0] and previous[3] == "C":
                out.append((previous[1], f(previous[4]), f(previous[6])))
            else:
                out.append(("(no outgoing line)", -1, f(fields[6])))
        if len(fields) >= 8 and fields[0].isdigit():
            previous = fields
    return out


def compare(folder):
    failures = []
    stems = sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".otio") and not f.endswith(".back.otio"))
    checked = 0
    for stem in stems:
        path = os.path.join(folder, stem)
        rate = float(open(path + ".rate").read().split()[0])
        for ext in ("otio", "edl"):
            if ext == "otio":
                original = otio.adapters.read_from_file(path + ".otio")
            else:
                original = otio.adapters.read_from_string(open(path + ".edl").read(), "cmx_3600", rate=rate)
            try:
                if ext == "otio":
                    back = otio.adapters.read_from_file(path + ".back.otio")
                else:
                    back = otio.adapters.read_from_string(open(path + ".back.edl").read(), "cmx_3600", rate=rate)
            except Exception as e:  # noqa: BLE001 - any failure to read termcut's export is a finding
                failures.append("%s.back.%s: OpenTimelineIO cannot read it: %s" % (stem, ext, e))
                continue
            a, b = rows(original, rate), rows(back, rate)
            checked += 1
            if ext == "edl":
                # The dissolve's outgoing reel and source timecode come back as OTIO wrote them.
                oa = outgoing_sides(open(path + ".edl").read(), rate)
                ob = outgoing_sides(open(path + ".back.edl").read(), rate)
                if oa != ob:
                    failures.append("%s.edl: outgoing sides of transitions %r, termcut wrote %r" % (stem, oa[:3], ob[:3]))
            if a != b:
                for x, y in zip(a, b):
                    if x != y:
                        failures.append("%s.%s: expected %r, termcut gave %r" % (stem, ext, x, y))
                        break
                else:
                    failures.append("%s.%s: %d rows expected, termcut gave %d (%r)" % (stem, ext, len(a), len(b),
                                                                                      (a[len(b):] or b[len(a):])[:2]))
    print(json.dumps({"checked": checked, "failures": len(failures)}))
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(compare(sys.argv[2]))
