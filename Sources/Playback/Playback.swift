import CSDL2
func _csdlLinks() -> UInt16 { tc_audio_f32sys() }
