// HarfBuzz (shaping), FreeType (glyph outlines and rasterising) and fontconfig (finding fonts)
// import cleanly; FreeType's headers are reached through macros, so they are named here.
#ifndef TERMCUT_CTEXT_SHIM_H
#define TERMCUT_CTEXT_SHIM_H
#include <ft2build.h>
#include <freetype/freetype.h>
#include <hb.h>
#include <hb-ft.h>
#include <fontconfig/fontconfig.h>
#endif
