import CFFmpeg
func _cffmpegLinks() -> Int32 { tc_averror_eof() }
