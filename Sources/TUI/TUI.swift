import CNcurses
import TOMLKit
func _cncursesLinks() -> chtype { tc_acs_hline() }
