import CEBUR128
import Media
