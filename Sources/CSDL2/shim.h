// Only what Swift cannot import from SDL2's headers. No logic lives here.
#ifndef TERMCUT_CSDL2_SHIM_H
#define TERMCUT_CSDL2_SHIM_H

#include <SDL2/SDL.h>

static inline Uint32 tc_sdl_windowpos_centered(void) { return SDL_WINDOWPOS_CENTERED; }
static inline Uint32 tc_sdl_windowpos_undefined(void) { return SDL_WINDOWPOS_UNDEFINED; }
static inline int tc_sdl_must_lock(SDL_Surface *s) { return SDL_MUSTLOCK(s); }
static inline Uint16 tc_audio_f32sys(void) { return AUDIO_F32SYS; }
static inline Uint16 tc_audio_s16sys(void) { return AUDIO_S16SYS; }
static inline Uint32 tc_sdl_init_everything(void) { return SDL_INIT_EVERYTHING; }

#endif
