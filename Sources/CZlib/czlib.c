#include "czlib.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum { CHUNK = 1 << 18 };

struct czlib_reader {
    int fd;
    int32_t gzip;          // -1 not yet known, 0 plain, 1 gzip
    int member_done;       // a gzip member ended; what follows decides
    int at_end;            // nothing more will be returned
    int file_eof;
    int64_t file_read;     // bytes read from the file so far
    int64_t trailing;
    z_stream stream;
    int stream_open;
    unsigned char input[CHUNK];
    char error[160];
};

static czlib_reader *wrap(int fd) {
    if (fd < 0) return NULL;
    czlib_reader *reader = calloc(1, sizeof *reader);
    if (reader == NULL) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    reader->fd = fd;
    reader->gzip = -1;
    return reader;
}

czlib_reader *czlib_open_fd(int32_t fd) { return wrap(dup(fd)); }

czlib_reader *czlib_open(const char *path) { return wrap(open(path, O_RDONLY | O_CLOEXEC)); }

/// Tops up the input buffer (keeping what is unread); 0 at the end of the file, -1 on error.
static int fill(czlib_reader *reader) {
    if (reader->file_eof) return 0;
    if (reader->stream.avail_in == CHUNK) return 1;
    if (reader->stream.avail_in > 0 && reader->stream.next_in != reader->input) {
        memmove(reader->input, reader->stream.next_in, reader->stream.avail_in);
    }
    reader->stream.next_in = reader->input;
    while (1) {
        ssize_t got = read(reader->fd, reader->input + reader->stream.avail_in, CHUNK - reader->stream.avail_in);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            snprintf(reader->error, sizeof reader->error, "%s", strerror(errno));
            return -1;
        }
        if (got == 0) reader->file_eof = 1;
        reader->stream.avail_in += (uInt)got;
        reader->file_read += got;
        return got > 0;
    }
}

/// Decides plain or gzip from the first two bytes.
static int sniff(czlib_reader *reader) {
    while (reader->stream.avail_in < 2 && !reader->file_eof) {
        if (fill(reader) < 0) return -1;
    }
    reader->gzip = reader->stream.avail_in >= 2 && reader->input[0] == 0x1F && reader->input[1] == 0x8B;
    if (reader->gzip) {
        if (inflateInit2(&reader->stream, 16 + MAX_WBITS) != Z_OK) {
            snprintf(reader->error, sizeof reader->error, "cannot start zlib");
            return -1;
        }
        reader->stream_open = 1;
    }
    return 0;
}

static int64_t read_plain(czlib_reader *reader, uint8_t *buffer, int64_t capacity) {
    int64_t copied = 0;
    if (reader->stream.avail_in > 0) {
        copied = reader->stream.avail_in < capacity ? reader->stream.avail_in : capacity;
        memcpy(buffer, reader->stream.next_in, (size_t)copied);
        reader->stream.next_in += copied;
        reader->stream.avail_in -= (uInt)copied;
        return copied;
    }
    while (1) {
        ssize_t got = read(reader->fd, buffer, (size_t)capacity);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            snprintf(reader->error, sizeof reader->error, "%s", strerror(errno));
            return -1;
        }
        reader->file_read += got;
        return got;
    }
}

/// After a member: another member goes on; anything else is counted as trailing and skipped.
static int after_member(czlib_reader *reader) {
    while (reader->stream.avail_in < 2 && !reader->file_eof) {
        if (fill(reader) < 0) return -1;
    }
    if (reader->stream.avail_in == 0) {
        reader->at_end = 1;
        return 0;
    }
    if (reader->stream.avail_in >= 2 && reader->stream.next_in[0] == 0x1F && reader->stream.next_in[1] == 0x8B) {
        inflateReset(&reader->stream);
        reader->member_done = 0;
        return 0;
    }
    reader->trailing += reader->stream.avail_in;
    reader->stream.avail_in = 0;
    while (!reader->file_eof) {
        int64_t before = reader->file_read;
        if (fill(reader) < 0) return -1;
        reader->trailing += reader->file_read - before;
        reader->stream.avail_in = 0;
    }
    reader->at_end = 1;
    return 0;
}

int64_t czlib_read(czlib_reader *reader, uint8_t *buffer, int64_t capacity) {
    if (capacity > (1 << 30)) capacity = 1 << 30;
    reader->error[0] = 0;
    if (reader->gzip < 0 && sniff(reader) < 0) return -1;
    if (!reader->gzip) return read_plain(reader, buffer, capacity);
    reader->stream.next_out = buffer;
    reader->stream.avail_out = (uInt)capacity;
    while (reader->stream.avail_out == (uInt)capacity && !reader->at_end) {
        if (reader->member_done) {
            if (after_member(reader) < 0) return -1;
            continue;
        }
        if (reader->stream.avail_in == 0) {
            int filled = fill(reader);
            if (filled < 0) return -1;
            if (filled == 0 && reader->stream.avail_in == 0) {
                snprintf(reader->error, sizeof reader->error, "unexpected end of file (truncated gzip stream)");
                return -1;
            }
        }
        int status = inflate(&reader->stream, Z_NO_FLUSH);
        if (status == Z_STREAM_END) {
            reader->member_done = 1;
        } else if (status == Z_BUF_ERROR && reader->file_eof && reader->stream.avail_in == 0) {
            snprintf(reader->error, sizeof reader->error, "unexpected end of file (truncated gzip stream)");
            return -1;
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            snprintf(reader->error, sizeof reader->error, "damaged gzip data (%s)",
                     reader->stream.msg ? reader->stream.msg : "zlib error");
            return -1;
        }
    }
    return capacity - reader->stream.avail_out;
}

int32_t czlib_is_gzip(czlib_reader *reader) { return reader->gzip; }

int64_t czlib_trailing_bytes(czlib_reader *reader) { return reader->trailing; }

int64_t czlib_offset(czlib_reader *reader) { return reader->file_read - reader->stream.avail_in; }

const char *czlib_error(czlib_reader *reader) { return reader->error; }

void czlib_close(czlib_reader *reader) {
    if (reader == NULL) return;
    if (reader->stream_open) inflateEnd(&reader->stream);
    close(reader->fd);
    free(reader);
}

struct czlib_deflater {
    z_stream stream;
    unsigned char *out;
    size_t capacity;
};

czlib_deflater *czlib_deflater_open(void) {
    czlib_deflater *deflater = calloc(1, sizeof *deflater);
    if (deflater == NULL) return NULL;
    if (deflateInit2(&deflater->stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(deflater);
        return NULL;
    }
    return deflater;
}

int64_t czlib_deflate(czlib_deflater *deflater, const uint8_t *input, int64_t length, int32_t finish, const uint8_t **output) {
    size_t needed = deflateBound(&deflater->stream, (uLong)length) + 64;
    if (deflater->capacity < needed) {
        unsigned char *grown = realloc(deflater->out, needed);
        if (grown == NULL) return -1;
        deflater->out = grown;
        deflater->capacity = needed;
    }
    deflater->stream.next_in = (unsigned char *)input;
    deflater->stream.avail_in = (uInt)length;
    size_t produced = 0;
    while (1) {
        if (produced == deflater->capacity) {
            unsigned char *grown = realloc(deflater->out, deflater->capacity * 2);
            if (grown == NULL) return -1;
            deflater->out = grown;
            deflater->capacity *= 2;
        }
        deflater->stream.next_out = deflater->out + produced;
        deflater->stream.avail_out = (uInt)(deflater->capacity - produced);
        int status = deflate(&deflater->stream, finish ? Z_FINISH : Z_NO_FLUSH);
        produced = deflater->capacity - deflater->stream.avail_out;
        if (status == Z_STREAM_ERROR) return -1;
        if (finish ? status == Z_STREAM_END : deflater->stream.avail_in == 0) break;
    }
    *output = deflater->out;
    return (int64_t)produced;
}

void czlib_deflater_close(czlib_deflater *deflater) {
    if (deflater == NULL) return;
    deflateEnd(&deflater->stream);
    free(deflater->out);
    free(deflater);
}
