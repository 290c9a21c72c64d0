// A streaming reader of plain or gzip-compressed files, behind a header with only <stdint.h>
// types. gzip is recognised by its magic bytes, whatever the file's name.
#ifndef CZLIB_H
#define CZLIB_H

#include <stdint.h>

typedef struct czlib_reader czlib_reader;

/// Opens a file for streaming reads. NULL on failure, with errno set.
czlib_reader *czlib_open(const char *path);

/// Streams from an open file descriptor (standard input); the descriptor is duplicated.
czlib_reader *czlib_open_fd(int32_t fd);

/// Reads up to `capacity` bytes, decompressed when the stream is gzip (one member or several
/// one after another). Returns the count, 0 at a clean end, -1 on a damaged or truncated stream
/// or a failed read (see czlib_error).
int64_t czlib_read(czlib_reader *reader, uint8_t *buffer, int64_t capacity);

/// 1 when the stream is gzip, 0 when it is plain, -1 before the first read has looked.
int32_t czlib_is_gzip(czlib_reader *reader);

/// Bytes after the last gzip member that are not gzip themselves (skipped, not returned).
int64_t czlib_trailing_bytes(czlib_reader *reader);

/// How many bytes of the underlying file (compressed) have been consumed so far.
int64_t czlib_offset(czlib_reader *reader);

/// What went wrong with the last read, or "" when nothing did.
const char *czlib_error(czlib_reader *reader);

void czlib_close(czlib_reader *reader);

typedef struct czlib_deflater czlib_deflater;

/// A gzip compressor (one member) at zlib's default level. NULL when memory runs out.
czlib_deflater *czlib_deflater_open(void);

/// Compresses `length` bytes; with `finish`, also everything held back, and ends the member.
/// Points *output at the compressed bytes (owned by the deflater, valid until the next call) and
/// returns their count, or -1 on failure.
int64_t czlib_deflate(czlib_deflater *deflater, const uint8_t *input, int64_t length, int32_t finish, const uint8_t **output);

void czlib_deflater_close(czlib_deflater *deflater);

#endif
