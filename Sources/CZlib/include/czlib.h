// zlib's streaming gzip reader, behind a header with only <stdint.h> types.
#ifndef CZLIB_H
#define CZLIB_H

#include <stdint.h>

typedef struct czlib_reader czlib_reader;

/// Opens a gzip file for streaming reads (a plain file reads through unchanged). NULL on failure.
czlib_reader *czlib_open(const char *path);

/// Streams from an open file descriptor (standard input); the descriptor is duplicated.
czlib_reader *czlib_open_fd(int32_t fd);

/// Reads up to `capacity` decompressed bytes. Returns the count, 0 at a clean end,
/// -1 on a damaged or truncated stream (see czlib_error).
int64_t czlib_read(czlib_reader *reader, uint8_t *buffer, int64_t capacity);

/// How many bytes of the underlying file (compressed) have been consumed so far.
int64_t czlib_offset(czlib_reader *reader);

/// zlib's description of the last error, or "" when there is none.
const char *czlib_error(czlib_reader *reader);

void czlib_close(czlib_reader *reader);

#endif
