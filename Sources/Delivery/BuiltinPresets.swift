// Generated from presets/*.toml by scripts/regenerate-builtin-presets.py; BuiltinPresetsTests fails when they drift.
/// The shipped delivery presets, compiled in so an installed binary always has them.
enum BuiltinPresets {
    static let files: [String: String] = [
        "archive-ffv1.toml": #"""
# A lossless archive: FFV1 version 3 (intra-only, slice CRCs) in the first clip's pixel format
# and FLAC, in Matroska, as archives (and the Library of Congress) keep video. Frames that need
# no mixing or scaling are stored exactly as decoded.
description = "Lossless archive: FFV1 v3 (source pixel format) + FLAC, MKV"
container = "matroska"
extension = "mkv"

[video]
codec = "ffv1"
pixel_format = "source"
options = { level = "3", slicecrc = "1", g = "1" }

[audio]
codec = "flac"

"""#,
        "dnxhr-hq.toml": #"""
# A mastering intermediate for Avid: DNxHR HQ (8-bit 4:2:2, resolution independent) with
# 24-bit PCM in QuickTime, at the timeline's size and rate, the mix level kept.
description = "DNxHR HQ master: 8-bit 4:2:2, PCM 24-bit, MOV"
container = "mov"
extension = "mov"

[video]
codec = "dnxhd"
pixel_format = "yuv422p"
options = { profile = "dnxhr_hq" }

[audio]
codec = "pcm_s24le"

"""#,
        "h264.toml": #"""
# termcut's default delivery: H.264 High (CRF 18) and AAC in MP4, at the timeline's size and
# rate, the sound left at the level it was mixed. Copy this file to
# ~/.config/termcut/presets/ and change it to make your own.
description = "H.264 High CRF 18 + AAC 256k, MP4, timeline size and rate, mix level kept"
container = "mp4"
extension = "mp4"
container_options = { movflags = "+faststart" }

[video]
codec = "libx264"
pixel_format = "yuv420p"
crf = 18
options = { preset = "medium", profile = "high" }

[audio]
codec = "aac"
bitrate = "256k"

"""#,
        "podcast-mp3.toml": #"""
# Sound only, for podcast hosts: MP3 128k stereo at the mix's 48 kHz,
# -16 LUFS integrated and -1 dBTP, as Apple Podcasts and AES TD1004 recommend.
description = "Podcast MP3: 128k stereo, -16 LUFS / -1 dBTP, no picture"
container = "mp3"
extension = "mp3"

[audio]
codec = "libmp3lame"
bitrate = "128k"

[loudness]
integrated = -16.0
true_peak = -1.0

"""#,
        "podcast-wav.toml": #"""
# Sound only, uncompressed: 16-bit PCM WAV at 48 kHz, -16 LUFS integrated and -1 dBTP
# (AES TD1004), for a host or a mastering step that wants PCM.
description = "Podcast WAV: PCM 16-bit 48 kHz, -16 LUFS / -1 dBTP, no picture"
container = "wav"
extension = "wav"

[audio]
codec = "pcm_s16le"

[loudness]
integrated = -16.0
true_peak = -1.0

"""#,
        "prores-hq.toml": #"""
# A mastering intermediate: Apple ProRes 422 HQ (profile 3, 10-bit 4:2:2) with 24-bit PCM in
# QuickTime, at the timeline's size and rate, the mix level kept.
description = "ProRes 422 HQ master: 10-bit 4:2:2, PCM 24-bit, MOV"
container = "mov"
extension = "mov"

[video]
codec = "prores_ks"
pixel_format = "yuv422p10le"
options = { profile = "3", vendor = "apl0" }

[audio]
codec = "pcm_s24le"

"""#,
        "vertical-1080x1920.toml": #"""
# Vertical 9:16 for short-form video (Shorts, Reels, TikTok): the centre of a 16:9 picture,
# cropped to cover the frame. `--fit fit` letterboxes the whole picture with bars instead.
description = "Vertical 1080x1920: centre crop (--fit fit for bars), H.264 High, AAC 256k, -14 LUFS"
container = "mp4"
extension = "mp4"
container_options = { movflags = "+faststart" }

[video]
codec = "libx264"
width = 1080
height = 1920
fit = "fill"
pixel_format = "yuv420p"
crf = 20
options = { preset = "medium", profile = "high" }

[audio]
codec = "aac"
bitrate = "256k"

[loudness]
integrated = -14.0
true_peak = -1.0

"""#,
        "webm-vp9.toml": #"""
# VP9 and Opus in WebM for the open web: constant quality (CRF 31, bit rate unbounded), as
# Google's VOD recommendations; row multithreading on.
description = "WebM: VP9 CRF 31 + Opus 128k"
container = "webm"
extension = "webm"

[video]
codec = "libvpx-vp9"
pixel_format = "yuv420p"
crf = 31
bitrate = 0
options = { "row-mt" = "1", deadline = "good", "cpu-used" = "2" }

[audio]
codec = "libopus"
bitrate = "128k"

"""#,
        "youtube-1080p.toml": #"""
# YouTube's recommended upload settings for 1080p SDR: H.264 High, progressive, 4:2:0,
# closed GOPs of half the frame rate or so (libx264's default keyint is fine), AAC-LC stereo
# 48 kHz, the index at the front (+faststart). YouTube plays back at -14 LUFS.
description = "YouTube 1080p: H.264 High CRF 18, AAC 320k, +faststart, -14 LUFS / -1 dBTP"
container = "mp4"
extension = "mp4"
container_options = { movflags = "+faststart" }

[video]
codec = "libx264"
width = 1920
height = 1080
fit = "fit"
pixel_format = "yuv420p"
crf = 18
options = { preset = "slow", profile = "high" }

[audio]
codec = "aac"
bitrate = "320k"
sample_rate = 48000
channels = 2

[loudness]
integrated = -14.0
true_peak = -1.0

"""#,
        "youtube-4k.toml": #"""
# YouTube's recommended upload settings for 2160p (4K) SDR: H.264 High, progressive, 4:2:0,
# closed GOPs of half the frame rate or so (libx264's default keyint is fine), AAC-LC stereo
# 48 kHz, the index at the front (+faststart). YouTube plays back at -14 LUFS.
description = "YouTube 4K: H.264 High CRF 18, AAC 320k, +faststart, -14 LUFS / -1 dBTP"
container = "mp4"
extension = "mp4"
container_options = { movflags = "+faststart" }

[video]
codec = "libx264"
width = 3840
height = 2160
fit = "fit"
pixel_format = "yuv420p"
crf = 18
options = { preset = "medium", profile = "high" }

[audio]
codec = "aac"
bitrate = "320k"
sample_rate = 48000
channels = 2

[loudness]
integrated = -14.0
true_peak = -1.0

"""#,
    ]
}
