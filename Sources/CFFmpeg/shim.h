// Only what Swift cannot import from FFmpeg's headers: function-like and
// compound-literal macros. No logic lives here.
#ifndef TERMCUT_CFFMPEG_SHIM_H
#define TERMCUT_CFFMPEG_SHIM_H

#include <errno.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>
#include <libavutil/samplefmt.h>
#include <libavutil/display.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersrc.h>
#include <libavfilter/buffersink.h>
// glibc's allocator settings, for a render process that reopens x264 again and again.
#include <malloc.h>

static inline int tc_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int tc_averror_eof(void) { return AVERROR_EOF; }
static inline int tc_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
static inline int tc_averror_decoder_not_found(void) { return AVERROR_DECODER_NOT_FOUND; }
static inline int tc_averror_enomem(void) { return AVERROR(ENOMEM); }
static inline int tc_averror(int posix_errno) { return AVERROR(posix_errno); }
static inline int64_t tc_nopts_value(void) { return AV_NOPTS_VALUE; }
static inline int tc_time_base(void) { return AV_TIME_BASE; }
static inline AVRational tc_time_base_q(void) { AVRational q = { 1, AV_TIME_BASE }; return q; }

// av_err2str is a compound-literal macro; this fills a caller-owned buffer instead.
static inline const char *tc_err2str(int errnum, char *buf, size_t size) {
    return av_make_error_string(buf, size, errnum);
}

#endif
